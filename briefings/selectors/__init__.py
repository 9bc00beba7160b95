"""Every read of the briefings app that matters, starting from `visible_to(user)`: packs.py (lists and the pack
page), commissions.py, versions.py, library.py, background.py, home.py (the landing page and "your work") and
diary.py (the pack status on each diary engagement)."""
