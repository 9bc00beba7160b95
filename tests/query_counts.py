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
# After the view: the session saved, so the idle timeout restarts.
SESSION_SAVED = ["savepoint", "the session saved (the idle timeout restarts)", "savepoint released"]
