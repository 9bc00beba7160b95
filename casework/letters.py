"""The response letter: which version of the draft it prints, whether that is final, how it is framed, and how it
greets and addresses the correspondent. Pure: no writes."""

from __future__ import annotations

import re

from django.utils import timezone

from casework.models import FINISHED_STATUSES, Draft, Status

SIGN_OFFS = ("yours sincerely", "yours faithfully", "kind regards", "best wishes")

# Suggested on the intake form; any other title typed is used as it is.
TITLE_SUGGESTIONS = (
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Rev", "Cllr", "Rt Hon", "Sir", "Dame", "Lord", "Lady", "Baroness",
)  # fmt: skip
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx"}
FIRST_NAME_TITLES = {"sir", "dame"}  # "Dear Sir John", "Dear Dame Judi"
PEERAGES = {"lord", "lady", "baroness", "baron", "viscount", "viscountess", "earl", "countess"}
KNOWN_TITLES = HONORIFICS | FIRST_NAME_TITLES | PEERAGES | {"dr", "prof", "professor", "rev", "cllr", "councillor"}
STYLE_PREFIXES = ("the rt hon ", "rt hon ", "the right honourable ", "right honourable ", "the hon ", "hon ")
# Letters after a name: on the address block, never in the greeting ("Dear Ms Ali", not "Dear Ms Ali MP").
POST_NOMINALS = {"MP", "MSP", "MS", "MLA", "MEP", "AM", "KC", "QC", "JP", "DL", "PC", "CH", "MBE", "OBE", "CBE"}
POST_NOMINALS |= {"KBE", "DBE", "FRS", "PhD"}


def _without_style(title: str) -> tuple[str, str]:
    """('Rt Hon', 'Sir') from 'Rt Hon Sir': the style of address (never in the greeting) and the title itself."""
    lowered = f"{title.lower()} "
    for prefix in STYLE_PREFIXES:
        if lowered.startswith(prefix) or lowered == prefix:
            return "The Rt Hon" if "rt" in prefix or "right" in prefix else "The Hon", title[len(prefix) :].strip()
    return "", title


def name_parts(correspondent) -> dict:
    """The correspondent's title, name and letters after it, however they were typed: a title typed into the name
    ("Mr Ahmed Miah") counts as the title, and post-nominals ("Rupa Ali MP") are set apart."""
    words = " ".join((correspondent.name or "").replace(",", " ").split()).split(" ")
    letters_after = []
    while len(words) > 1 and words[-1].rstrip(".") in POST_NOMINALS:
        letters_after.insert(0, words.pop().rstrip("."))
    style, title = _without_style(" ".join((correspondent.title or "").split()))
    name_style, rest = _without_style(" ".join(words))
    words = rest.split(" ") if rest else words
    style = style or name_style
    while len(words) > 1 and words[0].lower().rstrip(".") in KNOWN_TITLES:
        found = words.pop(0).rstrip(".")
        title = title or found
    return {"style": style, "title": title, "words": words, "letters_after": letters_after}


def salutation(correspondent) -> str:
    """The letter's greeting (Debrett's and the UK Parliament's forms): title and surname ("Dear Mr Miah,", "Dear
    Cllr Davies,", an MP "Dear Ms Ali," with no 'MP', a peer "Dear Lord Smith," or "Dear Baroness Jones,"); a knight
    or dame by first name ("Dear Sir John,", "Dear Dame Judi,"); with no title, the full name ("Dear Sam Green,").
    The correspondent's own salutation, when set, wins."""
    override = " ".join((correspondent.salutation or "").split())
    if override:
        return override if override.endswith(",") else f"{override},"
    parts = name_parts(correspondent)
    title, words = parts["title"], parts["words"]
    if not title:
        return f"Dear {' '.join(words)},"
    if title.lower() in FIRST_NAME_TITLES:
        return f"Dear {title} {words[0]},"
    name = " ".join(words)
    if title.lower() in PEERAGES and " of " in f" {name} ":
        name = name.split(" of ")[0]  # "Lord Smith of Finsbury" -> "Dear Lord Smith"
    return f"Dear {title} {name.split(' ')[-1]},"


def addressee(correspondent) -> str:
    """The name on the address block: style, title, name and letters after it ("The Rt Hon Sir John Smith",
    "Dr Priya Shah"). An MP is "Rupa Ali MP", without Mr or Ms, as Parliament addresses its members."""
    parts = name_parts(correspondent)
    letters_after = parts["letters_after"]
    is_mp = correspondent.kind == "mp"
    if is_mp and "MP" not in letters_after:
        letters_after = [*letters_after, "MP"]
    title = "" if is_mp and parts["title"].lower() in HONORIFICS else parts["title"]
    return " ".join(p for p in [parts["style"], title, " ".join(parts["words"]), *letters_after] if p)


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
        "salutation": salutation(case.correspondent),
        "addressee": addressee(case.correspondent),
        **letter_frame(draft.body if draft else ""),
    }
