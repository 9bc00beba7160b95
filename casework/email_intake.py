"""Reading an email, as it comes from a mailbox over IMAP or as a file an officer uploads (`.eml`, or Outlook's
`.msg` through extract-msg), into what a case needs: sender, subject, plain-text body, when it was sent, its
attachments, and whether it is an automatic reply or a bounce (which are recorded but never become cases).
Pure: no writes, no models."""

from __future__ import annotations

import email
import email.policy
import hashlib
import html
import mimetypes
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime

import nh3

EML_EXTENSIONS = {".eml"}
MSG_EXTENSIONS = {".msg"}
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_KEY_LENGTH = 250
NO_SUBJECT = "(no subject)"
AUTO_REPLY_SUBJECTS = re.compile(
    r"^\s*(automatic reply|auto(matic)?[- ]?reply|out of (the )?office|autoreply|auto response)\b", re.IGNORECASE
)
BOUNCE_SENDERS = {"mailer-daemon", "postmaster"}
BOUNCE_SUBJECTS = re.compile(
    r"^\s*(undeliverable|undelivered mail returned|delivery status notification \((failure|delay)\)|"
    r"mail delivery (failed|subsystem))",
    re.IGNORECASE,
)


class UnreadableEmail(ValueError):
    """The file or message is not an email we can read; the message is for the officer."""


@dataclass
class EmailAttachment:
    name: str
    content_type: str
    data: bytes


@dataclass
class ParsedEmail:
    sender_name: str = ""
    sender_email: str = ""
    subject: str = ""
    body: str = ""
    sent_at: datetime | None = None
    message_id: str = ""
    attachments: list[EmailAttachment] = field(default_factory=list)
    auto_reply: bool = False
    bounce: bool = False
    raw_digest: str = ""

    @property
    def case_subject(self) -> str:
        """The subject a case takes from the email (a case must have one)."""
        return (self.subject or NO_SUBJECT)[:200]

    @property
    def key(self) -> str:
        """What identifies the message in its mailbox: its Message-ID, or a SHA-256 of its bytes without one."""
        if self.message_id and len(self.message_id) <= MAX_KEY_LENGTH:
            return self.message_id
        if self.message_id:
            return "sha256:" + hashlib.sha256(self.message_id.encode()).hexdigest()
        return "sha256:" + self.raw_digest


def digest(raw: bytes) -> str:
    """The SHA-256 of a message's bytes, line endings made alike (a server hands back CRLF for what was stored with
    LF), the key of a message without a Message-ID."""
    return hashlib.sha256((raw or b"").replace(b"\r\n", b"\n")).hexdigest()


def html_to_text(markup: str) -> str:
    """Readable plain text from an HTML body: scripts and styles dropped with their content, every tag removed
    (nh3, the same sanitiser as the rest of the project), entities decoded, blank lines tidied."""
    markup = re.sub(r"(?i)<br\s*/?>", "\n", markup)
    markup = re.sub(r"(?i)</(p|div|li|tr|h[1-6]|blockquote)\s*>", "\n", markup)
    text = html.unescape(nh3.clean(markup, tags=set(), clean_content_tags={"script", "style", "head", "title"}))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# What Python's email package or extract-msg may raise on a malformed message, beyond their own errors.
PARSE_ERRORS = (ValueError, IndexError, TypeError, AttributeError, LookupError, AssertionError, OSError)


def parse_bytes(raw: bytes) -> ParsedEmail:
    """An RFC 5322 message (an IMAP fetch or an .eml file). UnreadableEmail is all it raises."""
    try:
        return _parse_bytes(raw)
    except UnreadableEmail:
        raise
    except PARSE_ERRORS as exc:
        raise UnreadableEmail("This email is malformed and cannot be read") from exc


def _parse_bytes(raw: bytes) -> ParsedEmail:
    if not raw or not raw.strip():
        raise UnreadableEmail("The email is empty")
    if raw.startswith(OLE_SIGNATURE):
        raise UnreadableEmail("This is an Outlook .msg file, not an .eml file")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not (message.keys()):
        raise UnreadableEmail("This file is not an email: it has no headers")
    if not any(message.get(h) for h in ("From", "Subject", "Date", "Message-ID")):
        raise UnreadableEmail("This file is not an email: it has no sender, subject or date")
    name, address = _sender(message)
    parsed = ParsedEmail(
        sender_name=name,
        sender_email=address,
        subject=_header(message, "Subject"),
        body=_body(message),
        sent_at=_date(_header(message, "Date")),
        message_id=_message_id(_header(message, "Message-ID")),
        attachments=list(_attachments(message)),
        raw_digest=digest(raw),
    )
    parsed.auto_reply = is_auto_reply(message, parsed.subject)
    parsed.bounce = is_bounce(message, parsed)
    return _without_nul(parsed)


def _without_nul(parsed: ParsedEmail) -> ParsedEmail:
    """The text without NUL characters, which a database text column refuses (a broken mailer's headers)."""
    for name in ("sender_name", "sender_email", "subject", "body", "message_id"):
        setattr(parsed, name, getattr(parsed, name).replace("\x00", ""))
    for attachment in parsed.attachments:
        attachment.name = attachment.name.replace("\x00", "")
    return parsed


def parse_msg(raw: bytes) -> ParsedEmail:
    """An Outlook .msg file, read with extract-msg."""
    import extract_msg
    from extract_msg.exceptions import ExMsgBaseException

    if not raw.startswith(OLE_SIGNATURE):
        raise UnreadableEmail("This is not an Outlook .msg file")
    cannot = "This Outlook file cannot be read. Save the email again from Outlook"
    try:
        msg = extract_msg.openMsg(raw, delayAttachments=False)
    except (ExMsgBaseException, *PARSE_ERRORS) as exc:
        raise UnreadableEmail(cannot) from exc
    try:
        return _read_msg(msg, raw, extract_msg)
    except UnreadableEmail:
        raise
    except (ExMsgBaseException, *PARSE_ERRORS) as exc:
        raise UnreadableEmail(cannot) from exc
    finally:
        msg.close()


def _read_msg(msg, raw: bytes, extract_msg) -> ParsedEmail:
    if not isinstance(msg, extract_msg.Message):
        raise UnreadableEmail("This Outlook file is not an email (it may be a meeting, task or contact)")
    headers = msg.header  # the transport headers, when Outlook kept them
    name, address = _split_address(_text(msg.sender))
    address = address or _text(getattr(msg, "senderEmailAddress", ""))
    body = _text(msg.body)
    if not body.strip() and msg.htmlBody:
        body = html_to_text(msg.htmlBody.decode("utf-8", "replace"))
    sent = msg.date
    parsed = ParsedEmail(
        sender_name=name,
        sender_email=address if "@" in address else "",
        subject=" ".join(_text(msg.subject).split()),
        body=_tidy(body),
        sent_at=sent if isinstance(sent, datetime) and sent.tzinfo else None,
        message_id=_message_id(_text(msg.messageId)),
        attachments=[
            EmailAttachment(_attachment_name(_text(a.longFilename or a.shortFilename), _mime(a), n), _mime(a), a.data)
            for n, a in enumerate(msg.attachments, start=1)
            if isinstance(getattr(a, "data", None), bytes)
        ],
        raw_digest=digest(raw),
    )
    parsed.auto_reply = bool(headers is not None and is_auto_reply(headers, parsed.subject)) or bool(
        AUTO_REPLY_SUBJECTS.match(parsed.subject)
    )
    parsed.bounce = (msg.classType or "").upper().startswith("REPORT.") or (
        headers is not None and is_bounce(headers, parsed)
    )
    return parsed


def parse_upload(name: str, raw: bytes) -> ParsedEmail:
    """An uploaded email file, by its extension."""
    ext = os.path.splitext(name or "")[1].lower()
    if ext in MSG_EXTENSIONS:
        return parse_msg(raw)
    if ext in EML_EXTENSIONS:
        return parse_bytes(raw)
    raise UnreadableEmail("The file must be an email saved as .eml, or an Outlook message saved as .msg")


def is_auto_reply(message, subject: str) -> bool:
    auto_submitted = (message.get("Auto-Submitted") or "").strip().lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return True
    if message.get("X-Autoreply") or message.get("X-Autorespond"):
        return True
    # Not "bulk": a campaign email a resident sent through a campaign's website is still their correspondence.
    if (message.get("Precedence") or "").strip().lower() in {"auto_reply", "junk"}:
        return True
    return bool(AUTO_REPLY_SUBJECTS.match(subject or ""))


def is_bounce(message, parsed: ParsedEmail) -> bool:
    content_type = (message.get("Content-Type") or "").lower()
    if "multipart/report" in content_type and "delivery-status" in content_type:
        return True
    if parsed.sender_email.split("@")[0].lower() in BOUNCE_SENDERS:
        return True
    if (message.get("Return-Path") or "").strip() == "<>":
        return True
    return bool(BOUNCE_SUBJECTS.match(parsed.subject or "")) and not parsed.sender_email


# --- helpers --------------------------------------------------------------------------------------------------
def _header(message, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError):  # a malformed header the policy cannot parse
        value = message.get_all(name, failobj=[""])[0] if hasattr(message, "get_all") else ""
    return " ".join(str(value or "").split())


def _sender(message) -> tuple[str, str]:
    for name in ("From", "Sender", "Reply-To"):
        header = message.get(name)
        addresses = getattr(header, "addresses", None) if header is not None else None
        if addresses:
            first: Address = addresses[0]
            return first.display_name.strip(), first.addr_spec.strip() if "@" in first.addr_spec else ""
        if header:
            found = getaddresses([str(header)])
            if found and found[0][1]:
                return found[0][0].strip(), found[0][1].strip()
    return "", ""


def _split_address(value: str) -> tuple[str, str]:
    found = getaddresses([value])
    if found and "@" in found[0][1]:
        return found[0][0].strip(), found[0][1].strip()
    return value.strip(), ""


def _date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _message_id(value: str) -> str:
    return value.strip().strip("<>").strip()


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError):  # an unknown charset or a broken transfer encoding
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", "replace")
    if part.get_content_type() == "text/html":
        return html_to_text(content)
    return _tidy(content)


def _attachments(message: EmailMessage):
    for number, part in enumerate(message.iter_attachments(), start=1):
        if part.is_multipart() or part.get_content_type() == "message/delivery-status":
            continue
        try:
            data = part.get_payload(decode=True)
        except (ValueError, AssertionError):
            data = None
        if isinstance(data, bytes) and data:
            content_type = part.get_content_type()
            yield EmailAttachment(_attachment_name(part.get_filename(), content_type, number), content_type, data)


def _attachment_name(name: str | None, content_type: str | None, number: int) -> str:
    name = os.path.basename((name or "").replace("\\", "/")).strip()
    if name:
        return name[:200]
    return f"attachment-{number}{mimetypes.guess_extension(content_type or '') or '.bin'}"


def _mime(attachment) -> str:
    return _text(getattr(attachment, "mimetype", None)) or "application/octet-stream"


def _text(value) -> str:
    """A string property of a .msg file, without the terminating NULs some writers leave in."""
    return str(value or "").replace("\x00", "")
