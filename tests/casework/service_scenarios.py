"""One scenario per public casework service, for tests/test_services_audit.py: each sets up what it needs through
the services, calls its service once and returns the actor it passed (None for a scheduled job)."""

from datetime import date, datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casework import services
from casework.models import Case, Status
from mayoral_office.models import ClosureDay
from mayoral_office.working_days import add_working_days
from tests.casework.factories import CorrespondentFactory, case_type

PDF = b"%PDF-1.4\n%scenario\n"


def _officer(request):
    return request.getfixturevalue("officer_a")


def _case(request, *, received=None, **fields) -> Case:
    officer, member = _officer(request), request.getfixturevalue("member_a")
    return services.case_log(
        actor=officer,
        case_type=case_type(fields.pop("code", "resident")),
        received_at=received or timezone.now(),
        member=member,
        subject=fields.pop("subject", "Damp in my flat"),
        correspondent=CorrespondentFactory(),
        **fields,
    )


def _drafting(request) -> Case:
    case = _case(request, officer=_officer(request))
    services.draft_save(actor=_officer(request), case=case, body="Dear Ms Jones, the survey is booked.")
    return Case.objects.get(pk=case.pk)


def _awaiting_approval(request) -> Case:
    case = _drafting(request)
    services.draft_submit(actor=_officer(request), draft=case.latest_draft)
    return Case.objects.get(pk=case.pk)


def case_log(request):
    _case(request)
    return _officer(request)


def case_follow_up(request):
    case = _case(request)
    services.case_follow_up(actor=_officer(request), case=case, received_at=timezone.now(), subject="Still damp")
    return _officer(request)


def case_update(request):
    case = _case(request)
    services.case_update(actor=_officer(request), case=case, expected_version=case.version, subject="Damp and mould")
    return _officer(request)


def case_acknowledge(request):
    services.case_acknowledge(actor=_officer(request), case=_case(request))
    return _officer(request)


def case_allocate(request):
    services.case_allocate(actor=_officer(request), case=_case(request), officer=_officer(request))
    return _officer(request)


def cases_bulk_allocate(request):
    cases = [_case(request), _case(request, subject="Noise")]
    services.cases_bulk_allocate(actor=_officer(request), cases=cases, officer=_officer(request))
    return _officer(request)


def case_move(request):
    services.case_move(actor=_officer(request), case=_case(request), to_status=Status.NO_REPLY_NEEDED, reason="Copy")
    return _officer(request)


def case_hold(request):
    services.case_hold(actor=_officer(request), case=_case(request), reason="Waiting for photographs")
    return _officer(request)


def case_resume(request):
    case = _case(request)
    services.case_hold(actor=_officer(request), case=case, reason="Waiting for photographs")
    services.case_resume(actor=_officer(request), case=case)
    return _officer(request)


def case_extend(request):
    services.case_extend(actor=_officer(request), case=_case(request), kind="complex", working_days=5, reason="Big")
    return _officer(request)


def case_add_event(request):
    services.case_add_event(actor=_officer(request), case=_case(request), kind="note", text="Rang back")
    return _officer(request)


def attachment_add(request):
    upload = SimpleUploadedFile("photo.pdf", PDF, content_type="application/pdf")
    services.attachment_add(actor=_officer(request), case=_case(request), upload=upload)
    return _officer(request)


def case_link(request):
    services.case_link(actor=_officer(request), case=_case(request), other=_case(request, subject="Earlier"))
    return _officer(request)


def case_merge(request):
    services.case_merge(actor=_officer(request), duplicate=_case(request), into=_case(request, subject="First"))
    return _officer(request)


def case_recalculate_for_closure_day(request):
    head = request.getfixturevalue("head")
    case = _case(request)
    day = add_working_days(case.received_on, 2)
    ClosureDay.objects.create(date=day, reason="Council closure")  # the closure-day service calls the recalculator
    services.case_recalculate_for_closure_day(actor=head, changed_day=day, note="Closure day added")
    return head


def contribution_request(request):
    case = _case(request)
    directorate = request.getfixturevalue("directorate")
    services.contribution_request(
        actor=_officer(request),
        case=case,
        directorate=directorate,
        question="When was the repair done?",
        due_on=add_working_days(timezone.localdate(), 3),
    )
    return _officer(request)


def contribution_answer(request):
    case = _case(request)
    contact = request.getfixturevalue("directorate_contact")
    item = services.contribution_request(
        actor=_officer(request),
        case=case,
        directorate=contact.directorate,
        question="When was the repair done?",
        due_on=add_working_days(timezone.localdate(), 3),
    )
    services.contribution_answer(actor=contact, contribution=item, answer="On 3 November.")
    return contact


def draft_save(request):
    services.draft_save(actor=_officer(request), case=_case(request), body="Dear Ms Jones, the survey is booked.")
    return _officer(request)


def draft_submit(request):
    case = _drafting(request)
    services.draft_submit(actor=_officer(request), draft=case.latest_draft)
    return _officer(request)


def draft_review(request):
    case = _awaiting_approval(request)
    member = request.getfixturevalue("member_a_user")
    services.draft_review(actor=member, draft=case.latest_draft, approve=True)
    return member


def response_record(request):
    case = _awaiting_approval(request)
    services.draft_review(actor=request.getfixturevalue("member_a_user"), draft=case.latest_draft, approve=True)
    services.response_record(actor=_officer(request), case=case, sent_on=timezone.localdate(), method="email")
    return _officer(request)


def response_email(request):
    case = _awaiting_approval(request)
    services.draft_review(actor=request.getfixturevalue("member_a_user"), draft=case.latest_draft, approve=True)
    services.response_email(actor=_officer(request), case=Case.objects.get(pk=case.pk))
    return _officer(request)


def cases_apply_retention(request):
    from unittest import mock

    from casework import deadlines

    with mock.patch.object(deadlines, "RECEIVED_MAX_YEARS", 20):  # intake refuses dates so old
        old = _case(request, received=timezone.make_aware(datetime(2015, 3, 2, 10)))
    services.case_move(actor=_officer(request), case=old, to_status=Status.NO_REPLY_NEEDED, reason="Duplicate")
    services.case_move(actor=_officer(request), case=Case.objects.get(pk=old.pk), to_status=Status.CLOSED)
    Case.objects.filter(pk=old.pk).update(closed_at=timezone.make_aware(datetime(2015, 3, 3, 10)))  # closed then
    assert services.cases_apply_retention(actor=None, today=date(2026, 6, 1)) == 1
    return None


def subject_access_export(request):
    head = request.getfixturevalue("head")
    case = _case(request)
    services.subject_access_export(actor=head, correspondent=case.correspondent)
    return head


EMAIL = b"From: Jo Resident <jo@example.org>\r\nSubject: Bins\r\nMessage-ID: <scenario@example.org>\r\n\r\nHi\r\n"


def _mailbox(request):
    from casework.models import Mailbox

    return Mailbox.objects.create(
        name="The Mayor's inbox",
        member=request.getfixturevalue("member_a"),
        case_type=case_type("resident"),
        host="127.0.0.1",
        port=1,
        use_ssl=False,
        username="mayor",
        password="secret",
    )


def email_take(request):
    record = services.email_take(actor=None, mailbox=_mailbox(request), raw=EMAIL)
    assert record.outcome == "case"
    return None


def email_refused(request):
    record = services.email_refused(actor=None, mailbox=_mailbox(request), raw=EMAIL, uid=4, reason="A fault")
    assert record.outcome == "refused" and record.reason == "A fault"
    return None


def mailbox_polled(request):
    services.mailbox_polled(actor=None, mailbox=_mailbox(request), uid_validity=7, last_uid=3)
    return None


SCENARIOS = {
    name: fn
    for name, fn in list(globals().items())
    if callable(fn) and not name.startswith("_") and getattr(fn, "__module__", "") == __name__
}
