"""The response letter: which version of the draft it prints, whether that is final, and how it is framed.
Pure: no writes."""

from __future__ import annotations

import re

from django.utils import timezone

from casework.models import FINISHED_STATUSES, Draft, Status

SIGN_OFFS = ("yours sincerely", "yours faithfully", "kind regards", "best wishes")


def approved_draft(case) -> Draft | None:
    """The approved version, if it is still the latest one (a later version needs approval of its own)."""
    latest = case.latest_draft
    return latest if latest is not None and latest.state == Draft.State.APPROVED else None


def letter_draft(case) -> tuple[Draft | None, bool]:
    """The version the letter prints and whether it is final: once sent, the version that was sent; before that
    the latest version, final only if the member approved exactly that version."""
    if case.status in FINISHED_STATUSES and case.response_draft_id and case.response_sent_on:
        return case.response_draft, True
    latest = case.latest_draft
    if latest is None:
        return None, False
    return latest, latest.state == Draft.State.APPROVED and case.status == Status.APPROVED


def letter_frame(body: str) -> dict[str, bool]:
    """Whether the letter adds its own greeting ("Dear <name>,") and sign-off ("Yours sincerely,"): only when the
    draft does not already start with "Dear" or end with a sign-off (followed perhaps by a name and title on the
    last lines). The signature block is always added."""
    lines = [line.strip() for line in (body or "").splitlines() if line.strip()]
    starts_with_dear = bool(lines) and re.match(r"dear\b", lines[0], re.IGNORECASE) is not None
    ends_with_sign_off = any(line.lower().startswith(SIGN_OFFS) for line in lines[-4:])
    return {"add_greeting": not starts_with_dear, "add_sign_off": not ends_with_sign_off}


def letter_context(case) -> dict:
    """Everything the letter template needs."""
    draft, is_final = letter_draft(case)
    return {
        "case": case,
        "draft": draft,
        "is_final": is_final,
        "letter_date": case.response_sent_on or timezone.localdate(),
        "protective_marking": case.protective_marking,
        **letter_frame(draft.body if draft else ""),
    }
