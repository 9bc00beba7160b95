"""Plural wording in casework: "1 working day", "2 working days", on the timeline, in extensions and on the case
page (Django's ngettext and pluralize)."""

from datetime import date

import pytest
from django.urls import reverse

from casework import services
from casework.deadlines import working_days_text
from casework.models import CaseEvent, Extension

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count, text", [(0, "0 working days"), (1, "1 working day"), (2, "2 working days")])
def test_working_days_text(count, text):
    assert working_days_text(count) == text


@pytest.mark.parametrize("resumed, days", [(date(2026, 3, 5), "1 working day"), (date(2026, 3, 6), "2 working days")])
def test_the_timeline_says_how_long_the_case_was_on_hold_in_the_right_number(log_case, member_a, head, resumed, days):
    case = log_case(member=member_a, received=date(2026, 3, 2))
    case = services.case_allocate(actor=head, case=case, officer=head)
    case = services.case_hold(actor=head, case=case, reason="Waiting for photographs", on=date(2026, 3, 4))
    case = services.case_resume(actor=head, case=case, on=resumed)
    assert case.events.filter(kind=CaseEvent.Kind.STAGE).last().text == f"Clock restarted after {days}"
    assert case.events.filter(kind=CaseEvent.Kind.DEADLINE).last().text.startswith(f"On hold for {days}. ")


@pytest.mark.parametrize("length, days", [(1, "1 working day"), (3, "3 working days")])
def test_an_extension_says_its_length_in_the_right_number(log_case, member_a, head, length, days):
    case = log_case(member=member_a)
    extension = services.case_extend(
        actor=head, case=case, kind=Extension.Kind.COMPLEX, working_days=length, reason="Complex"
    )
    assert str(extension) == f"Complex enquiry: {days}"
    assert (
        case.events.filter(kind=CaseEvent.Kind.DEADLINE)
        .last()
        .text.startswith(f"Extended by {days} (complex enquiry): Complex.")
    )


def test_the_case_page_explains_a_one_day_target_in_the_singular(client, log_case, member_a, head):
    case = log_case(member=member_a, code="media", received=date(2026, 11, 2))  # a media enquiry: 1 working day
    case = services.case_allocate(actor=head, case=case, officer=head)
    services.case_extend(actor=head, case=case, kind=Extension.Kind.COMPLEX, working_days=1, reason="Complex")
    case = services.case_hold(actor=head, case=case, reason="Waiting for photographs", on=date(2026, 11, 4))
    services.case_resume(actor=head, case=case, on=date(2026, 11, 5))
    client.force_login(head)
    page = " ".join(client.get(reverse("casework:detail", args=[case.pk])).content.decode().split())
    assert "is 1 working day, plus 1 working day of extensions, plus 1 working day on hold: 3 working days on" in page
    assert "Extension (complex enquiry): 1 working day –" in page
    assert "(1 working day):" in page
    assert "1 working days" not in page
