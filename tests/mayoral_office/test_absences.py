"""Absence cover (issue 16): while an officer is away, the officer covering them sees their items on their home page
("my work") and the daily chase goes to the cover officer, which each item's chase history shows; when the absence
ends, things go back. Bad dates and covers get clear messages and nothing is saved."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from casework.models import Case, Status
from mayoral_office import absences, chasing
from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.models import Absence, ChaseSettings, Notification
from mayoral_office.roles import Role
from tests.casework.factories import CaseFactory
from tests.mayoral_office.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules(db):
    return ChaseSettings.objects.create(remind_before_days=0, lead_after_days=30, head_after_days=50)


@pytest.fixture
def lead(db):
    return UserFactory(role=Role.CABINET_SUPPORT, full_name="Sam Ortiz")


@pytest.fixture
def kim(lead):
    return UserFactory(role=Role.CABINET_SUPPORT, full_name="Kim Lee", reports_to=lead)


@pytest.fixture
def cover(db):
    return UserFactory(role=Role.EXECUTIVE_SUPPORT, full_name="Rupa Sen")


def _away(kim, cover, starts=date(2026, 12, 3), ends=date(2026, 12, 11)) -> Absence:
    return absences.absence_record(actor=kim, officer=kim, cover=cover, starts_on=starts, ends_on=ends, note="Leave")


def _case(officer, due: date) -> Case:
    return CaseFactory(officer=officer, response_due=due, status=Status.ALLOCATED, subject="Blocked drains")


@pytest.mark.clock("2026-12-04 09:00")  # Friday
def test_the_cover_officers_home_lists_the_absent_officers_items(client, clock, rules, kim, cover):
    case = _case(kim, date(2026, 12, 3))
    _away(kim, cover)
    client.force_login(cover)
    home = client.get(reverse("home"))
    lines = home.context["due"]
    assert [(line.item.pk, line.covering) for line in lines] == [(case.pk, kim)]
    page = home.content.decode()
    assert "Covering for Kim Lee" in page and "You are covering for Kim Lee until 11 December 2026" in page
    client.force_login(kim)  # and the absent officer still sees their own
    assert [(line.item.pk, line.covering) for line in client.get(reverse("home")).context["due"]] == [(case.pk, None)]


@pytest.mark.clock("2026-12-04 09:00")
def test_the_chase_goes_to_the_cover_officer_and_the_items_history_says_so(client, clock, rules, kim, cover, head):
    case = _case(kim, date(2026, 12, 3))
    _away(kim, cover)
    chasing.run_chase()
    recipients = set(
        Notification.objects.filter(kind=chasing.DIGEST_KIND).values_list("recipient__full_name", flat=True)
    )
    assert recipients == {"Rupa Sen"}
    digest = Notification.objects.get(recipient=cover)
    assert case.reference in digest.body and "(covering for Kim Lee)" in digest.body
    client.force_login(head)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Chased Rupa Sen (covering for Kim Lee) on 4 December 2026" in page


@pytest.mark.clock("2026-12-14 09:00")  # Monday, after the absence
def test_after_the_absence_the_officer_is_chased_again(clock, rules, kim, cover):
    case = _case(kim, date(2026, 12, 10))
    _away(kim, cover, starts=date(2026, 12, 14), ends=date(2026, 12, 14))
    absence = Absence.objects.get()
    absences.absence_cancel(actor=kim, absence=absence)  # back after all: it had not begun, so it goes
    assert not Absence.objects.exists()
    chasing.run_chase()
    assert list(Notification.objects.values_list("recipient__full_name", flat=True)) == ["Kim Lee"]
    assert case.reference in Notification.objects.get().body


@pytest.mark.clock("2026-12-04 09:00")
def test_ending_an_absence_that_has_begun_keeps_its_past_days(clock, kim, cover):
    absence = _away(kim, cover)
    absences.absence_cancel(actor=kim, absence=absence)
    absence.refresh_from_db()
    assert (absence.starts_on, absence.ends_on) == (date(2026, 12, 3), date(2026, 12, 3))
    assert absences.covers_on(date(2026, 12, 4)) == {}


@pytest.mark.clock("2026-12-04 09:00")
def test_bad_dates_and_covers_get_clear_messages_and_nothing_is_saved(client, clock, kim, cover, lead, intern):
    client.force_login(kim)

    def post(**overrides):
        data = {
            "officer": kim.pk, "cover": cover.pk, "starts_on_0": "7", "starts_on_1": "12", "starts_on_2": "2026",
            "ends_on_0": "11", "ends_on_1": "12", "ends_on_2": "2026", "note": "",
        }  # fmt: skip
        data.update(overrides)
        return client.post(reverse("absences"), data)

    assert post(ends_on_0="4").context["form"].errors["ends_on"] == ["The last day away must be on or after the first"]
    assert post(cover=kim.pk).context["form"].errors["cover"] == ["Choose someone else to cover"]
    assert post(ends_on_1="11", starts_on_1="11").context["form"].errors["ends_on"] == [
        "The absence has already ended: record one that ends today or later"
    ]
    assert not Absence.objects.exists()
    assert post().status_code == 302
    assert post(starts_on_0="10", ends_on_0="18").context["form"].errors["starts_on"] == [
        "Kim Lee is already away from 7 December to 11 December 2026: change the dates"
    ]
    assert Absence.objects.count() == 1
    with pytest.raises(PermissionDenied):  # another officer may not record Kim's absence; their team lead may
        absences.absence_record(
            actor=cover, officer=kim, cover=lead, starts_on=date(2026, 12, 21), ends_on=date(2026, 12, 22)
        )
    absences.absence_record(
        actor=lead, officer=kim, cover=cover, starts_on=date(2026, 12, 21), ends_on=date(2026, 12, 22)
    )
    with pytest.raises(ServiceError, match="Kim Lee is away then too"):
        absences.absence_record(
            actor=cover, officer=cover, cover=kim, starts_on=date(2026, 12, 21), ends_on=date(2026, 12, 21)
        )


@pytest.mark.clock("2026-12-04 09:00")
def test_the_cover_gets_references_only_and_the_absent_officer_no_alert(clock, rules, kim, cover):
    """The cover may not see every record of the absent officer's: their lines name them by reference only. Alerts
    for the absent officer's items go to the cover (if they asked for alerts), never to the absent officer."""
    case = _case(kim, date(2026, 12, 3))
    _away(kim, cover)
    (line,) = chasing.due_for(cover)
    assert (line.item.reference, line.item.title, line.covering) == (case.reference, "", kim)
    kim.chase_alerts = True
    kim.save(update_fields=["chase_alerts"])
    chasing.run_chase()
    chasing.send_alerts()
    alerted = Notification.objects.filter(kind=chasing.ALERT_KIND).values_list("recipient__full_name", flat=True)
    assert list(alerted) == []
    cover.chase_alerts = True
    cover.save(update_fields=["chase_alerts"])
    assert chasing.send_alerts().items == 0  # already chased in today's digest: an alert is for what is new


@pytest.mark.clock("2026-12-04 09:00")
def test_only_the_offices_officers_keep_absences_and_a_cover_cannot_be_away(client, clock, kim, cover, lead, intern):
    client.force_login(intern)
    assert client.get(reverse("absences")).status_code == 403
    assert 'href="/absences/"' not in client.get(reverse("home")).content.decode()
    with pytest.raises(ServiceError, match="Choose an officer of the Mayor's Office to cover"):
        absences.absence_record(
            actor=kim, officer=kim, cover=intern, starts_on=date(2026, 12, 7), ends_on=date(2026, 12, 8)
        )
    _away(kim, cover)
    with pytest.raises(ServiceError, match="Rupa Sen is covering for Kim Lee then"):
        absences.absence_record(
            actor=cover, officer=cover, cover=lead, starts_on=date(2026, 12, 10), ends_on=date(2026, 12, 12)
        )


@pytest.mark.clock("2026-12-04 09:00")
def test_the_absences_page_makes_the_same_queries_for_2_or_12_absences(client, clock, kim, cover, head):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        start = date(2027, 1, 4) + timedelta(days=30 * Absence.objects.count())
        for i in range(n):
            day = start + timedelta(days=2 * i)
            absences.absence_record(actor=head, officer=kim, cover=cover, starts_on=day, ends_on=day)

    client.force_login(head)
    add(2)
    client.get(reverse("absences"))
    with CaptureQueriesContext(connection) as fewer:
        client.get(reverse("absences"))
    add(10)
    client.get(reverse("absences"))  # (a change of absences has the kept tables read again once: choices.py)
    with CaptureQueriesContext(connection) as more:
        assert client.get(reverse("absences")).context["page"].paginator.count == 12
    assert len(more.captured_queries) == len(fewer.captured_queries)
