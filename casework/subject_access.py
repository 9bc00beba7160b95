"""The subject access pack: everything the service holds on a person, as one ZIP. Pure: it reads what the service
(casework.services.privacy.subject_access_export) loaded and renders files; the service logs and audits it.

The ZIP holds
- `summary.pdf`: the whole record in words, with the pack's contents and the items for the reviewer;
- `subject-access.json`: the same, machine-readable (cases with their timeline, drafts, letters, contributions,
  documents and emails; what other parts of the service hold, from the registry's personal-data providers);
- `cases.csv`, `timeline.csv`, `drafts.csv`, `contributions.csv`, `documents.csv` and `<app>/records.csv`;
- `<reference>/letters/*.pdf` (every version of the response as a letter, the one sent marked so) and
  `<reference>/documents/*` (the uploaded files); `<app>/...` for the files other apps hold;
- `REDACTION-REVIEW.txt`: what must be reviewed before release (confidential and sensitive cases, third parties
  named in directorates' answers, records matched only by email address); the JSON flags the same items.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.text import get_valid_filename

from casework.letters import letter_frame
from casework.models import Case, Draft
from mayoral_office.pdf import render_pdf
from mayoral_office.registry import DataSubject, PersonalData
from mayoral_office.spreadsheets import safe_cell

SUMMARY = "summary.pdf"
JSON_FILE = "subject-access.json"
REVIEW_FILE = "REDACTION-REVIEW.txt"


class Encoder(DjangoJSONEncoder):
    """Dates, decimals and the like as DjangoJSONEncoder writes them; any other value (a phone number) as text."""

    def default(self, o):
        try:
            return super().default(o)
        except TypeError:
            return str(o)


@dataclass
class Pack:
    """The pack as it is assembled: files in the order they go into the ZIP, and the reviewer's items."""

    files: dict[str, bytes] = field(default_factory=dict)
    review: list[dict] = field(default_factory=list)

    def add(self, path: str, content: bytes | str) -> str:
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content
        return path

    def flag(self, item: str, reason: str) -> dict:
        entry = {"item": item, "reason": reason}
        self.review.append(entry)
        return entry


def folder(case: Case) -> str:
    return case.reference.replace("/", "-")


def data_subject(correspondent, records) -> DataSubject:
    """The person as the registry's providers look them up: every name, address and phone number on their records."""

    def distinct(values):
        return tuple(dict.fromkeys(str(v).strip() for v in values if v and str(v).strip()))

    return DataSubject(
        name=correspondent.name,
        emails=distinct([correspondent.email, *(r.email for r in records)]),
        phones=distinct([correspondent.phone, *(r.phone for r in records)]),
        names=distinct([correspondent.name, *(r.name for r in records)]),
    )


def _when(value) -> str:
    return timezone.localtime(value).isoformat() if value else ""


def _letter(pack: Pack, case: Case, draft: Draft) -> dict:
    sent = bool(case.response_sent_on and case.response_draft_id == draft.pk)
    name = f"sent-response-version-{draft.version}.pdf" if sent else f"draft-version-{draft.version}.pdf"
    pdf = render_pdf(
        "casework/pdf/letter.html",
        {
            "case": case,
            "draft": draft,
            "is_final": sent or draft.state == Draft.State.APPROVED,
            "letter_date": case.response_sent_on if sent else timezone.localtime(draft.created_at).date(),
            "protective_marking": case.protective_marking,
            **letter_frame(draft.body),
        },
    )
    return {
        "version": draft.version,
        "state": draft.get_state_display(),
        "sent": sent,
        "written_at": _when(draft.created_at),
        "written_by": draft.created_by.full_name if draft.created_by else "",
        "reviewed_by": draft.reviewed_by.full_name if draft.reviewed_by else "",
        "reviewed_at": _when(draft.reviewed_at),
        "review_comments": draft.review_comments,
        "body": draft.body,
        "letter": pack.add(f"{folder(case)}/letters/{name}", pdf),
    }


def _document(pack: Pack, case: Case, attachment) -> dict:
    name = get_valid_filename(attachment.original_name) or "document"
    path = f"{folder(case)}/documents/{attachment.pk}-{name}"
    try:
        with attachment.file.open("rb") as handle:
            pack.add(path, handle.read())
        missing = False
    except (FileNotFoundError, ValueError):
        path = pack.add(f"{folder(case)}/documents/{attachment.pk}-MISSING.txt", "The stored file could not be found.")
        missing = True
        pack.flag(f"{case.reference}: document '{attachment.original_name}'", "The stored file could not be found")
    return {
        "name": attachment.original_name,
        "path": path,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "description": attachment.description,
        "uploaded_at": _when(attachment.uploaded_at),
        "missing": missing,
    }


def _contribution(pack: Pack, case: Case, item) -> dict:
    names = {user.full_name for user in (item.requested_by, item.answered_by) if user is not None and user.full_name}
    review = bool(item.answer)
    if review:
        pack.flag(
            f"{case.reference}: the answer from {item.directorate}",
            "A directorate's answer about the case: it may name council officers or other people ("
            + (", ".join(sorted(names)) or "no named officer")
            + ") or hold information exempt from disclosure",
        )
    return {
        "directorate": str(item.directorate),
        "question": item.question,
        "asked_at": _when(item.requested_at),
        "due_on": item.due_on,
        "answer": item.answer,
        "answered_at": _when(item.answered_at),
        "third_party_names": sorted(names),
        "redaction_review": review,
    }


def _case(pack: Pack, case: Case, correspondent, emails) -> dict:
    reasons = []
    if case.is_confidential:
        reasons.append("Confidential case: check it for third parties' data and exempt information before release")
    elif case.sensitivity == "sensitive":
        reasons.append("Sensitive case: check it for third parties' data before release")
    if case.correspondent_id != correspondent.pk:
        reasons.append(
            f"Recorded under another correspondent record ({case.correspondent.name}) with the same email address: "
            "confirm it is the same person"
        )
    for reason in reasons:
        pack.flag(case.reference, reason)
    drafts = sorted(case.drafts.all(), key=lambda d: d.version)
    return {
        "reference": case.reference,
        "type": case.case_type.name,
        "subject": case.subject,
        "received_at": _when(case.received_at),
        "channel": case.get_channel_display(),
        "addressed_to": case.member.name,
        "officer": case.officer.full_name if case.officer else "",
        "stage": case.get_status_display(),
        "sensitivity": case.get_sensitivity_display(),
        "confidential": case.is_confidential,
        "recorded_under": case.correspondent.name,
        "summary": case.summary,
        "full_text": case.body,
        "response_sent_on": case.response_sent_on,
        "response_method": case.get_response_method_display(),
        "redaction_review": bool(reasons),
        "redaction_reasons": reasons,
        "timeline": [
            {
                "at": _when(e.at),
                "kind": e.get_kind_display(),
                "stage": e.get_to_status_display() if e.to_status else "",
                "text": e.text,
                "by": e.actor.full_name if e.actor else "System",
            }
            for e in case.events.all()
        ],
        "drafts": [_letter(pack, case, d) for d in drafts],
        "contributions": [_contribution(pack, case, item) for item in case.contributions.all()],
        "documents": [_document(pack, case, a) for a in case.attachments.all()],
        "emails": [
            {"to": e.to, "subject": e.subject, "status": e.get_status_display(), "sent_at": _when(e.sent_at)}
            for e in emails.get(str(case.pk), [])
        ],
    }


def _other(pack: Pack, data: PersonalData) -> dict:
    app = get_valid_filename(data.app_label) or "other"
    files = [pack.add(f"{app}/{path.lstrip('/')}", content) for path, content in data.files]
    for note in data.review:
        pack.flag(data.label, note)
    for record in data.records:
        if record.get("redaction_review"):
            pack.flag(
                f"{data.label}: {record.get('title', '')}", record.get("redaction_reason") or "Review before release"
            )
    return {"app": app, "label": data.label, "records": list(data.records), "files": files}


def _csv(rows: list[dict], columns: list[str] | None = None) -> bytes:
    columns = columns or list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(_flat(row.get(column, ""))) for column in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _flat(value):
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, cls=Encoder, ensure_ascii=False)
    return "" if value is None else value


def _tables(pack: Pack, cases: list[dict], others: list[dict]) -> None:
    pack.add(
        "cases.csv",
        _csv(
            [
                {k: v for k, v in c.items() if k not in ("timeline", "drafts", "contributions", "documents")}
                for c in cases
            ]
        ),
    )
    pack.add("timeline.csv", _csv([{"reference": c["reference"], **e} for c in cases for e in c["timeline"]]))
    pack.add(
        "drafts.csv",
        _csv([{"reference": c["reference"], **d} for c in cases for d in c["drafts"]]),
    )
    pack.add("contributions.csv", _csv([{"reference": c["reference"], **i} for c in cases for i in c["contributions"]]))
    pack.add("documents.csv", _csv([{"reference": c["reference"], **d} for c in cases for d in c["documents"]]))
    for other in others:
        if other["records"]:
            pack.add(f"{other['app']}/records.csv", _csv(other["records"]))


def _review_text(correspondent, produced_by, produced_at, review: list[dict]) -> str:
    lines = [
        f"Subject access pack for {correspondent.name}: items to review before release",
        f"Produced by {produced_by.full_name} on {timezone.localtime(produced_at):%-d %B %Y at %H:%M}.",
        "",
    ]
    if not review:
        lines.append("Nothing was flagged. Read the pack before release all the same.")
    lines += [f"{n}. {entry['item']}: {entry['reason']}." for n, entry in enumerate(review, start=1)]
    return "\n".join(lines) + "\n"


def build(*, correspondent, records, cases, others: list[PersonalData], emails: dict, produced_by) -> bytes:
    """The ZIP for `correspondent` (and the `records` of the same person), from `cases` loaded with their timeline,
    drafts, contributions and documents; `others` from the registry; `emails` the outbox rows by case id."""
    produced_at = timezone.now()
    pack = Pack()
    case_data = [_case(pack, case, correspondent, emails) for case in cases]
    other_data = [_other(pack, data) for data in others]
    _tables(pack, case_data, other_data)
    subject = data_subject(correspondent, records)
    document = {
        "produced_at": _when(produced_at),
        "produced_by": produced_by.full_name,
        "person": {"name": subject.name, "emails": subject.emails, "phones": subject.phones, "names": subject.names},
        "records": [
            {
                "id": r.pk,
                "type": r.get_kind_display(),
                "name": r.name,
                "organisation": r.organisation,
                "address": r.address,
                "postcode": r.postcode,
                "ward": str(r.ward) if r.ward_id else "",
                "email": r.email,
                "phone": str(r.phone or ""),
                "created_at": _when(r.created_at),
            }
            for r in records
        ],
        "cases": case_data,
        "other_services": other_data,
        "redaction_review": pack.review,
    }
    pack.add(REVIEW_FILE, _review_text(correspondent, produced_by, produced_at, pack.review))
    document["files"] = [SUMMARY, JSON_FILE, *pack.files]
    summary = render_pdf(
        "casework/pdf/subject_access.html",
        {
            "correspondent": correspondent,
            "records": records,
            "cases": cases,
            "case_data": case_data,
            "others": other_data,
            "review": pack.review,
            "files": document["files"],
            "produced_by": produced_by,
            "produced_at": produced_at,
        },
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(SUMMARY, summary)
        archive.writestr(JSON_FILE, json.dumps(document, cls=Encoder, ensure_ascii=False, indent=2))
        for path, content in pack.files.items():
            archive.writestr(path, content)
    return buffer.getvalue()
