"""An email file (.eml or .msg) an officer drops onto the intake form, kept between the form's pages.

A browser never sends a chosen file twice: once the form comes back (the email read into it, or a field to mend),
the file box is empty. So the file's bytes are kept in the private storage under a random name, and the form
carries a signed token naming them, for this officer only and for a day; the case logged, they are forgotten, and
the daily retention job forgets any left behind (`forget_stale`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casework.email_intake import ParsedEmail, UnreadableEmail, parse_upload
from casework.uploads import check_upload
from mayoral_office.errors import ServiceError

FOLDER = "intake-email"
SALT = "casework.email-file"
KEPT_FOR = timedelta(days=1)
AGAIN = "Choose the email file again: the one read earlier is no longer kept"


@dataclass
class EmailFile:
    """An email file read for the intake form: its name, what it says, the token that brings it back, and which of
    its attachments will be kept with the case (and why each other will not)."""

    name: str
    parsed: ParsedEmail
    token: str
    kept: list = field(default_factory=list)
    not_kept: list = field(default_factory=list)

    @property
    def refusal(self) -> str:
        """Why this email is not correspondence, or ""."""
        if self.parsed.bounce:
            return "This email is a bounce (a message that could not be delivered). It is not logged as a case"
        if self.parsed.auto_reply:
            return "This email is an automatic reply. It is not logged as a case"
        return ""


def read(user, name: str, raw: bytes) -> EmailFile:
    """A file just chosen: read it (UnreadableEmail if it is not an email) and keep it for this officer."""
    parsed = parse_upload(name, raw)
    path = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}", ContentFile(raw))
    token = signing.dumps({"user": user.pk, "path": path, "name": name[:200]}, salt=SALT)
    return EmailFile(name, parsed, token, *sort_attachments(parsed))


def read_again(user, token: str) -> EmailFile:
    """The file kept by an earlier page of the form (UnreadableEmail if the token is not this officer's, is
    older than a day, or its file is gone)."""
    try:
        kept = signing.loads(token, salt=SALT, max_age=KEPT_FOR)
    except signing.BadSignature as exc:
        raise UnreadableEmail(AGAIN) from exc
    path = str(kept.get("path", ""))
    if kept.get("user") != user.pk or not path.startswith(f"{FOLDER}/") or not default_storage.exists(path):
        raise UnreadableEmail(AGAIN)
    with default_storage.open(path, "rb") as handle:
        raw = handle.read()
    name = str(kept.get("name", ""))
    parsed = parse_upload(name, raw)
    return EmailFile(name, parsed, token, *sort_attachments(parsed))


def forget(token: str) -> None:
    """The case is logged: its email file need not be kept."""
    try:
        path = str(signing.loads(token, salt=SALT).get("path", ""))
    except signing.BadSignature:
        return
    if path.startswith(f"{FOLDER}/"):
        default_storage.delete(path)


def forget_stale(now=None) -> int:
    """Email files read more than a day ago and never logged (the officer gave up): deleted. Returns how many."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    try:
        _, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    forgotten = 0
    for path in (f"{FOLDER}/{name}" for name in names):
        try:  # a file the officer's case forgot meanwhile is simply gone
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                forgotten += 1
        except FileNotFoundError:
            continue
    return forgotten


def sort_attachments(parsed: ParsedEmail) -> tuple[list, list]:
    """Each attachment through the same checks as an upload: the files kept, and why each other is not."""
    kept, not_kept = [], []
    for item in parsed.attachments:
        upload = SimpleUploadedFile(item.name, item.data, content_type=item.content_type)
        try:
            check_upload(upload)
        except ServiceError as exc:
            not_kept.append(exc.message)  # names the file
        else:
            kept.append(upload)
    return kept, not_kept
