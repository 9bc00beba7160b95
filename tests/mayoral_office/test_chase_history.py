"""A record's chase history on its page ({% chase_history record %}, mayoral_office/chasing_display.py): a few
sentences, oldest first, one query; nothing at all for a record never chased. One test per app's page."""

from datetime import date, time
from html import unescape
from itertools import count
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from casework import services as casework_services
from casework.models import Status
from mayoral_office import chasing
from mayoral_office.chasing_display import ChaseLine, condense, days_text
from mayoral_office.models import ChaseEntry, ChaseSettings, Notification
from mayoral_office.roles import Role
from mayoral_office.working_days import add_working_days
from tests.casework.factories import CaseFactory, CorrespondentFactory, case_type
from tests.mayoral_office.factories import UserFactory

Stage = ChaseEntry.Stage
SENT = Notification.Status.SENT

DEC = {n: date(2026, 12, n) for n in range(1, 32)}


# --- the condensing, pure --------------------------------------------------------------------------------------
_pks = count(1)


def person(name):
    return SimpleNamespace(pk=next(_pks), full_name=name, email=f"{name.split()[0].lower()}@eastbridge.gov.uk")


KIM, SAM, ANN, BOB, TOM = (person(n) for n in ("Kim Lee", "Sam Ortiz", "Ann Head", "Bob Stone", "Tom Reid"))


def entry(day, who, stage=Stage.OVERDUE, status=SENT, covering=None):
    return SimpleNamespace(
        day=day,
        recipient=who,
        recipient_id=who.pk,
        stage=stage,
        notification=SimpleNamespace(status=status),
        covering=covering,
        covering_id=covering.pk if covering else None,
    )


def texts(entries):
    return [line.text for line in condense(entries)]


def test_a_case_chased_up_the_ladder_reads_as_four_sentences():
    entries = [
        entry(DEC[1], KIM, Stage.BEFORE),
        entry(DEC[2], KIM),
        entry(DEC[3], KIM),
        entry(DEC[4], SAM, Stage.LEAD),  # Sam's digest happened to be written first that day
        entry(DEC[4], KIM),
        entry(DEC[8], KIM),
        entry(DEC[8], SAM, Stage.LEAD),
        entry(DEC[8], ANN, Stage.HEAD),
    ]
    assert texts(entries) == [
        "Reminded Kim Lee on 1 December 2026 (before due).",
        "Chased Kim Lee on 2, 3, 4 and 8 December 2026.",
        "Escalated to Sam Ortiz (team lead) on 4 and 8 December 2026.",
        "Escalated to the Head of Mayor's Office (Ann Head) on 8 December 2026.",
    ]


def test_nothing_chased_is_no_sentence():
    assert condense([]) == []


def test_the_day_it_was_due_and_an_alert():
    assert texts([entry(DEC[3], KIM, Stage.ALERT), entry(DEC[3], KIM, Stage.DUE)]) == [
        "Reminded Kim Lee on 3 December 2026 (the day it was due).",
        "Alerted Kim Lee on 3 December 2026.",
    ]


def test_a_handover_keeps_the_order_things_happened_in():
    """Reallocated to Tom, then back to Kim: three sentences, not Kim's days run together."""
    entries = [entry(DEC[2], KIM), entry(DEC[3], KIM), entry(DEC[4], TOM), entry(DEC[7], TOM), entry(DEC[8], KIM)]
    assert texts(entries) == [
        "Chased Kim Lee on 2 and 3 December 2026.",
        "Chased Tom Reid on 4 and 7 December 2026.",
        "Chased Kim Lee on 8 December 2026.",
    ]


def test_a_day_without_a_chase_does_not_start_a_new_sentence():
    assert texts([entry(DEC[2], KIM), entry(DEC[9], KIM)]) == ["Chased Kim Lee on 2 and 9 December 2026."]


def test_the_heads_escalated_to_on_the_same_days_share_a_sentence():
    entries = [entry(day, head, Stage.HEAD) for day in (DEC[8], DEC[9]) for head in (ANN, BOB)]
    assert texts(entries) == [
        "Escalated to the Head of Mayor's Office (Ann Head and Bob Stone) on 8 and 9 December 2026."
    ]


def test_two_kinds_chased_on_one_day_are_one_day():
    """A case's acknowledgement and its response, both overdue: one digest line each, one day in the history."""
    assert texts([entry(DEC[2], KIM), entry(DEC[2], KIM), entry(DEC[3], KIM)]) == [
        "Chased Kim Lee on 2 and 3 December 2026."
    ]


def test_an_email_not_delivered_says_so():
    entries = [
        entry(DEC[2], KIM),
        entry(DEC[3], KIM, status=Notification.Status.BOUNCED),
        entry(DEC[4], KIM, status=Notification.Status.PENDING),
        entry(DEC[4], SAM, Stage.LEAD, status=Notification.Status.ABANDONED),
    ]
    assert condense(entries) == [
        ChaseLine(
            "Chased Kim Lee on 2, 3 and 4 December 2026 (delivery failed on 3 December 2026; not yet delivered on "
            "4 December 2026).",
            failed=True,
        ),
        ChaseLine("Escalated to Sam Ortiz (team lead) on 4 December 2026 (delivery failed).", failed=True),
    ]
    assert texts([entry(DEC[4], KIM, status=Notification.Status.SENDING)]) == [
        "Chased Kim Lee on 4 December 2026 (not yet delivered)."
    ]


def test_someone_without_a_name_is_named_by_their_email():
    nameless = SimpleNamespace(pk=next(_pks), full_name="", email="cover@eastbridge.gov.uk")
    assert texts([entry(DEC[2], nameless)]) == ["Chased cover@eastbridge.gov.uk on 2 December 2026."]


def test_days_name_each_month_and_year_once():
    assert days_text([DEC[4]]) == "4 December 2026"
    assert days_text([DEC[3], DEC[2], DEC[2]]) == "2 and 3 December 2026"
    assert days_text([date(2026, 11, 30), DEC[1], DEC[2]]) == "30 November, 1 and 2 December 2026"
    assert days_text([DEC[31], date(2027, 1, 4)]) == "31 December 2026 and 4 January 2027"


def test_a_long_run_of_days_is_counted_not_listed():
    days = [d for d in (date(2026, 12, n) for n in range(1, 19)) if d.weekday() < 5]
    assert texts([entry(day, KIM) for day in days]) == ["Chased Kim Lee on 14 working days from 1 to 18 December 2026."]
    assert days_text([date(2026, 11, 30), *days]) == "15 working days from 30 November to 18 December 2026"
    assert days_text([*days, date(2027, 1, 4)]) == "15 working days from 1 December 2026 to 4 January 2027"


# --- the tag ---------------------------------------------------------------------------------------------------
_digests = count(1)


def chase(record, recipient, day, stage=Stage.OVERDUE, *, kind="test.kind", status=SENT) -> ChaseEntry:
    """A line of a digest about `record`, as mayoral_office.chasing writes it."""
    notification = Notification.objects.create(
        to=[recipient.email],
        recipient=recipient,
        subject="Your work",
        body="…",
        kind=chasing.DIGEST_KIND,
        status=status,
        idempotency_key=f"test:{next(_digests)}",
    )
    return ChaseEntry.objects.create(
        kind=kind,
        regarding_type=ContentType.objects.get_for_model(record),
        regarding_id=str(record.pk),
        recipient=recipient,
        stage=stage,
        day=day,
        due_on=DEC[1],
        notification=notification,
    )


def render(record, **arguments) -> str:
    extra = "".join(f" {name}={value}" for name, value in arguments.items())
    return Template("{% load chasing %}{% chase_history record" + extra + " %}").render(Context({"record": record}))


@pytest.fixture
def kim(db):
    lead = UserFactory(role=Role.CABINET_SUPPORT, full_name="Sam Ortiz")
    return UserFactory(role=Role.CABINET_SUPPORT, full_name="Kim Lee", reports_to=lead)


@pytest.mark.django_db
def test_a_record_never_chased_shows_nothing_at_all(clock, kim):
    assert render(CaseFactory(officer=kim)).strip() == ""
    assert render(None).strip() == ""


@pytest.mark.django_db
def test_the_tag_reads_the_history_in_one_query(clock, kim, django_assert_num_queries):
    case = CaseFactory(officer=kim)
    chase(case, kim, DEC[2])
    chase(case, kim, DEC[3], status=Notification.Status.FAILED)
    chase(case, kim.reports_to, DEC[3], Stage.LEAD)
    ContentType.objects.get_for_model(case)  # kept by Django after the first use, as on a running server
    with django_assert_num_queries(1):
        html = render(case)
    assert '<h2 class="govuk-heading-m" id="chasing-heading">Chasing</h2>' in html
    assert "Chased Kim Lee on 2 and 3 December 2026 (delivery failed on 3 December 2026)." in html
    assert "Escalated to Sam Ortiz (team lead) on 3 December 2026." in html
    assert '<h3 class="govuk-heading-s" id="chasing-heading">Chasing</h3>' in render(case, level=3)


@pytest.mark.django_db
def test_another_records_history_is_not_shown(clock, kim):
    chased, other = CaseFactory(officer=kim), CaseFactory(officer=kim)
    chase(chased, kim, DEC[2])
    assert "Chasing" not in render(other)


# --- on each app's page ----------------------------------------------------------------------------------------
def page(client, user, record) -> str:
    client.force_login(user)
    url = record if isinstance(record, str) else record.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def chasing_section(html: str) -> str:
    """The page's Chasing section, its text unescaped."""
    start = html.index('id="chasing"')
    return unescape(html[start : html.index("</section>", start)])


@pytest.mark.django_db
@pytest.mark.clock("2026-12-04 09:00")  # Friday
def test_the_case_page_shows_what_the_daily_chase_wrote(client, clock, officer_a, member_a, head):
    ChaseSettings.objects.create(remind_before_days=0, lead_after_days=3, head_after_days=5)
    case = CaseFactory(officer=officer_a, member=member_a, response_due=DEC[1], status=Status.ALLOCATED)
    assert chasing.run_chase(clock.now()).items >= 1

    html = page(client, officer_a, case)
    section = chasing_section(html)
    assert '<h3 class="govuk-heading-s" id="chasing-heading">Chasing</h3>' in section
    # the digest is sent after the commit: in this test it is still in the outbox
    assert "Chased Joanna Kowalska on 4 December 2026 (not yet delivered)." in section
    assert html.index("Target dates") < html.index('id="chasing"') < html.index("The correspondence")


@pytest.mark.django_db
def test_a_case_never_chased_has_no_chasing_heading(client, clock, officer_a, member_a):
    case = CaseFactory(officer=officer_a, member=member_a)
    assert 'id="chasing"' not in page(client, officer_a, case)


@pytest.mark.django_db
def test_the_contribution_request_page_shows_its_own_history(
    client, clock, officer_a, member_a, directorate, directorate_contact
):
    case = casework_services.case_log(
        actor=officer_a,
        case_type=case_type("resident"),
        received_at=timezone.now(),
        member=member_a,
        correspondent=CorrespondentFactory(),
        subject="Damp in my flat",
        officer=officer_a,
    )
    contribution = casework_services.contribution_request(
        actor=officer_a,
        case=case,
        directorate=directorate,
        question="When was it repaired?",
        due_on=add_working_days(timezone.localdate(), 2),
    )
    chase(contribution, directorate_contact, DEC[2], Stage.BEFORE, kind="casework.contribution")
    chase(case, officer_a, DEC[2], kind="casework.response")  # the case's own: not on the request's page

    case_page = chasing_section(page(client, officer_a, case))
    assert "Chased Joanna Kowalska on 2 December 2026." in case_page and "Aisha Patel" not in case_page
    html = page(client, directorate_contact, reverse("casework:contribution", args=[contribution.pk]))
    assert "Reminded Aisha Patel on 2 December 2026 (before due)." in chasing_section(html)
    assert "Joanna Kowalska" not in chasing_section(html)


@pytest.mark.django_db
def test_the_invitation_page_shows_its_history(client, clock, officer_a, member_a):
    from diary import services as diary_services

    invitation = diary_services.invitation_record(
        actor=officer_a,
        member=member_a,
        organisation="Eastbridge Chamber of Commerce",
        event_name="Annual business awards",
        event_date=date(2027, 2, 10),
        start_time=time(18, 30),
        end_time=time(20),
        asks=["attend"],
        received_on=date(2026, 11, 20),
    )
    chase(invitation, officer_a, DEC[1], kind="diary.invitation")
    chase(invitation, officer_a, DEC[2], kind="diary.invitation")
    html = page(client, officer_a, invitation)
    assert "Chased Joanna Kowalska on 1 and 2 December 2026." in chasing_section(html)


@pytest.mark.django_db
def test_the_pack_and_commission_pages_show_their_own_histories(
    client, clock, officer_a, member_a, directorate_contact, head
):
    from tests.briefings.factories import make_commission, make_pack, make_section

    pack = make_pack(member_a, lead_officer=officer_a)
    commission = make_commission(make_section(pack), assignee=directorate_contact, requested_by=officer_a)
    chase(pack, officer_a, DEC[2], Stage.DUE, kind="briefings.pack")
    chase(pack, head, DEC[9], Stage.HEAD, kind="briefings.pack")
    chase(commission, directorate_contact, DEC[1], kind="briefings.commission")

    pack_page = chasing_section(page(client, officer_a, pack))
    assert "Reminded Joanna Kowalska on 2 December 2026 (the day it was due)." in pack_page
    assert "Escalated to the Head of Mayor's Office (Catherine Doyle) on 9 December 2026." in pack_page
    assert "Aisha Patel" not in pack_page
    commission_page = chasing_section(page(client, directorate_contact, commission))
    assert commission_page.count("<li") == 1 and "Chased Aisha Patel on 1 December 2026." in commission_page


@pytest.mark.django_db
def test_the_action_and_pathway_item_pages_show_their_histories(client, clock, officer_a, directorate):
    from tests.decisions.factories import make_action, make_pathway_item

    action = make_action(due_on=DEC[1], owner=officer_a)
    item = make_pathway_item(directorate=directorate, lead_officer=officer_a)
    chase(action, officer_a, DEC[2], kind="decisions.action")
    chase(item, officer_a, DEC[3], Stage.ALERT, kind="decisions.pathway")

    assert "Chased Joanna Kowalska on 2 December 2026." in chasing_section(page(client, officer_a, action))
    html = page(client, officer_a, item)
    assert "Alerted Joanna Kowalska on 3 December 2026." in chasing_section(html)
    assert html.index("Statutory dates") < html.index('id="chasing"') < html.index('id="details"')


@pytest.mark.django_db
def test_the_requisition_page_shows_its_history(client, clock, head, officer_a):
    from tests.procurement.factories import make_line, make_people, make_requisition

    people = make_people(head=head, requester=officer_a)
    requisition = make_requisition(people, make_line(people))
    chase(requisition, people.holder, DEC[2], kind="procurement.approval")
    chase(requisition, people.holder, DEC[3], kind="procurement.approval", status=Notification.Status.PENDING)
    section = chasing_section(page(client, officer_a, requisition))
    assert "Chased Patrick Mensah on 2 and 3 December 2026 (not yet delivered on 3 December 2026)." in section


def test_an_officer_chased_as_cover_is_named_with_whom_they_cover_in_a_sentence_of_its_own():
    lines = condense(
        [
            entry(date(2026, 12, 1), KIM),
            entry(date(2026, 12, 2), SAM, covering=KIM),
            entry(date(2026, 12, 3), SAM, covering=KIM),
            entry(date(2026, 12, 4), KIM),
        ]
    )
    assert [line.text for line in lines] == [
        "Chased Kim Lee on 1 December 2026.",
        "Chased Sam Ortiz (covering for Kim Lee) on 2 and 3 December 2026.",
        "Chased Kim Lee on 4 December 2026.",
    ]
