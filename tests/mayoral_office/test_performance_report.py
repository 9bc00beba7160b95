"""The performance report: the dashboard as a PDF for any period, and every week by email to the Head of Mayor's
Office on the first working day of the week, once."""

import base64
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from pypdf import PdfReader

from casework.models import Status
from mayoral_office import reports
from mayoral_office.models import Notification
from mayoral_office.registry import Cell, Chart, Table
from mayoral_office.roles import Role
from tests.casework.factories import CaseFactory, aware
from tests.mayoral_office.factories import UserFactory

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def cases(clock):
    for status in [Status.ALLOCATED, Status.ALLOCATED, Status.DRAFTING]:
        received = clock.today - timedelta(days=25)
        CaseFactory(status=status, received_at=aware(received), response_due=received + timedelta(days=14))


def test_the_report_for_a_period_has_every_table_with_its_figures(client, head, cases):
    client.force_login(head)
    response = client.get(reverse("dashboard-report"), {"period": "custom", "start": "2026-11-01", "end": "2026-11-30"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert "Mayor's Office performance report" in text
    assert "1 November 2026 to 30 November 2026" in text
    for caption in ["Open cases by stage", "Overdue cases by how late they are", "Actions overdue by owner"]:
        assert caption in text
    assert "Allocated 2" in text.replace("\n", " ")
    assert "Page 1 of" in text


def test_people_outside_the_office_get_no_report(client, clock):
    client.force_login(UserFactory(role=Role.DIRECTORATE_CONTACT))
    assert client.get(reverse("dashboard-report")).status_code == 403


def test_charts_are_svg_with_the_labels_escaped():
    table = Table(
        "x.y",
        "Cases by <team>",
        ("Team", "Cases", "Late"),
        ((Cell("<script>"), Cell(3), Cell(1)), (Cell("B & C"), Cell(0), Cell(2))),
        chart=Chart("bar", (1, 2), stacked=True),
    )
    svg = str(reports.svg_chart(table))
    assert svg.startswith("<svg") and "<script>" not in svg and "&lt;script&gt;" in svg and "B &amp; C" in svg
    assert svg.count("<rect") == 4 + 2  # a bar a series a row, and the legend
    line = str(
        reports.svg_chart(
            Table(
                "a.b",
                "Trend",
                ("Week", "In"),
                ((Cell("w1"), Cell(1)), (Cell("w2"), Cell(4))),
                chart=Chart("line", (1,)),
            )
        )
    )
    assert "<polyline" in line


@pytest.mark.clock("2026-12-07 07:30")  # a Monday
def test_on_monday_the_head_gets_last_weeks_report_once(clock, head, cases, django_capture_on_commit_callbacks):
    UserFactory(role=Role.CABINET_SUPPORT)  # officers get none
    with django_capture_on_commit_callbacks(execute=True):
        assert reports.send_weekly_reports() == 1
        assert reports.send_weekly_reports() == 0  # a second run (or worker) sends nothing more
    email = Notification.objects.get(kind=reports.WEEKLY_KIND)
    assert email.to == [head.email] and email.recipient == head
    assert email.subject == "Mayor's Office performance report, week of 30 November 2026"
    assert "30 November 2026 to 6 December 2026" in email.body
    attachment = email.attachments[0]
    assert attachment["mimetype"] == "application/pdf"
    assert "Last week: 30 November 2026 to 6 December 2026" in _text(base64.b64decode(attachment["content"]))
    clock.move_to("2026-12-08 07:30")  # Tuesday: not the first working day of the week
    assert reports.send_weekly_reports() == 0


@pytest.mark.clock("2026-12-28 07:30")  # Monday 28 December 2026: a substitute bank holiday (Boxing Day)
def test_after_a_bank_holiday_monday_it_goes_on_tuesday(clock, head, cases):
    assert reports.send_weekly_reports() == 0
    clock.move_to("2026-12-29 07:30")
    assert reports.send_weekly_reports() == 1
    email = Notification.objects.get(kind=reports.WEEKLY_KIND)
    assert "21 December 2026 to 27 December 2026" in email.body
