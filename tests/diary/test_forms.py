"""The diary forms use the GOV.UK patterns: date input (day, month and year boxes), times typed as text,
checkboxes for the officers attending, and GOV.UK text inputs throughout."""

import re
from datetime import time

import pytest
from django.urls import reverse

from diary.forms import parse_time
from diary.models import Engagement
from tests.diary.factories import date_parts
from tests.diary.test_engagements import form_post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:30", time(14, 30)),
        ("14.30", time(14, 30)),
        ("1430", time(14, 30)),
        ("9", time(9)),
        ("930", time(9, 30)),
        ("2:30pm", time(14, 30)),
        ("2.30 p.m.", time(14, 30)),
        (" 9am ", time(9)),
        ("12am", time(0)),
        ("12pm", time(12)),
        ("Noon", time(12)),
        ("25:00", None),
        ("14:60", None),
        ("13pm", None),
        ("14:30pm", None),
        ("0am", None),
        ("half ten", None),
        ("١٤:٣٠", None),
    ],
)
def test_parse_time(typed, expected):
    assert parse_time(typed) == expected


def inputs(html: str, name: str) -> list[str]:
    return re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)


@pytest.mark.parametrize("url_name", ["diary:engagement-create", "diary:invitation-create"])
def test_forms_use_gov_uk_date_input_and_text_times(client, exec_officer, mayor, url_name):
    client.force_login(exec_officer)
    html = client.get(reverse(url_name)).content.decode()
    assert 'type="date"' not in html and 'type="time"' not in html
    date_name = "start_date" if url_name == "diary:engagement-create" else "event_date"
    assert 'class="govuk-date-input"' in html
    for part, width in (("0", "2"), ("1", "2"), ("2", "4")):
        (box,) = inputs(html, f"{date_name}_{part}")
        assert f"govuk-date-input__input govuk-input--width-{width}" in box
    assert ">Day</label>" in html and ">Month</label>" in html and ">Year</label>" in html
    (start_time,) = inputs(html, "start_time")
    assert 'type="text"' in start_time and "govuk-input" in start_time
    assert "For example, 14:30 or 2:30pm" in html


def test_online_link_is_a_gov_uk_input(client, exec_officer, mayor):
    client.force_login(exec_officer)
    html = client.get(reverse("diary:engagement-create")).content.decode()
    (link,) = inputs(html, "online_link")
    assert 'class="govuk-input"' in link and 'inputmode="url"' in link


def test_officers_attending_are_checkboxes_of_those_who_support_the_members_and_the_head(
    client, exec_officer, officer_a, head, mayor, member_a
):
    client.force_login(exec_officer)
    html = client.get(reverse("diary:engagement-create")).content.decode()
    assert "<select multiple" not in html and "Hold Ctrl" not in html
    boxes = inputs(html, "attendee_officers")
    assert all('type="checkbox"' in b and "govuk-checkboxes__input" in b for b in boxes)
    offered = {int(re.search(r'value="(\d+)"', b)[1]) for b in boxes}
    # The Mayor's officer and the Head; not the officer of a member whose diary this officer does not keep.
    assert offered == {exec_officer.pk, head.pk}
    assert officer_a.pk not in offered


def test_an_officer_not_offered_is_refused(client, exec_officer, officer_a, mayor):
    client.force_login(exec_officer)
    post = form_post(mayor.member, attendee_officers=[officer_a.pk])
    response = client.post(reverse("diary:engagement-create"), post)
    assert "Select officers from the list" in response.content.decode()
    assert not Engagement.objects.exists()


def test_engagement_saved_from_day_month_year_and_a_12_hour_time(client, exec_officer, head, mayor):
    client.force_login(exec_officer)
    post = form_post(
        mayor.member,
        **date_parts("start_date", (3, 4, 2026)),
        start_time="2:30pm",
        end_time="15:45",
        online_link="teams.example.org/meet/1",
        attendee_officers=[head.pk],
    )
    response = client.post(reverse("diary:engagement-create"), post)
    assert response.status_code == 302
    e = Engagement.objects.get()
    assert (e.local_start.date().isoformat(), e.local_start.time(), e.local_end.time()) == (
        "2026-04-03",
        time(14, 30),
        time(15, 45),
    )
    assert e.online_link == "https://teams.example.org/meet/1"
    assert list(e.attendee_officers.all()) == [head]


def test_edit_form_shows_the_saved_date_and_time_in_the_boxes(client, exec_officer, mayor):
    from tests.diary.factories import at, make_engagement

    e = make_engagement(mayor.member, start=at(2026, 4, 3, 14, 30), title="Citizenship ceremony")
    client.force_login(exec_officer)
    html = client.get(reverse("diary:engagement-edit", args=[e.pk])).content.decode()
    assert 'value="3"' in inputs(html, "start_date_0")[0]
    assert 'value="4"' in inputs(html, "start_date_1")[0]
    assert 'value="2026"' in inputs(html, "start_date_2")[0]
    assert 'value="14:30"' in inputs(html, "start_time")[0]
    assert 'value="15:30"' in inputs(html, "end_time")[0]


def test_bad_time_gets_a_clear_message(client, exec_officer, mayor):
    client.force_login(exec_officer)
    response = client.post(reverse("diary:engagement-create"), form_post(mayor.member, start_time="14:30pm"))
    assert "Enter the start time as a time on the clock, like 14:30 or 2:30pm" in response.content.decode()
    assert not Engagement.objects.exists()


HUGE = "1" * 40  # no database integer holds it: SQLite raises OverflowError, PostgreSQL "out of range"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("members", [HUGE], "Select members from the list"),
        ("attendee_officers", [HUGE], "Select officers from the list"),
        ("lead_officer", HUGE, "Select the lead officer from the list"),
    ],
)
def test_a_40_digit_id_in_an_engagement_pick_list_is_not_a_valid_choice(
    client, exec_officer, mayor, field, value, message
):
    """The field's "select a valid choice" message, on the form (200), never a server error."""
    client.force_login(exec_officer)
    response = client.post(reverse("diary:engagement-create"), form_post(mayor.member, **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode() and "govuk-error-summary" in response.content.decode()
    assert not Engagement.objects.exists()


def test_a_40_digit_member_on_an_invitation_is_not_a_valid_choice(client, exec_officer, mayor):
    from diary.models import Invitation

    client.force_login(exec_officer)
    post = {
        "member": HUGE,
        "organisation": "Residents' association",
        "event_name": "Summer fair",
        **date_parts("event_date", (10, 2, 2027)),
        "start_time": "12:00",
        "end_time": "13:00",
        "asks": ["open"],
        **date_parts("received_on", (2, 12, 2026)),
    }
    response = client.post(reverse("diary:invitation-create"), post)
    assert response.status_code == 200
    assert "Choose a member from the list" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_40_digit_delegate_is_not_a_valid_choice(client, exec_officer, mayor):
    from diary.models import InvitationStatus
    from tests.diary.test_invitations import record

    invitation = record(exec_officer, mayor.member)
    client.force_login(exec_officer)
    response = client.post(
        reverse("diary:invitation", args=[invitation.pk]), {"decision": "delegate", "delegate": HUGE, "reason": "x"}
    )
    assert response.status_code == 200
    assert "Choose a Deputy Mayor or Cabinet Member from the list" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.RECEIVED


@pytest.mark.parametrize(
    "path",
    [
        f"/diary/week/?member={HUGE}",
        f"/diary/week-ahead.pdf?member={HUGE}",
        f"/diary/engagements/{HUGE}/",
        f"/diary/engagements/{HUGE}/edit/",
        f"/diary/invitations/{HUGE}/",
        f"/diary/invitations/{HUGE}/reply.pdf",
        f"/diary/members/{HUGE}/subscription/",
    ],
)
def test_a_40_digit_id_in_an_address_is_not_found(client, exec_officer, mayor, path):
    client.force_login(exec_officer)
    assert client.get(path).status_code == 404


def test_a_40_digit_feed_address_id_is_not_found(client, exec_officer, mayor):
    client.force_login(exec_officer)
    url = reverse("diary:feed-manage", args=[mayor.member.pk])
    assert client.post(url, {"action": "revoke", "token": HUGE}).status_code == 404
