"""Polling the casework mailboxes over IMAP (the standard library's imaplib): each active mailbox's messages newer
than the last UID taken are fetched without marking them read (BODY.PEEK[]), each is given to the email_take
service, then flagged \\Seen. A mailbox that cannot be reached is logged and reported, and the others are still
polled. The job behind `manage.py poll_mailboxes` and the Celery task casework.tasks.poll_mailboxes."""

from __future__ import annotations

import imaplib
import logging
import re
import socket
import ssl
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from casework import services
from casework.models import IntakeMessage, Mailbox

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 30
BATCH = 200  # messages taken per mailbox per poll; the rest wait for the next poll
UIDVALIDITY_RE = re.compile(rb"UIDVALIDITY (\d+)")
UID_RE = re.compile(rb"UID (\d+)")


class MailboxError(Exception):
    """The mailbox could not be polled; the message says why, in words an administrator can act on."""


@dataclass
class PollResult:
    mailbox: Mailbox
    taken: list[IntakeMessage] = field(default_factory=list)
    already_taken: int = 0
    error: str = ""

    def summary(self) -> str:
        if self.error:
            return f"{self.mailbox.name}: not polled: {self.error}"
        counts = dict.fromkeys(IntakeMessage.Outcome, 0)
        for record in self.taken:
            counts[record.outcome] += 1
        parts = [f"{counts[IntakeMessage.Outcome.CASE]} case(s) logged"]
        parts += [f"{n} {IntakeMessage.Outcome(k).label.lower()}" for k, n in counts.items() if n and k != "case"]
        if self.already_taken:
            parts.append(f"{self.already_taken} already taken")
        cases = [r.case.reference for r in self.taken if r.case_id]
        return f"{self.mailbox.name}: {', '.join(parts)}" + (f" ({', '.join(cases)})" if cases else "")


def poll_all() -> list[PollResult]:
    """Every active mailbox, one after the other; a failure of one never stops the others."""
    results = []
    for mailbox in Mailbox.objects.filter(is_active=True).select_related("member", "case_type"):
        try:
            result = poll(mailbox)
        except MailboxError as exc:
            logger.warning("Mailbox %s (%s:%s) not polled: %s", mailbox.name, mailbox.host, mailbox.port, exc)
            result = _failed(mailbox, str(exc))
        except Exception:  # a fault of ours on one message: the other mailboxes are still polled
            logger.exception("Mailbox %s: the poll stopped", mailbox.name)
            result = _failed(mailbox, "the poll stopped on an unexpected error (see the log)")
        results.append(result)
    return results


def _failed(mailbox: Mailbox, error: str) -> PollResult:
    services.mailbox_polled(actor=None, mailbox=mailbox, error=error)
    return PollResult(mailbox, error=error)


def poll(mailbox: Mailbox) -> PollResult:
    result = PollResult(mailbox)
    try:
        with _connect(mailbox) as imap:
            _ok(imap.login(mailbox.username, mailbox.password), "signing in")
            typ, _ = imap.select(_quoted(mailbox.folder))
            if typ != "OK":
                raise MailboxError(f"the folder {mailbox.folder!r} does not exist")
            validity = _uid_validity(imap, mailbox.folder)
            last = mailbox.last_uid if validity == mailbox.uid_validity else 0  # new UIDs: the keys still hold
            typ, data = imap.uid("SEARCH", None, f"UID {last + 1}:*")
            _ok((typ, data), "listing the messages")
            uids = sorted(int(n) for n in (data[0] or b"").split() if int(n) > last)[:BATCH]
            for uid in uids:
                raw, internal_date = _fetch(imap, uid)
                try:
                    record = services.email_take(
                        actor=None, mailbox=mailbox, raw=raw, uid=uid, internal_date=internal_date
                    )
                except Exception:  # a fault of ours on this message: recorded, and the poll goes on past it
                    logger.exception("Mailbox %s: message %s could not be taken", mailbox.name, uid)
                    record = services.email_refused(
                        actor=None, mailbox=mailbox, raw=raw, uid=uid, reason="It could not be taken (see the log)"
                    )
                if record is None:
                    result.already_taken += 1
                else:
                    result.taken.append(record)
                imap.uid("STORE", str(uid), "+FLAGS", "(\\Seen)")
                last = uid
            services.mailbox_polled(actor=None, mailbox=mailbox, uid_validity=validity, last_uid=last)
            imap.logout()
    except (TimeoutError, OSError, imaplib.IMAP4.error, ssl.SSLError) as exc:
        raise MailboxError(_describe(exc)) from exc
    return result


def _connect(mailbox: Mailbox) -> imaplib.IMAP4:
    if mailbox.use_ssl:
        return imaplib.IMAP4_SSL(
            mailbox.host, mailbox.port, ssl_context=ssl.create_default_context(), timeout=TIMEOUT_SECONDS
        )
    return imaplib.IMAP4(mailbox.host, mailbox.port, timeout=TIMEOUT_SECONDS)


def _fetch(imap: imaplib.IMAP4, uid: int) -> tuple[bytes, datetime | None]:
    typ, data = imap.uid("FETCH", str(uid), "(INTERNALDATE BODY.PEEK[])")
    _ok((typ, data), f"fetching message {uid}")
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            stamp = imaplib.Internaldate2tuple(item[0])
            moment = datetime.fromtimestamp(time.mktime(stamp), tz=UTC) if stamp else None
            return item[1], moment
    raise MailboxError(f"message {uid} could not be fetched")


def _uid_validity(imap: imaplib.IMAP4, folder: str) -> int:
    _typ, data = imap.response("UIDVALIDITY")
    if data and data[0]:
        return int(data[0])
    typ, data = imap.status(_quoted(folder), "(UIDVALIDITY)")
    match = UIDVALIDITY_RE.search(data[0] or b"") if typ == "OK" and data else None
    return int(match[1]) if match else 0


def _ok(response, doing: str) -> None:
    typ, data = response
    if typ != "OK":
        detail = b" ".join(d for d in data if isinstance(d, bytes)).decode("utf-8", "replace")
        raise MailboxError(f"the server refused {doing}: {detail}")


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _describe(exc: Exception) -> str:
    if isinstance(exc, imaplib.IMAP4.error):
        return f"the server refused the request: {exc}"
    if isinstance(exc, socket.timeout | TimeoutError):
        return f"no answer within {TIMEOUT_SECONDS} seconds"
    if isinstance(exc, ConnectionRefusedError):
        return "the connection was refused (check the server and port)"
    if isinstance(exc, socket.gaierror):
        return "the server's name was not found"
    return f"{type(exc).__name__}: {exc}"
