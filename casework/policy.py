"""What each role may do in casework, and when: the one answer to "what may this user do to this case now?".

Services call `require(actor, action, obj)` first; views pass `available_actions(user, obj)` to templates as
`actions`, and templates only test membership. So a button shows exactly when the service would accept it.

Who (DESIGN.md section 1):
- workers: the Head of Mayor's Office and the Executive and Cabinet Support Officers log, allocate and progress
  the cases they can see;
- drafters: workers, and interns, who read and draft on standard cases only;
- the member a case is addressed to: approves its response, adds notes and documents;
- directorate contacts: answer the contribution requests sent to their directorate, and see nothing else.
What a user can *see* is `Case.objects.visible_to(user)` (models.py); these rules assume the record is visible.
"""

from __future__ import annotations

from dataclasses import dataclass

from casework.models import (
    Case,
    ContributionRequest,
    Correspondent,
    Draft,
    Status,
    can_move,
)
from mayoral_office.access import (
    has_perm,
    is_directorate_contact,
    is_draft_only,
    own_member_id,
    sees_everything,
)
from mayoral_office.policy import AppPolicy, Policy, Rule, cached_facts


@dataclass(frozen=True)
class Facts:
    user_id: int
    sees_everything: bool
    worker: bool
    drafter: bool
    contact_directorate_id: int | None
    member_id: int | None
    sees_contributions: bool


@cached_facts
def facts(user) -> Facts:
    everything = sees_everything(user)
    contact = is_directorate_contact(user)
    worker = everything or (has_perm(user, "view_supported_records") and not is_draft_only(user) and not contact)
    return Facts(
        user_id=user.pk,
        sees_everything=everything,
        worker=worker,
        drafter=worker or is_draft_only(user),
        contact_directorate_id=user.directorate_id if contact else None,
        member_id=own_member_id(user),
        sees_contributions=contact or everything or has_perm(user, "view_supported_records"),
    )


# --- who ------------------------------------------------------------------------------------------------------
def worker(f: Facts, obj) -> bool:
    return f.worker


def drafter(f: Facts, obj) -> bool:
    return f.drafter


def office(f: Facts, obj) -> bool:
    return f.contact_directorate_id is None and (f.drafter or f.member_id is not None)


def worker_or_its_member(f: Facts, case: Case) -> bool:
    return f.worker or (f.member_id is not None and f.member_id == case.member_id)


def anyone(f: Facts, obj) -> bool:
    return True


# --- when -----------------------------------------------------------------------------------------------------
def _live(case: Case) -> bool:
    return case.anonymised_at is None


def _open(case: Case) -> bool:
    return case.is_open and _live(case)


def _moves_to(status: str):
    """A plain stage move the transitions table allows. A case on hold leaves the hold only by restarting the
    clock (case.resume), which returns it to where it was and moves its targets."""
    return lambda case: _live(case) and case.status != Status.ON_HOLD and can_move(case.status, status)


def _stage(case: Case) -> str:
    return case.get_status_display().lower()


def _cannot_move(to: str):
    def why(case: Case) -> str:
        if case.status == Status.ON_HOLD:
            return "The case is on hold. Restart the clock first"
        return f"A case that is '{_stage(case)}' cannot be moved to '{Status(to).label.lower()}'"

    return why


def _latest_is(case: Case, state: str) -> bool:
    latest = case.latest_draft
    return latest is not None and latest.state == state


def _may_record_response(case: Case) -> bool:
    if case.member_approval_required:
        return case.status == Status.APPROVED and _latest_is(case, Draft.State.APPROVED)
    return case.status == Status.DRAFTING and case.latest_draft is not None


def _why_no_response(case: Case) -> str:
    if case.member_approval_required and case.status != Status.APPROVED:
        latest = case.latest_draft
        message = f"{case.member.name} must approve the response before it is sent"
        if latest is not None and latest.state == Draft.State.DRAFT:
            message += f". Send version {latest.version} of the draft for approval first"
        return message
    if case.latest_draft is None:
        return "Write the response as a draft first"
    return f"A case that is '{_stage(case)}' cannot have its response recorded"


def _may_email_response(case: Case) -> bool:
    return _live(case) and _may_record_response(case) and bool(case.correspondent.email)


def _why_no_email(case: Case) -> str:
    if not _may_record_response(case):
        return _why_no_response(case)
    return f"There is no email address for {case.correspondent.name}. Post the letter and record the response"


def _why_no_contribution(case: Case) -> str:
    if not case.is_open:
        return "A finished case cannot ask for contributions. Reopen it first"
    if case.status == Status.ON_HOLD:
        return "The case is on hold. Restart the clock before asking a directorate"
    return "The draft is with the member for approval. Wait for their decision, or withdraw the draft first"


CASE_RULES: dict[str, Rule] = {
    "case.view": Rule(who=anyone),
    "case.edit": Rule(who=worker, when=_live, why_not="This case has been anonymised"),
    "case.acknowledge": Rule(
        who=worker,
        when=lambda c: _open(c) and not c.acknowledged_on,
        why_not=lambda c: (
            "This case has already been acknowledged" if c.acknowledged_on else "A finished case cannot be acknowledged"
        ),
    ),
    "case.allocate": Rule(who=worker, when=_open, why_not="A finished case cannot be allocated. Reopen it first"),
    "case.hold": Rule(
        who=worker, when=lambda c: _live(c) and can_move(c.status, Status.ON_HOLD), why_not=_cannot_move(Status.ON_HOLD)
    ),
    "case.resume": Rule(who=worker, when=lambda c: c.status == Status.ON_HOLD, why_not="This case is not on hold"),
    "case.extend": Rule(who=worker, when=_open, why_not="A finished case cannot be extended"),
    "case.mark_drafting": Rule(who=worker, when=_moves_to(Status.DRAFTING), why_not=_cannot_move(Status.DRAFTING)),
    "case.mark_with_directorate": Rule(
        who=worker, when=_moves_to(Status.WITH_DIRECTORATE), why_not=_cannot_move(Status.WITH_DIRECTORATE)
    ),
    "case.no_reply": Rule(
        who=worker, when=_moves_to(Status.NO_REPLY_NEEDED), why_not=_cannot_move(Status.NO_REPLY_NEEDED)
    ),
    "case.close": Rule(who=worker, when=_moves_to(Status.CLOSED), why_not=_cannot_move(Status.CLOSED)),
    "case.reopen": Rule(who=worker, when=_moves_to(Status.REOPENED), why_not=_cannot_move(Status.REOPENED)),
    "case.add_note": Rule(who=worker_or_its_member, when=_live, why_not="This case has been anonymised"),
    "case.add_document": Rule(who=worker_or_its_member, when=_live, why_not="This case has been anonymised"),
    "case.link": Rule(who=worker, when=_live, why_not="This case has been anonymised"),
    "case.merge": Rule(
        who=worker,
        when=lambda c: (
            _live(c)
            and c.merged_into_id is None
            and (c.status == Status.CLOSED or can_move(c.status, Status.NO_REPLY_NEEDED))
        ),
        why_not=lambda c: (
            f"This case has already been merged into {c.merged_into.reference}"
            if c.merged_into_id
            else "Only a case not yet being drafted can be merged"
        ),
    ),
    "case.find_duplicates": Rule(who=worker, when=_open, why_not="A finished case has no duplicates to find"),
    "case.request_contribution": Rule(
        who=worker,
        when=lambda c: _open(c) and c.status not in {Status.ON_HOLD, Status.AWAITING_APPROVAL},
        why_not=_why_no_contribution,
    ),
    "case.draft": Rule(
        who=drafter,
        when=lambda c: _open(c) and c.status != Status.AWAITING_APPROVAL,
        why_not="The draft cannot be changed while it is with the member or after the case is finished",
    ),
    "case.record_response": Rule(who=worker, when=_may_record_response, why_not=_why_no_response),
    "draft.send_email": Rule(who=worker, when=_may_email_response, why_not=_why_no_email),
    "case.letter": Rule(
        who=anyone,
        when=lambda c: c.latest_draft is not None,
        why_not="Write a draft response before producing the letter",
    ),
    "draft.submit": Rule(
        who=worker,
        when=lambda c: c.member_approval_required and c.status == Status.DRAFTING and _latest_is(c, Draft.State.DRAFT),
        why_not=lambda c: (
            "This case does not need the member's approval"
            if not c.member_approval_required
            else "Only a new version of the draft, while the case is being drafted, can be sent for approval"
        ),
    ),
    "draft.approve": Rule(
        who=worker_or_its_member,
        when=lambda c: c.status == Status.AWAITING_APPROVAL and _latest_is(c, Draft.State.SUBMITTED),
        why_not="This draft is not waiting for approval",
    ),
}


# The plain stage moves (services.case_move) and their actions; the other moves have a service of their own.
MOVE_ACTIONS = {
    Status.DRAFTING: "case.mark_drafting",
    Status.WITH_DIRECTORATE: "case.mark_with_directorate",
    Status.NO_REPLY_NEEDED: "case.no_reply",
    Status.CLOSED: "case.close",
    Status.REOPENED: "case.reopen",
}


def _contribution_why_not(item: ContributionRequest) -> str:
    if item.answered_at:
        return "This request has already been answered"
    return "This request is no longer needed: the Mayor's Office has finished the case"


CONTRIBUTION_RULES: dict[str, Rule] = {
    "contribution.view": Rule(who=anyone),
    "contribution.answer": Rule(
        who=lambda f, item: f.worker or f.contact_directorate_id == item.directorate_id,
        when=lambda item: item.is_outstanding,
        why_not=_contribution_why_not,
    ),
}

CORRESPONDENT_RULES: dict[str, Rule] = {
    "correspondent.view": Rule(who=anyone),
    "correspondent.subject_access": Rule(who=lambda f, c: f.sees_everything),
    "correspondent.log_case": Rule(
        who=worker, when=lambda c: c.anonymised_at is None, why_not="This correspondent has been anonymised"
    ),
}

# The app as a whole (obj is None): which pages and lists a user may open.
CASEWORK_RULES: dict[str, Rule] = {
    "casework.work_queue": Rule(who=office),
    "casework.by_member": Rule(who=office),
    "casework.export": Rule(who=office),
    "casework.log": Rule(who=worker),
    "casework.bulk_allocate": Rule(who=worker),
    "casework.contributions": Rule(who=lambda f, obj: f.sees_contributions),
    "casework.retention": Rule(who=lambda f, obj: f.sees_everything),  # the Head of Mayor's Office
}


def _case_visible(user, case: Case) -> bool:
    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


def _contribution_visible(user, item: ContributionRequest) -> bool:
    return ContributionRequest.objects.visible_to(user).filter(pk=item.pk).exists()


def _correspondent_visible(user, correspondent: Correspondent) -> bool:
    return Correspondent.objects.visible_to(user).filter(pk=correspondent.pk).exists()


case_policy = Policy("case", CASE_RULES, facts=facts, visible=_case_visible)
contribution_policy = Policy("contribution", CONTRIBUTION_RULES, facts=facts, visible=_contribution_visible)
correspondent_policy = Policy("correspondent", CORRESPONDENT_RULES, facts=facts, visible=_correspondent_visible)
casework_policy = Policy("casework", CASEWORK_RULES, facts=facts)

casework = AppPolicy(
    casework_policy,
    {Case: case_policy, ContributionRequest: contribution_policy, Correspondent: correspondent_policy},
)
VOCABULARY = casework.vocabulary
policy_for = casework.policy_for
available_actions = casework.available_actions  # a case, a contribution request, a correspondent; None: the app
require = casework.require
allows = casework.allows


def may_work_on_cases(user) -> bool:
    return facts(user).worker if user.is_authenticated else False
