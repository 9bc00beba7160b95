"""Engagements: conflicts, bad input, access and private items."""

import pytest
from django.urls import reverse

from diary import services
from diary.data import EngagementData
from diary.models import DiaryPreference, Engagement, EngagementKind, EngagementStatus
from mayoral_office.errors import NeedsConfirmation, PermissionDenied, ServiceError
from tests.diary.factories import at, date_parts, make_engagement

pytestmark = pytest.mark.django_db


def data(title="Ward walkabout", start=None, hours=1, **kw):
    start = start or at(2026, 6, 10, 10)
    from datetime import timedelta

    return EngagementData(
        title=title,
        kind=EngagementKind.SITE_VISIT,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        **kw,
    )


def form_post(member, **overrides):
    post = {
        "title": "Visit to the food bank",
        "kind": "site_visit",
        "members": [member.pk],
        **date_parts("start_date", (10, 6, 2026)),
        "start_time": "10:00",
        "end_time": "11:00",
        "status": "confirmed",
    }
    post.update(overrides)
    return post


# --- conflicts ---
def test_overlapping_engagement_shows_conflict_warning_naming_the_other(client, officer_a, member_a):
    make_engagement(member_a, start=at(2026, 6, 10, 10), title="Housing scrutiny pre-meet")
    client.force_login(officer_a)
    response = client.post(
        reverse("diary:engagement-create"), form_post(member_a, start_time="10:30", end_time="11:30")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This clashes with" in html
    assert "Housing scrutiny pre-meet" in html
    assert Engagement.objects.count() == 1  # nothing saved until a reason is given


def test_conflict_within_travel_buffer_counts(member_a, officer_a):
    make_engagement(member_a, start=at(2026, 6, 10, 10), title="Cabinet briefing")  # ends 11:00
    with pytest.raises(NeedsConfirmation) as exc:
        services.engagement_create(actor=officer_a, data=data(start=at(2026, 6, 10, 11, 15)), members=[member_a])
    assert [c.title for c in exc.value.items] == ["Cabinet briefing"]
    assert exc.value.field == "conflict_reason" and exc.value.warnings == ["This overlaps with Cabinet briefing"]


def test_no_conflict_outside_travel_buffer(member_a, officer_a):
    make_engagement(member_a, start=at(2026, 6, 10, 10))
    created = services.engagement_create(actor=officer_a, data=data(start=at(2026, 6, 10, 11, 45)), members=[member_a])
    assert created.conflict_reason == ""


def test_officer_can_proceed_with_recorded_reason(client, officer_a, member_a):
    make_engagement(member_a, start=at(2026, 6, 10, 10), title="Housing scrutiny pre-meet")
    client.force_login(officer_a)
    response = client.post(
        reverse("diary:engagement-create"),
        form_post(member_a, conflict_reason="Member will leave the pre-meet early"),
    )
    assert response.status_code == 302
    created = Engagement.objects.get(title="Visit to the food bank")
    assert "Housing scrutiny pre-meet" in created.conflict_reason
    assert "leave the pre-meet early" in created.conflict_reason


def test_cancelled_engagement_is_not_a_conflict(member_a, officer_a):
    make_engagement(member_a, start=at(2026, 6, 10, 10), status=EngagementStatus.CANCELLED)
    created = services.engagement_create(actor=officer_a, data=data(), members=[member_a])
    assert created.conflict_reason == ""
    assert Engagement.objects.exclude(status=EngagementStatus.CANCELLED).count() == 1


# --- bad input ---
def test_end_before_start_is_refused_with_a_clear_message(client, officer_a, member_a):
    client.force_login(officer_a)
    response = client.post(
        reverse("diary:engagement-create"), form_post(member_a, start_time="11:00", end_time="10:00")
    )
    assert response.status_code == 200
    assert "The end must be after the start" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not Engagement.objects.exists()


def test_end_before_start_refused_by_service_too(member_a, officer_a):
    with pytest.raises(ServiceError, match="The end must be after the start") as exc:
        services.engagement_create(actor=officer_a, data=data(hours=-1), members=[member_a])
    assert exc.value.field == "end_date"
    assert not Engagement.objects.exists()


@pytest.mark.parametrize("member_value", ["999999", "not-a-number"])
def test_unknown_member_is_refused_with_a_clear_message(client, officer_a, member_a, member_value):
    client.force_login(officer_a)
    response = client.post(reverse("diary:engagement-create"), form_post(member_a, members=[member_value]))
    assert response.status_code == 200
    assert "Select members from the list" in response.content.decode()
    assert not Engagement.objects.exists()


def test_member_whose_diary_officer_does_not_keep_is_refused(client, officer_a, member_b):
    client.force_login(officer_a)
    response = client.post(reverse("diary:engagement-create"), form_post(member_b))
    assert response.status_code == 200
    assert "Select members from the list" in response.content.decode()
    assert not Engagement.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        date_parts("start_date", (31, 2, 2026)),
        date_parts("start_date", ("", "", "")),
        date_parts("start_date", (10, "June", 2026)),
        date_parts("start_date", (10, "", 2026)),
        {"start_time": "25:99"},
        {"start_time": "14:30pm"},
        {"start_time": "half ten"},
        {"title": ""},
        {"kind": "party"},
        {"online_link": "not a link"},
        date_parts("end_date", (30, 9, 2026)),
        {"repeat": "weekly"},
        {"status": "cancelled"},
        date_parts("start_date", (1, 1, 1)),
        date_parts("start_date", (31, 12, 9999)),
        date_parts("start_date", (1, 1, 99999999999)),
        {"repeat": "weekly", **date_parts("repeat_until", (1, 1, 2031))},
        {"repeat": "hourly", **date_parts("repeat_until", (1, 7, 2026))},
        {"members": []},
        {"lead_officer": "99999"},
        {"attendee_officers": ["abc"]},
    ],
)
def test_bad_form_input_never_500_and_saves_nothing(client, officer_a, member_a, overrides):
    client.force_login(officer_a)
    response = client.post(reverse("diary:engagement-create"), form_post(member_a, **overrides))
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not Engagement.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "?date=2026-13-45",
        "?date=yesterday",
        "?member=abc",
        "?member=99999",
        "?date=0001-01-01",
        "?date=9999-12-31",
    ],
)
def test_bad_calendar_query_never_500(client, officer_a, member_a, query):
    client.force_login(officer_a)
    for name in ("diary:week", "diary:day", "diary:month", "diary:week-ahead"):
        response = client.get(reverse(name) + query)
        assert response.status_code in (200, 404)


def test_all_day_engagement(client, officer_a, member_a):
    client.force_login(officer_a)
    response = client.post(
        reverse("diary:engagement-create"),
        form_post(
            member_a,
            all_day="on",
            start_time="",
            end_time="",
            **date_parts("end_date", (11, 6, 2026)),
            title="Party conference",
        ),
    )
    assert response.status_code == 302
    e = Engagement.objects.get()
    assert e.all_day and e.local_start.hour == 0 and e.last_day.isoformat() == "2026-06-11"


# --- access ---
def test_member_sees_own_diary_only(client, member_a_user, member_a, member_b):
    make_engagement(member_a, title="Alice's meeting")
    other = make_engagement(member_b, title="Bob's meeting")
    client.force_login(member_a_user)
    html = client.get(reverse("diary:week") + "?member=all&date=2026-06-10").content.decode()
    assert "Alice&#x27;s meeting" in html and "Bob" not in html
    assert client.get(reverse("diary:engagement", args=[other.pk])).status_code == 404
    assert client.get(reverse("diary:week") + f"?member={member_b.pk}").status_code == 404


def test_support_officer_sees_supported_members_diary(client, officer_a, member_a, member_b):
    mine = make_engagement(member_a, title="Alice's meeting")
    other = make_engagement(member_b, title="Bob's meeting")
    client.force_login(officer_a)
    assert client.get(reverse("diary:engagement", args=[mine.pk])).status_code == 200
    assert client.get(reverse("diary:engagement", args=[other.pk])).status_code == 404
    assert client.get(reverse("diary:engagement-edit", args=[other.pk])).status_code == 404


def test_head_of_office_sees_all(client, head, member_a, member_b):
    make_engagement(member_a, title="Alice's meeting")
    make_engagement(member_b, title="Bob's meeting")
    client.force_login(head)
    html = client.get(reverse("diary:week") + "?member=all&date=2026-06-10").content.decode()
    assert "Alice&#x27;s meeting" in html and "Bob&#x27;s meeting" in html


def test_directorate_contact_sees_no_diary(client, directorate_contact, member_a):
    engagement = make_engagement(member_a)
    client.force_login(directorate_contact)
    assert client.get(reverse("diary:week")).status_code == 403
    assert client.get(reverse("diary:engagement", args=[engagement.pk])).status_code == 403
    assert Engagement.objects.visible_to(directorate_contact).count() == 0


def test_private_engagement_shows_as_busy_to_intern(client, intern, officer_a, member_a):
    private = make_engagement(member_a, title="Hospital appointment", is_private=True, kind=EngagementKind.PRIVATE)
    client.force_login(intern)
    html = client.get(reverse("diary:week") + f"?member={member_a.pk}&date=2026-06-10").content.decode()
    assert "Busy" in html and "Hospital appointment" not in html
    detail = client.get(reverse("diary:engagement", args=[private.pk])).content.decode()
    assert "Hospital appointment" not in detail
    client.force_login(officer_a)  # keeps the diary, but sees the title only if the member allows it
    week = reverse("diary:week") + f"?member={member_a.pk}&date=2026-06-10"
    assert "Hospital appointment" not in client.get(week).content.decode()
    DiaryPreference.objects.create(member=member_a, officers_see_private_titles=True)
    assert "Hospital appointment" in client.get(week).content.decode()


def test_intern_cannot_add_engagements(client, intern, member_a):
    """Interns read only: the form is refused (403), and so is the service."""
    client.force_login(intern)
    assert client.get(reverse("diary:engagement-create")).status_code == 403
    response = client.post(reverse("diary:engagement-create"), form_post(member_a))
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.engagement_create(actor=intern, data=data(), members=[member_a])
    assert not Engagement.objects.exists()


def test_edit_leaves_audit_entry_with_actor(officer_a, member_a):
    from auditlog.models import LogEntry

    e = services.engagement_create(actor=officer_a, data=data(), members=[member_a])
    assert LogEntry.objects.get_for_object(e).filter(actor=officer_a).exists()


def test_month_and_day_views_render(client, officer_a, member_a):
    make_engagement(member_a, title="Surgery", start=at(2026, 6, 10, 18))
    client.force_login(officer_a)
    for name in ("diary:day", "diary:month"):
        html = client.get(reverse(name) + f"?member={member_a.pk}&date=2026-06-10").content.decode()
        assert "Surgery" in html


def test_reading_a_private_engagement_in_full_is_logged(client, officer_a, intern, member_a):
    from mayoral_office.models import AccessLog

    private = make_engagement(member_a, title="Hospital appointment", is_private=True)
    client.force_login(intern)
    client.get(reverse("diary:engagement", args=[private.pk]))
    assert not AccessLog.objects.exists()  # shown as "Busy": nothing confidential was read
    DiaryPreference.objects.create(member=member_a, officers_see_private_titles=True)
    client.force_login(officer_a)
    client.get(reverse("diary:engagement", args=[private.pk]))
    assert AccessLog.objects.get().user == officer_a


def test_forward_look_filters_search_and_sort(client, head, member_a, member_b):
    from datetime import timedelta

    from django.utils import timezone

    soon = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=3)
    make_engagement(member_a, start=soon, title="Zebra crossing visit", kind=EngagementKind.SITE_VISIT)
    make_engagement(member_b, start=soon + timedelta(days=1), title="Allotment society AGM", kind=EngagementKind.EVENT)
    make_engagement(member_b, start=soon + timedelta(weeks=9), title="Beyond the horizon")
    client.force_login(head)
    url = reverse("diary:forward-look")
    html = client.get(url).content.decode()
    assert "Zebra crossing visit" in html and "Allotment society AGM" in html and "Beyond the horizon" not in html
    html = client.get(url + f"?member={member_b.pk}").content.decode()
    assert "Zebra" not in html and "Allotment" in html
    html = client.get(url + "?q=zebra").content.decode()
    assert "Zebra" in html and "Allotment" not in html
    html = client.get(url + "?kind=event").content.decode()
    assert "Zebra" not in html and "Allotment" in html
    html = client.get(url + "?ordering=title").content.decode()
    assert html.index("Allotment") < html.index("Zebra")
    html = client.get(url + "?ordering=-title").content.decode()
    assert html.index("Zebra") < html.index("Allotment")
    assert client.get(url + "?date_from=nonsense&member=abc&page=zz").status_code == 200


def test_minimum_notice_is_configurable(officer_a, member_a):
    from datetime import date, time

    from diary.models import DiarySettings

    fields = {
        "organisation": "Club",
        "event_name": "Dinner",
        "event_date": date(2026, 6, 10),
        "start_time": time(19),
        "end_time": time(21),
        "asks": ["attend"],
        "received_on": date(2026, 6, 3),
    }
    with pytest.raises(ServiceError, match="the minimum is 10"):
        services.invitation_record(actor=officer_a, member=member_a, **fields)
    settings = DiarySettings.current()
    settings.minimum_notice_working_days = 5
    settings.save()
    assert services.invitation_record(actor=officer_a, member=member_a, **fields).pk


def test_head_can_edit_diary_settings_in_configuration(client, head):
    from diary.models import DiarySettings

    settings = DiarySettings.current()
    client.force_login(head)
    url = reverse("admin:diary_diarysettings_change", args=[settings.pk])
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "minimum_notice_working_days": 8,
            "travel_buffer_minutes": 45,
            "forward_look_weeks": 8,
        },
    )
    settings.refresh_from_db()
    assert settings.minimum_notice_working_days == 8 and settings.travel_buffer_minutes == 45


def test_seeded_settings_have_ten_working_days_notice(db):
    from diary.models import DiarySettings

    assert DiarySettings.objects.get().minimum_notice_working_days == 10


def test_search_never_finds_a_busy_item_by_its_hidden_title(client, intern, officer_a, member_a):
    from datetime import timedelta

    from django.utils import timezone

    soon = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=3)
    make_engagement(member_a, start=soon, title="Hospital appointment", is_private=True)
    url = reverse("diary:forward-look") + "?q=hospital"
    client.force_login(intern)
    assert "No engagements match" in client.get(url).content.decode()
    client.force_login(officer_a)  # the member has not allowed their officers to see private titles
    assert "No engagements match" in client.get(url).content.decode()
    DiaryPreference.objects.create(member=member_a, officers_see_private_titles=True)
    assert "Hospital appointment" in client.get(url).content.decode()


def test_bad_feed_revoke_post_is_404_not_500(client, officer_a, member_a):
    client.force_login(officer_a)
    url = reverse("diary:feed-manage", args=[member_a.pk])
    assert client.post(url, {"action": "revoke", "token": "abc"}).status_code == 404


def test_week_view_marks_clashes_naming_the_other_engagement(client, officer_a, member_a, member_b, head):
    make_engagement(member_a, start=at(2026, 6, 10, 10), title="Housing scrutiny pre-meet")
    make_engagement(member_a, start=at(2026, 6, 10, 10, 30), title="Food bank visit")
    make_engagement(member_b, start=at(2026, 6, 10, 10), title="Same time, other member")
    make_engagement(member_a, start=at(2026, 6, 10, 15), title="Later on")
    client.force_login(head)
    html = client.get(reverse("diary:week") + "?member=all&date=2026-06-10").content.decode()
    assert html.count(">Clash</strong>") == 2
    assert "with Food bank visit" in html and "with Housing scrutiny pre-meet" in html
    assert "with Same time" not in html and "with Later on" not in html


def test_reading_the_settings_never_writes_a_row(db):
    from diary.models import DiarySettings

    DiarySettings.objects.all().delete()
    settings = DiarySettings.current()
    assert settings.pk is None and settings.minimum_notice_working_days == 10 and settings.travel_buffer_minutes == 30
    assert not DiarySettings.objects.exists()


def test_a_cancelled_engagement_cannot_be_changed_and_the_officer_is_told_why(client, officer_a, member_a):
    engagement = make_engagement(member_a, status=EngagementStatus.CANCELLED)
    client.force_login(officer_a)
    for name in ("diary:engagement-edit", "diary:engagement-cancel"):
        response = client.get(reverse(name, args=[engagement.pk]), follow=True)
        assert response.redirect_chain[-1][0] == engagement.get_absolute_url()
    html = client.get(reverse("diary:engagement-edit", args=[engagement.pk]), follow=True).content.decode()
    assert "This engagement has been cancelled and cannot be changed" in html


def test_an_intern_may_not_open_the_change_page(client, intern, member_a):
    engagement = make_engagement(member_a)
    client.force_login(intern)
    assert client.get(reverse("diary:engagement", args=[engagement.pk])).status_code == 200
    assert client.get(reverse("diary:engagement-edit", args=[engagement.pk])).status_code == 403
