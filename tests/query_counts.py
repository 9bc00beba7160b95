"""The queries every signed-in page runs, named once for the pinned query-count tests of every app."""

# Before the view: the session and the user. Their roles and permissions come from the cache after a first request
# (mayoral_office.choices, replaced by any change to users, roles or permissions: test_choices.py).
SIGNED_IN = [
    "the session",
    "the signed-in user",
]
# An officer's (or member's) relationships, which the access rules read.
OFFICER = [
    "the members the user supports (current support assignments)",
    "the user's own member record, if they are a member",
]
# The session is saved (the idle timeout restarts) by the first request a minute or more after its last save, so not
# by the measured requests, which follow a warm-up one (tests/mayoral_office/test_sign_in.py).
# A filter panel's options of the reference tables (members, officers, wards, case types...) come from the cache
# after a first request (mayoral_office.choices), so not in these counts either: test_choices.py.
