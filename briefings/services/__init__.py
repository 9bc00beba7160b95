"""Every write of the briefings app, split by what it writes: packs.py (packs), sections.py (their sections and
papers), commissions.py (sections asked of contributors), issue.py (clearance, issue, revision and the rendering
of issued versions), background.py (the background proposed from the office's records), library.py (the speech
library) and follow.py (due dates that follow an engagement, a meeting or a closure day). Each public function is
a `@service` with an acting user and an audit entry."""
