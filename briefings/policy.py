"""What each role may do in briefings, and when: the one answer to "what may this user do to this now?" (the shape
of every app's policy: mayoral_office/policy.py; who sees what: briefings/models/access.py).

Who:
- the Head of Mayor's Office and the Executive and Cabinet Support Officers prepare packs: sections, background,
  commissions, issue and revision; interns write section text in OFFICIAL packs and nothing else;
- the Head of Mayor's Office, or an officer named as a clearance delegate in the briefing rules, clears a pack;
- members read the packs issued to them (the latest version, and the earlier ones);
- a commissioned contributor drafts and submits the section asked of them, and sees nothing else of the pack.
When: a pack is changed only in preparation (reopen a cleared pack, revise an issued one); a pack is cleared once
no commission is open; a commission is drafted while it is with its contributor and decided once submitted.
"""

from __future__ import annotations

from briefings.models import Commission, Pack, PackStatus, PackVersion, Passage, Section
from briefings.models.access import Reader, may_read_pack
from briefings.models.commissions import CommissionState
from mayoral_office.access import office_roles
from mayoral_office.policy import AppPolicy, Policy, Rule, cached_facts

facts = cached_facts(Reader.of)


# --- who ------------------------------------------------------------------------------------------------------
def prepares(f: Reader, obj=None) -> bool:
    """Prepares packs: the Head and the support officers (not interns)."""
    return f.everything or f.officer


def writes_text(f: Reader, obj=None) -> bool:
    """Writes section text: those who prepare packs, and interns on OFFICIAL packs."""
    if prepares(f):
        return True
    pack = obj.pack if isinstance(obj, Section) else obj
    return f.intern and (pack is None or not pack.is_confidential)


def clears(f: Reader, obj=None) -> bool:
    return f.clears


def opens_section(f: Reader, obj=None) -> bool:
    """The section in the menu: the office and members. A contributor outside the office (a directorate contact)
    reaches only the commissions sent to them, from their home page and the email asking them."""
    return f.office or bool(f.member_id)


def reads_library(f: Reader, obj=None) -> bool:
    return f.office or bool(f.member_id)


def is_assignee(f: Reader, commission: Commission) -> bool:
    return commission.assignee_id == f.user_id


def decides_commission(f: Reader, commission: Commission) -> bool:
    return prepares(f)


# --- when -----------------------------------------------------------------------------------------------------
def _in_preparation(pack: Pack) -> bool:
    return pack.status == PackStatus.DRAFT


def _why_locked(pack: Pack) -> str:
    return {
        PackStatus.CLEARED: "This pack has been cleared: reopen it to change it",
        PackStatus.ISSUED: "This pack has been issued: revise it to make a new version",
        PackStatus.WITHDRAWN: "This pack has been withdrawn",
    }.get(pack.status, "This pack cannot be changed now")


def _section_open(section: Section) -> bool:
    return _in_preparation(section.pack)


def _no_open_commissions(pack: Pack) -> bool:
    return not any(c.is_open for c in pack.all_commissions())


def _may_clear(pack: Pack) -> bool:
    return _in_preparation(pack) and _no_open_commissions(pack)


def _why_not_clear(pack: Pack) -> str:
    if not _in_preparation(pack):
        return _why_locked(pack) if pack.status != PackStatus.CLEARED else "This pack is already cleared"
    return "Accept or cancel the open commissions before clearing the pack"


APP_RULES: dict[str, Rule] = {
    "briefings.view": Rule(who=opens_section),
    "pack.create": Rule(who=prepares),
    "pack.list": Rule(who=lambda f, obj: f.office or bool(f.member_id)),
    "commission.list_late": Rule(who=prepares),
    "commission.list_mine": Rule(who=lambda f, obj: f.user_id is not None),
    "library.view": Rule(who=reads_library),
    "library.edit": Rule(who=prepares),
}

PACK_RULES: dict[str, Rule] = {
    "pack.view": Rule(who=lambda f, p: True),
    "pack.work": Rule(who=lambda f, p: f.office),  # sees the pack in preparation, not only its issued versions
    "pack.edit": Rule(who=prepares, when=_in_preparation, why_not=_why_locked),
    "pack.pdf": Rule(who=lambda f, p: f.office),  # the draft PDF, to read before clearance
    "section.add": Rule(who=prepares, when=_in_preparation, why_not=_why_locked),
    "section.reorder": Rule(who=prepares, when=_in_preparation, why_not=_why_locked),
    "background.propose": Rule(who=prepares, when=_in_preparation, why_not=_why_locked),
    "pack.clear": Rule(who=clears, when=_may_clear, why_not=_why_not_clear),
    "pack.reopen": Rule(
        who=prepares, when=lambda p: p.status == PackStatus.CLEARED, why_not="Only a cleared pack can be reopened"
    ),
    "pack.issue": Rule(
        who=prepares, when=lambda p: p.status == PackStatus.CLEARED, why_not="Clear the pack before issuing it"
    ),
    "pack.revise": Rule(
        who=prepares, when=lambda p: p.status == PackStatus.ISSUED, why_not="Only an issued pack can be revised"
    ),
    "pack.withdraw": Rule(
        who=prepares, when=lambda p: p.status != PackStatus.WITHDRAWN, why_not="This pack has been withdrawn"
    ),
    "pack.versions": Rule(who=lambda f, p: p.latest_version > 0),
}

SECTION_RULES: dict[str, Rule] = {
    "section.edit": Rule(who=writes_text, when=_section_open, why_not=lambda s: _why_locked(s.pack)),
    "section.remove": Rule(who=prepares, when=_section_open, why_not=lambda s: _why_locked(s.pack)),
    "section.upload_paper": Rule(who=prepares, when=_section_open, why_not=lambda s: _why_locked(s.pack)),
    "section.commission": Rule(
        who=prepares,
        when=lambda s: _section_open(s) and not any(c.is_open for c in s.commissions.all()),
        why_not=lambda s: _why_locked(s.pack) if not _section_open(s) else "This section is already commissioned",
    ),
    "section.insert_passage": Rule(who=writes_text, when=_section_open, why_not=lambda s: _why_locked(s.pack)),
}

COMMISSION_RULES: dict[str, Rule] = {
    "commission.view": Rule(who=lambda f, c: True),
    "commission.draft": Rule(
        who=is_assignee,
        when=lambda c: c.is_with_contributor and _in_preparation(c.section.pack),
        why_not="This section is not with you to write now",
    ),
    "commission.submit": Rule(
        who=is_assignee,
        when=lambda c: c.is_with_contributor and _in_preparation(c.section.pack),
        why_not="This section is not with you to write now",
    ),
    "commission.accept": Rule(
        who=decides_commission,
        when=lambda c: c.state == CommissionState.SUBMITTED,
        why_not="Only a submitted section can be accepted",
    ),
    "commission.return": Rule(
        who=decides_commission,
        when=lambda c: c.state == CommissionState.SUBMITTED,
        why_not="Only a submitted section can be returned",
    ),
    "commission.cancel": Rule(
        who=decides_commission, when=lambda c: c.is_open, why_not="This commission is no longer open"
    ),
}

VERSION_RULES: dict[str, Rule] = {
    "version.view": Rule(who=lambda f, v: True),
}

PASSAGE_RULES: dict[str, Rule] = {
    "passage.view": Rule(who=reads_library),
    "passage.edit": Rule(who=prepares),
}


def _pack_visible(user, pack: Pack) -> bool:
    return may_read_pack(Reader.of(user), pack)


def _section_visible(user, section: Section) -> bool:
    reader = Reader.of(user)
    return may_read_pack(reader, section.pack) and reader.office


def _commission_visible(user, commission: Commission) -> bool:
    reader = Reader.of(user)
    if commission.assignee_id == reader.user_id:
        return True
    return reader.office and may_read_pack(reader, commission.section.pack)


def _version_visible(user, version: PackVersion) -> bool:
    return may_read_pack(Reader.of(user), version.pack)


policy = AppPolicy(
    Policy("briefings", APP_RULES, facts=facts),
    {
        Pack: Policy("pack", PACK_RULES, facts=facts, visible=_pack_visible),
        Section: Policy("section", SECTION_RULES, facts=facts, visible=_section_visible),
        Commission: Policy("commission", COMMISSION_RULES, facts=facts, visible=_commission_visible),
        PackVersion: Policy("version", VERSION_RULES, facts=facts, visible=_version_visible),
        Passage: Policy("passage", PASSAGE_RULES, facts=facts, visible=lambda u, p: reads_library(Reader.of(u))),
    },
)

available_actions = policy.available_actions
require = policy.require
allows = policy.allows


def may_open(user) -> bool:
    """The menu's check, on every page: from the user's roles alone (the same answer as "briefings.view")."""
    return office_roles(user)
