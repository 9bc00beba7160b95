"""The queries every signed-in page runs, named once for the pinned query-count tests of every app."""

# Before the view: the session, the user and their rights.
SIGNED_IN = [
    "the session",
    "the signed-in user",
    "the user's own permissions",
    "the permissions of the user's roles",
    "the user's roles (group names)",
]
# An officer's (or member's) relationships, which the access rules read.
OFFICER = [
    "the members the user supports (current support assignments)",
    "the user's own member record, if they are a member",
]
# The session is saved (the idle timeout restarts) by the first request a minute or more after its last save, so not
# by the measured requests, which follow a warm-up one (tests/mayoral_office/test_sign_in.py).
