"""Issue 9: the retention screen. The Head of Mayor's Office sees what the retention rule will anonymise and when;
the page is the dry run (nothing changes); its button runs the same service as the nightly job, with its audit
entries. Everyone else is refused."""

from datetime import date, timedelta
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from casework import retention, selectors, services
from casework.models import Case, Status
from casework.services.privacy import ANONYMISED
from mayoral_office.errors import PermissionDenied, ServiceError
from tests.casework.factories import CorrespondentFactory

pytestmark = pytest.mark.django_db


def _finished(log_case, head, member, *, subject, closed_on: date) -> Case:
    case = log_case(
        member=member,
        received=closed_on - timedelta(days=10),
        subject=subject,
        correspondent=CorrespondentFactory(name=f"Writer of {subject}"),
    )
    services.case_move(actor=head, case=case, to_status=Status.NO_REPLY_NEEDED, reason="A copy")
    services.case_move(actor=head, case=Case.objects.get(pk=case.pk), to_status=Status.CLOSED)
    closed_at = timezone.make_aware(timezone.datetime.combine(closed_on, timezone.datetime.min.time()).replace(hour=12))
    Case.objects.filter(pk=case.pk).update(closed_at=closed_at)
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def cases(log_case, head, member_a, clock):
    """Resident correspondence is kept 6 years after it is finished."""
    today = clock.today
    return {
        "old": _finished(log_case, head, member_a, subject="Old damp", closed_on=today.replace(year=today.year - 8)),
        "soon": _finished(
            log_case, head, member_a, subject="Soon", closed_on=today.replace(year=today.year - 6) + timedelta(days=30)
        ),
        "recent": _finished(log_case, head, member_a, subject="Recent", closed_on=today - timedelta(days=40)),
    }


def test_the_head_sees_what_will_be_anonymised_and_when(client, head, cases, clock):
    client.force_login(head)
    response = client.get(reverse("casework:retention"))
    assert response.status_code == 200
    page = response.content.decode()
    due_table = page.split('id="retention-due"')[1].split("</table>")[0]
    upcoming_table = page.split('id="retention-upcoming"')[1].split("</table>")[0]
    assert cases["old"].reference in due_table and cases["soon"].reference not in due_table
    assert cases["soon"].reference in upcoming_table
    assert cases["recent"].reference not in page
    soon_on = retention.anonymise_on(cases["soon"])
    assert soon_on == clock.today + timedelta(days=31)
    assert f"{soon_on:%-d %B %Y}" in upcoming_table
    assert 'data-action="casework.retention"' in page and "Anonymise these 1 case now" in page
    assert ">Retention</a>" in client.get(reverse("casework:index")).content.decode()  # the casework menu


def test_the_schedule_agrees_with_the_retention_rule(cases, clock):
    for offset in (0, 31, 32, 400):
        day = clock.today + timedelta(days=offset)
        due, _upcoming = retention.schedule(day)
        assert {row.case.pk for row in due} == set(selectors.retention_due(day).values_list("pk", flat=True))


@pytest.mark.parametrize("persona", ["officer_a", "exec_officer", "member_a_user", "intern", "directorate_contact"])
def test_anyone_else_gets_403_and_cannot_run_it(client, request, persona, cases):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get(reverse("casework:retention")).status_code == 403
    assert client.post(reverse("casework:retention"), {"count": "1"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.cases_apply_retention(actor=user)
    assert Case.objects.get(pk=cases["old"].pk).anonymised_at is None
    assert ">Retention</a>" not in client.get(reverse("casework:index"), follow=True).content.decode()


def test_the_dry_run_changes_nothing(client, head, cases):
    entries = LogEntry.objects.count()
    client.force_login(head)
    client.get(reverse("casework:retention"))
    out = StringIO()
    call_command("casework_retention", "--dry-run", stdout=out)
    assert cases["old"].reference in out.getvalue() and "1 case(s) would be anonymised." in out.getvalue()
    assert cases["soon"].reference not in out.getvalue()
    old = Case.objects.get(pk=cases["old"].pk)
    assert old.anonymised_at is None and old.subject == "Old damp"
    assert LogEntry.objects.count() == entries


def test_the_run_anonymises_and_writes_an_audit_entry(client, head, cases):
    client.force_login(head)
    response = client.post(reverse("casework:retention"), {"count": "1"}, follow=True)
    assert response.status_code == 200
    assert "1 case(s) anonymised." in response.content.decode()
    old = Case.objects.get(pk=cases["old"].pk)
    assert old.anonymised_at is not None and old.subject == ANONYMISED
    assert old.correspondent.name == ANONYMISED
    entry = LogEntry.objects.filter(object_pk=str(old.pk), content_type__model="case").latest("pk")
    assert entry.actor == head and "anonymised_at" in entry.changes
    assert f"run by {head}" in entry.additional_data["note"]
    assert Case.objects.get(pk=cases["soon"].pk).anonymised_at is None
    assert "No case is due to be anonymised now." in response.content.decode()


def test_a_run_is_refused_if_the_list_changed_since_the_head_looked(client, head, cases):
    client.force_login(head)
    response = client.post(reverse("casework:retention"), {"count": "5"}, follow=True)
    assert "The list has changed since you looked: 1 case(s) are due now, not 5." in response.content.decode()
    assert Case.objects.get(pk=cases["old"].pk).anonymised_at is None
    with pytest.raises(ServiceError):
        services.cases_apply_retention(actor=head, expected_count=0)


def test_the_command_still_runs_the_same_service(cases):
    out = StringIO()
    call_command("casework_retention", stdout=out)
    assert "1 case(s) anonymised." in out.getvalue()
    assert Case.objects.get(pk=cases["old"].pk).anonymised_at is not None


def test_the_screen_runs_the_same_queries_at_10_and_at_100_cases(client, head, member_a, clock):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.casework.factories import CaseFactory

    long_ago = timezone.now() - timedelta(days=7 * 366)
    client.force_login(head)
    client.get(reverse("casework:retention"))  # the session's first save, not counted
    counts = []
    for total in (10, 100):
        CaseFactory.create_batch(
            total - Case.objects.count(), member=member_a, status=Status.CLOSED, closed_at=long_ago
        )
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("casework:retention")).content.decode()
        assert f"Anonymise these {total} cases now" in page
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
