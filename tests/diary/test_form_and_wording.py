"""The engagement form in short groups, with the reason box only on a conflict and a conflict check refreshed by
htmx; no traceback in the log for an ordinary conflict or a missing optional field; guests' addresses checked by
Django's EmailValidator; the decline letter as a sentence; plural rules; wide lists in their own scroll region."""

import logging
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from diary import services
from diary.guests import guest_emails
from diary.models import DiarySettings, Engagement
from tests.diary.factories import at, date_parts, make_engagement
from tests.diary.test_engagements import form_post
from tests.diary.test_invitations import record

pytestmark = pytest.mark.django_db


def no_trouble_logged(caplog):
    trouble = [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]
    assert trouble == [], [f"{r.levelname} {r.name}: {r.getMessage()[:200]}" for r in trouble]


# --- the form ---------------------------------------------------------------------------------------------------
def test_the_form_is_in_short_groups_and_has_no_reason_box_without_a_conflict(client, officer_a, member_a):
    client.force_login(officer_a)
    html = client.get(reverse("diary:engagement-create")).content.decode()
    assert "What, when and where" in html
    for group in ("Who: organiser, contact, officers and guests", "Briefing needs", "Notes"):
        assert f'<span class="govuk-details__summary-text">{group}</span>' in html
    assert 'name="conflict_reason"' not in html
    assert 'aria-live="polite"' in html and reverse("diary:engagement-conflicts") in html


def test_a_clash_shows_the_reason_box_and_logs_no_traceback(client, officer_a, member_a, caplog):
    make_engagement(member_a, start=at(2026, 6, 10, 10), title="Housing scrutiny pre-meet")
    client.force_login(officer_a)
    caplog.set_level(logging.INFO)
    post = form_post(member_a, start_time="10:30", end_time="11:30")
    post.pop("repeat", None)  # not sent at all: an optional field
    html = client.post(reverse("diary:engagement-create"), post).content.decode()
    assert "This clashes with 1 other engagement " in html and 'name="conflict_reason"' in html
    no_trouble_logged(caplog)


def test_the_change_form_posted_with_a_clash_logs_no_keyerror_for_repeat(client, officer_a, member_a, caplog):
    make_engagement(member_a, start=at(2026, 6, 10, 10), title="Housing scrutiny pre-meet")
    mine = make_engagement(member_a, start=at(2026, 6, 10, 14), title="Visit to the food bank")
    client.force_login(officer_a)
    caplog.set_level(logging.INFO)
    url = reverse("diary:engagement-edit", args=[mine.pk])
    assert 'name="repeat"' not in client.get(url).content.decode()
    html = client.post(url, form_post(member_a, start_time="10:30", end_time="11:30")).content.decode()
    assert "Housing scrutiny pre-meet" in html and 'name="conflict_reason"' in html
    response = client.post(url, form_post(member_a, start_time="15:00", end_time="16:00"))
    assert response.status_code == 302
    no_trouble_logged(caplog)


def test_the_conflict_check_answers_as_the_time_changes(client, officer_a, member_a, caplog):
    make_engagement(member_a, start=at(2026, 6, 10, 10), title="Housing scrutiny pre-meet")
    client.force_login(officer_a)
    caplog.set_level(logging.INFO)
    url = reverse("diary:engagement-conflicts")
    clash = client.post(url, form_post(member_a, start_time="10:30", end_time="11:30"), HTTP_HX_REQUEST="true")
    assert clash.status_code == 200
    html = clash.content.decode()
    assert "<html" not in html  # a partial
    assert "Housing scrutiny pre-meet" in html and 'name="conflict_reason"' in html
    free = client.post(url, form_post(member_a, start_time="15:00", end_time="16:00")).content.decode()
    assert "Housing scrutiny pre-meet" not in free and 'name="conflict_reason"' not in free
    half_typed = client.post(url, {"members": [member_a.pk], "start_time": "1"}).content.decode()
    assert 'name="conflict_reason"' not in half_typed
    no_trouble_logged(caplog)


def test_the_conflict_check_leaves_out_the_engagement_being_changed_and_hides_what_the_user_may_not_see(
    client, officer_a, intern, member_a
):
    mine = make_engagement(member_a, start=at(2026, 6, 10, 10), title="Visit to the food bank")
    client.force_login(officer_a)
    url = reverse("diary:engagement-conflicts") + f"?engagement={mine.pk}"
    html = client.post(url, form_post(member_a, start_time="10:30", end_time="11:30")).content.decode()
    assert 'name="conflict_reason"' not in html
    client.force_login(intern)  # reads the diary only
    assert client.post(url, form_post(member_a)).status_code == 403


def test_the_conflict_check_flags_a_series_on_a_bank_holiday(client, officer_a, member_a):
    client.force_login(officer_a)
    post = form_post(
        member_a,
        **date_parts("start_date", date(2026, 12, 21)),
        repeat="weekly",
        **date_parts("repeat_until", date(2027, 1, 4)),
    )
    html = client.post(reverse("diary:engagement-conflicts"), post).content.decode()
    assert "Monday 28 December 2026" in html and 'name="conflict_reason"' in html
    skipped = client.post(reverse("diary:engagement-conflicts"), {**post, "skip_days_off": "on"}).content.decode()
    assert "28 December" not in skipped


# --- guests' email addresses ------------------------------------------------------------------------------------
def test_a_bad_guest_address_is_refused_naming_it(client, officer_a, member_a):
    client.force_login(officer_a)
    guests = "Priya Shah <priya@example.org>\nTom Jones, tom@@example"
    html = client.post(reverse("diary:engagement-create"), form_post(member_a, external_guests=guests))
    text = html.content.decode()
    assert "“tom@@example” (guest on line 2) is not a valid email address" in text
    assert not Engagement.objects.exists()


def test_the_service_refuses_a_bad_guest_address_too(officer_a, member_a):
    from diary.data import EngagementData
    from mayoral_office.errors import ServiceError

    data = EngagementData(title="Visit", kind="site_visit", starts_at=at(2026, 6, 10, 10), ends_at=at(2026, 6, 10, 11))
    data.external_guests = "jo@example"
    with pytest.raises(ServiceError) as refused:
        services.engagement_create(actor=officer_a, data=data, members=[member_a])
    assert refused.value.field == "external_guests" and "“jo@example”" in refused.value.message


def test_guest_addresses_are_read_with_djangos_validator():
    text = "Priya Shah <Priya@Example.org>, Age UK\nTom (tom@example.co.uk).\nNo address\nbad@@x"
    assert guest_emails(text) == {"priya@example.org", "tom@example.co.uk"}


# --- wording ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("reason", "sentence"),
    [
        ("a prior engagement", "is unable to accept your invitation because of a prior engagement."),
        ("A prior engagement.", "is unable to accept your invitation because of a prior engagement."),
        ("as she is on leave that week", "is unable to accept your invitation as she is on leave that week."),
        ("NHS board meeting", "is unable to accept your invitation because of NHS board meeting."),
    ],
)
def test_the_decline_letter_reads_as_a_sentence(client, exec_officer, mayor, reason, sentence):
    from tests.diary.test_week_ahead_pdf import pdf_text

    invitation = record(exec_officer, mayor.member)
    services.invitation_decline(actor=exec_officer, invitation=invitation, reason=reason)
    client.force_login(exec_officer)
    text = " ".join(pdf_text(client.get(reverse("diary:invitation-reply", args=[invitation.pk])).content).split())
    assert f"I am sorry that {mayor.member.name} {sentence}" in text
    assert "accept:" not in text


def test_one_working_days_notice_is_singular(client, exec_officer, mayor):
    settings = DiarySettings.current()
    settings.minimum_notice_working_days = 1
    settings.save()
    client.force_login(exec_officer)
    form = unescape(client.get(reverse("diary:invitation-create")).content.decode())
    assert "at least 1 working day's notice" in form
    invitation = record(exec_officer, mayor.member, received_on=date(2026, 6, 1), event_date=date(2026, 6, 2))
    page = unescape(client.get(reverse("diary:invitation", args=[invitation.pk])).content.decode())
    assert "(1 working day's notice)" in page


def test_the_short_notice_refusal_counts_in_the_singular(exec_officer, mayor):
    from mayoral_office.errors import ServiceError

    with pytest.raises(ServiceError) as refused:
        record(exec_officer, mayor.member, received_on=date(2026, 6, 1), event_date=date(2026, 6, 2))
    assert "gives 1 working day's notice;" in refused.value.message


def test_cancelling_one_occurrence_onwards_says_1_occurrence(client, officer_a, member_a):
    from diary.data import EngagementData

    series = services.series_create(
        actor=officer_a,
        data=EngagementData(
            title="Ward surgery", kind="ward_surgery", starts_at=at(2027, 1, 16, 10), ends_at=at(2027, 1, 16, 12)
        ),
        members=[member_a],
        frequency="weekly",
        until=date(2027, 1, 23),
    )
    last = series.occurrences.order_by("starts_at").last()
    client.force_login(officer_a)
    response = client.post(reverse("diary:engagement-cancel", args=[last.pk]), {"and_later": "on"}, follow=True)
    html = response.content.decode()
    assert "1 occurrence cancelled: Ward surgery" in html and "1 occurrences" not in html


# --- wide lists -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "label"), [("diary:forward-look", "Engagements, soonest first"), ("diary:invitations", "Invitations")]
)
def test_wide_lists_use_the_wide_layout_and_scroll_in_a_labelled_region(client, officer_a, member_a, name, label):
    client.force_login(officer_a)
    html = client.get(reverse(name)).content.decode()
    assert "app-width-container--wide" in html
    assert f'<div class="app-table-scroll" role="region" aria-label="{label}" tabindex="0">' in html
