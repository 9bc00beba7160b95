"""Every write of the decisions app, split by what it writes: meetings.py (bodies' meetings, agendas, minutes),
actions.py (the action tracker), pathway.py (the Decision Pathway and the decision register) and incidents.py
(the incident log). Each public function is a `@service` with an acting user and an audit entry."""
