"""The error types every service raises, so a view handles any app's refusal the same way.

- `PermissionDenied`: the user may never do this (their role or relationship to the record). Django turns it into a
  403 page. A record the user may not even see is a 404 from the authorising fetch, before any service runs.
- `ServiceError`: the user may do this kind of thing, but not now or not like this ("A finished case cannot be put
  on hold"). The message is plain English for the officer; `field` names the form field it belongs to, if any.
- `Conflict`: someone else saved the record since the officer loaded it; nothing was saved.
- `NeedsConfirmation`: allowed, but probably a slip (a contribution due after the response, a clash in the diary):
  the officer must confirm, or give a reason, and submit again. `warnings` says why.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied


class PermissionDenied(DjangoPermissionDenied):
    """Not allowed for this user, whatever the state of the record (403)."""


class ServiceError(Exception):
    """A rule of the office was broken; nothing was saved."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Conflict(ServiceError):
    """Someone else changed the record while this officer was working on it."""

    DEFAULT = (
        "Someone else changed this record while you were working on it. Your changes have not been saved. "
        "Check the record as it is now and make your changes again."
    )

    def __init__(self, message: str | None = None):
        super().__init__(message or self.DEFAULT)


class NeedsConfirmation(ServiceError):
    """Allowed, but the officer must confirm (or give a reason) first."""

    def __init__(self, warnings: list[str], *, field: str | None = None, items=()):
        self.warnings = list(warnings)
        self.items = list(items)  # what the warnings are about (for example the clashing engagements)
        super().__init__(". ".join(self.warnings), field=field)
