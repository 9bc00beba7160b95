"""Role × state × action: for every stage a case can be in and every role that can see it, the policy, the service
and the case page agree. The expected actions are written out here, not derived from the policy.

For each cell: (1) `available_actions` is exactly the expected set; (2) every action's service accepts it when it
is expected and refuses it otherwise (PermissionDenied or ServiceError, nothing saved); (3) the case page shows a
control (`data-action`) for exactly the expected actions that have one."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework import policy, services
from casework.models import Case, Status
from mayoral_office.errors import ServiceError
from mayoral_office.working_days import add_working_days
from tests.casework.factories import CorrespondentFactory, case_type

pytestmark = pytest.mark.django_db

ALWAYS = {"case.view", "case.edit", "case.add_note", "case.add_document", "case.link"}
OPEN = {"case.allocate", "case.extend", "case.find_duplicates"}
# What the Head of Mayor's Office and the case's officer may do, stage by stage (resident correspondence: the
# member approves the response). Acknowledgement is not yet recorded in any of these cases.
WORKER = {
    "received": ALWAYS
    | OPEN
    | {
        "case.acknowledge",
        "case.hold",
        "case.no_reply",
        "case.merge",
        "case.request_contribution",
        "case.draft",
    },
    "allocated": ALWAYS
    | OPEN
    | {
        "case.acknowledge",
        "case.hold",
        "case.mark_drafting",
        "case.mark_with_directorate",
        "case.no_reply",
        "case.merge",
        "case.request_contribution",
        "case.draft",
    },
    "with_directorate": ALWAYS
    | OPEN
    | {"case.acknowledge", "case.hold", "case.mark_drafting", "case.request_contribution", "case.draft"},
    "drafting": ALWAYS
    | OPEN
    | {
        "case.acknowledge",
        "case.hold",
        "case.mark_with_directorate",
        "case.request_contribution",
        "case.draft",
        "case.letter",
        "draft.submit",
    },
    "awaiting_approval": ALWAYS | OPEN | {"case.acknowledge", "case.mark_drafting", "case.letter", "draft.approve"},
    "approved": ALWAYS
    | OPEN
    | {
        "case.acknowledge",
        "case.mark_drafting",
        "case.request_contribution",
        "case.draft",
        "case.letter",
        "case.record_response",
        "draft.send_email",  # the correspondent has an email address
    },
    "on_hold": ALWAYS | OPEN | {"case.acknowledge", "case.resume", "case.draft"},
    "response_sent": ALWAYS | {"case.close", "case.reopen", "case.letter"},
    "closed": ALWAYS | {"case.reopen", "case.merge", "case.letter"},
    "no_reply_needed": ALWAYS | {"case.close", "case.reopen"},
    "reopened": ALWAYS
    | OPEN
    | {
        "case.acknowledge",
        "case.hold",
        "case.mark_drafting",
        "case.mark_with_directorate",
        "case.no_reply",
        "case.close",
        "case.merge",
        "case.request_contribution",
        "case.draft",
        "case.letter",
    },
}
STATES = list(WORKER)
HAS_DRAFT = {"drafting", "awaiting_approval", "approved", "response_sent", "closed", "reopened"}
DRAFTABLE = {"received", "allocated", "with_directorate", "drafting", "approved", "on_hold", "reopened"}


def expected(persona: str, state: str) -> set[str]:
    if persona in ("head", "officer_a"):
        return WORKER[state]
    letter = {"case.letter"} if state in HAS_DRAFT else set()
    if persona == "member_a_user":  # the member the case is addressed to
        approve = {"draft.approve"} if state == "awaiting_approval" else set()
        return {"case.view", "case.add_note", "case.add_document"} | letter | approve
    if persona == "intern":  # reads and drafts, nothing else
        return {"case.view"} | letter | ({"case.draft"} if state in DRAFTABLE else set())
    raise AssertionError(persona)


# --- building a case in each stage, through the services -------------------------------------------------------
def _log(actor, member, **fields) -> Case:
    return services.case_log(
        actor=actor,
        case_type=case_type("resident"),
        received_at=timezone.now(),
        member=member,
        correspondent=CorrespondentFactory(),
        subject=fields.pop("subject", "Damp in my flat"),
        **fields,
    )


def build(state: str, officer, member_user, directorate) -> Case:
    member = member_user.member
    case = _log(officer, member, officer=None if state == "received" else officer)
    fresh = lambda: Case.objects.get(pk=case.pk)  # noqa: E731
    if state == "with_directorate":
        due = add_working_days(timezone.localdate(), 3)
        services.contribution_request(actor=officer, case=case, directorate=directorate, question="When?", due_on=due)
    if state in HAS_DRAFT:
        services.draft_save(actor=officer, case=fresh(), body="Dear Ms Jones,\n\nThe survey is booked.")
    if state in ("awaiting_approval", "approved", "response_sent", "closed"):
        services.draft_submit(actor=officer, draft=fresh().latest_draft)
    if state in ("approved", "response_sent", "closed"):
        services.draft_review(actor=member_user, draft=fresh().latest_draft, approve=True)
    if state in ("response_sent", "closed"):
        services.response_record(actor=officer, case=fresh(), sent_on=timezone.localdate(), method="email")
    if state == "closed":
        services.case_move(actor=officer, case=fresh(), to_status=Status.CLOSED)
    if state == "on_hold":
        services.case_hold(actor=officer, case=fresh(), reason="Waiting for photographs")
    if state == "no_reply_needed":
        services.case_move(actor=officer, case=fresh(), to_status=Status.NO_REPLY_NEEDED, reason="A copy")
    if state == "reopened":
        services.draft_submit(actor=officer, draft=fresh().latest_draft)
        services.draft_review(actor=member_user, draft=fresh().latest_draft, approve=True)
        services.response_record(actor=officer, case=fresh(), sent_on=timezone.localdate(), method="email")
        services.case_move(actor=officer, case=fresh(), to_status=Status.REOPENED, reason="They wrote again")
    case = fresh()
    assert case.status == state
    return case


# --- calling each action's service -----------------------------------------------------------------------------
class Undo(Exception):
    """Raised after a successful call so that the next action sees the case as it was."""


def _call(action: str, user, case: Case, others: dict):
    other_officer = others["head"] if case.officer_id != others["head"].pk else others["officer_a"]
    calls = {
        "case.edit": lambda: services.case_update(
            actor=user, case=case, expected_version=case.version, subject="Damp, mould and a leak"
        ),
        "case.acknowledge": lambda: services.case_acknowledge(actor=user, case=case),
        "case.allocate": lambda: services.case_allocate(actor=user, case=case, officer=other_officer),
        "case.hold": lambda: services.case_hold(actor=user, case=case, reason="Waiting for a reply"),
        "case.resume": lambda: services.case_resume(actor=user, case=case),
        "case.extend": lambda: services.case_extend(
            actor=user, case=case, kind="complex", working_days=5, reason="Complex"
        ),
        "case.mark_drafting": lambda: services.case_move(actor=user, case=case, to_status=Status.DRAFTING),
        "case.mark_with_directorate": lambda: services.case_move(
            actor=user, case=case, to_status=Status.WITH_DIRECTORATE
        ),
        "case.no_reply": lambda: services.case_move(
            actor=user, case=case, to_status=Status.NO_REPLY_NEEDED, reason="A copy"
        ),
        "case.close": lambda: services.case_move(actor=user, case=case, to_status=Status.CLOSED, reason="Done"),
        "case.reopen": lambda: services.case_move(actor=user, case=case, to_status=Status.REOPENED, reason="Again"),
        "case.add_note": lambda: services.case_add_event(actor=user, case=case, kind="note", text="Rang back"),
        "case.add_document": lambda: services.attachment_add(
            actor=user, case=case, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n", content_type="application/pdf")
        ),
        "case.link": lambda: services.case_link(actor=user, case=case, other=others["other_case"]),
        "case.merge": lambda: services.case_merge(actor=user, duplicate=case, into=others["other_case"]),
        "case.request_contribution": lambda: services.contribution_request(
            actor=user,
            case=case,
            directorate=others["second_directorate"],
            question="Any history?",
            due_on=add_working_days(timezone.localdate(), 2),
            confirmed=True,
        ),
        "case.draft": lambda: services.draft_save(actor=user, case=case, body="Dear Ms Jones, a new version."),
        "case.record_response": lambda: services.response_record(
            actor=user, case=case, sent_on=timezone.localdate(), method="letter"
        ),
        "draft.send_email": lambda: services.response_email(actor=user, case=case),
        "draft.submit": lambda: services.draft_submit(actor=user, draft=case.latest_draft),
        "draft.approve": lambda: services.draft_review(actor=user, draft=case.latest_draft, approve=True),
    }
    return calls.get(action)


def accepts(action: str, user, case: Case, others: dict) -> bool | None:
    """Whether the service accepts the action (undone afterwards); None for an action that only reads."""
    call = _call(action, user, case, others)
    if call is None:
        return None
    if action.startswith("draft.") and case.latest_draft is None:
        return False  # no draft to send or approve: the service cannot even be asked
    try:
        with transaction.atomic():
            call()
            raise Undo
    except Undo:
        return True
    except (PermissionDenied, ServiceError):
        return False


CONTROL = re.compile(r'data-action="([a-z_.]+)"')
NO_CONTROL = {"case.view", "case.find_duplicates", "case.merge"}  # merge is offered only beside a duplicate


@pytest.mark.parametrize("persona", ["head", "officer_a", "member_a_user", "intern"])
@pytest.mark.parametrize("state", STATES)
def test_policy_service_and_page_agree(client, request, persona, state, head, officer_a, member_a_user, directorate):
    from tests.mayoral_office.factories import DirectorateFactory

    user = request.getfixturevalue(persona)
    case = build(state, officer_a, member_a_user, directorate)
    others = {
        "head": head,
        "officer_a": officer_a,
        "other_case": _log(officer_a, member_a_user.member, subject="An earlier letter"),
        "second_directorate": DirectorateFactory(name="Resources", code="RES"),
    }
    want = expected(persona, state)

    assert policy.available_actions(user, case) == want

    for action in sorted(policy.CASE_RULES):
        accepted = accepts(action, user, Case.objects.get(pk=case.pk), others)
        if accepted is not None:
            assert accepted == (action in want), f"{persona}, {state}: the service and the policy disagree on {action}"

    client.force_login(user)
    page = client.get(reverse("casework:detail", args=[case.pk])).content.decode()
    controls = set(CONTROL.findall(page))
    assert "record.history" in controls  # whoever may open the case may read its history
    assert controls - NO_CONTROL - {"record.history"} == want - NO_CONTROL


@pytest.mark.parametrize("persona", ["officer_b", "exec_officer", "directorate_contact"])
def test_roles_that_cannot_see_the_case_get_404_and_every_service_refuses(
    client, request, persona, head, officer_a, member_a_user, directorate
):
    user = request.getfixturevalue(persona)
    case = build("drafting", officer_a, member_a_user, directorate)
    others = {"head": head, "officer_a": officer_a, "other_case": case, "second_directorate": directorate}
    client.force_login(user)
    assert client.get(reverse("casework:detail", args=[case.pk])).status_code == 404
    for action in sorted(policy.CASE_RULES):
        assert accepts(action, user, Case.objects.get(pk=case.pk), others) in (False, None), action


def test_an_intern_cannot_add_a_note_or_a_document(client, intern, officer_a, member_a_user, directorate):
    case = build("allocated", officer_a, member_a_user, directorate)
    with pytest.raises(PermissionDenied):
        services.case_add_event(actor=intern, case=case, kind="note", text="Rang back")
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            actor=intern, case=case, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n", content_type="application/pdf")
        )
    client.force_login(intern)
    assert client.get(reverse("casework:event", args=[case.pk])).status_code == 403
    assert client.post(reverse("casework:attachment-add", args=[case.pk])).status_code == 403
    page = client.get(reverse("casework:detail", args=[case.pk])).content.decode()
    assert "Add a note" not in page and "Add a document" not in page
    assert case.events.filter(text="Rang back").count() == 0 and not case.attachments.exists()


def test_every_action_of_the_vocabulary_is_in_the_table():
    """A new case action must be added to the expectations above."""
    tabled = set().union(*WORKER.values(), {"draft.approve"})
    assert set(policy.CASE_RULES) == tabled


@pytest.mark.parametrize("before", ["received", "allocated", "with_directorate", "drafting", "reopened"])
def test_an_open_case_on_hold_offers_no_reopen_or_close(client, before, head, officer_a, member_a_user, directorate):
    """On hold is an open case with its clock stopped: it leaves the hold by restarting the clock, never by being
    'reopened' (issue 9), whatever stage it was put on hold from."""
    case = build(before, officer_a, member_a_user, directorate)
    services.case_hold(actor=officer_a, case=case, reason="Waiting for photographs")
    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.ON_HOLD and case.is_open
    for user in (head, officer_a):
        allowed = policy.available_actions(user, case)
        assert "case.resume" in allowed
        assert not allowed & {"case.reopen", "case.close", "case.no_reply"}
        with pytest.raises(ServiceError, match="on hold"):
            services.case_move(actor=user, case=case, to_status=Status.REOPENED, reason="Again")
        client.force_login(user)
        page = client.get(reverse("casework:detail", args=[case.pk])).content.decode()
        assert "Reopen the case" not in page and 'data-action="case.reopen"' not in page
        assert "Restart the clock" in page
