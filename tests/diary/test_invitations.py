"""Invitations: intake with the minimum-notice check, accept / decline / delegate, reply letter."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from diary import services
from diary.models import Engagement, EngagementStatus, Invitation, InvitationStatus
from mayoral_office.models import Member
from tests.diary.factories import date_parts
from tests.mayoral_office.factories import MemberFactory

pytestmark = pytest.mark.django_db


def record(actor, member, *, received_on=date(2026, 6, 1), event_date=date(2026, 7, 1), **kw):
    fields = {
        "organisation": "Eastbridge Chamber of Commerce",
        "event_name": "Annual business awards",
        "event_date": event_date,
        "start_time": time(18, 30),
        "end_time": time(20, 0),
        "location": "Eastbridge Town Hall",
        "asks": ["attend", "speak"],
        "received_on": received_on,
        "contact_name": "Priya Shah",
        "contact_email": "priya@example.org",
    }
    fields.update(kw)
    return services.invitation_record(actor=actor, member=member, **fields)


def test_accepting_creates_engagement_with_briefing_requirement(exec_officer, mayor):
    invitation = record(exec_officer, mayor.member)
    services.invitation_accept(actor=exec_officer, invitation=invitation, briefing_required=True)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    engagement = invitation.engagement
    assert list(engagement.members.all()) == [mayor.member]
    assert engagement.local_start.time() == time(18, 30)
    assert engagement.status == EngagementStatus.CONFIRMED
    assert engagement.briefing_required  # its pack's status and due date are the pack's (briefings)
    assert engagement.speech_required  # asked to speak


def test_too_little_notice_is_refused_with_clear_message_and_nothing_saved(client, exec_officer, mayor):
    client.force_login(exec_officer)
    today = timezone.localdate()
    response = client.post(
        reverse("diary:invitation-create"),
        {
            "member": mayor.member.pk,
            "organisation": "Residents' association",
            "event_name": "Summer fair",
            **date_parts("event_date", today + timedelta(days=3)),
            "start_time": "12:00",
            "end_time": "13:00",
            "asks": ["open"],
            **date_parts("received_on", today),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "working day" in html and "the minimum is 10" in html
    assert not Invitation.objects.exists()


def test_short_notice_with_reason_is_recorded(exec_officer, mayor):
    invitation = record(
        exec_officer,
        mayor.member,
        received_on=date(2026, 6, 22),
        event_date=date(2026, 6, 24),
        short_notice_reason="Mayor asked to go: flooding in the ward",
    )
    assert invitation.short_notice_reason


def test_decline_needs_reason_and_reply_letter_says_so(client, exec_officer, mayor):
    invitation = record(exec_officer, mayor.member)
    client.force_login(exec_officer)
    url = reverse("diary:invitation", args=[invitation.pk])
    response = client.post(url, {"decision": "decline", "reason": ""})
    assert response.status_code == 200 and "Give the reason for declining" in response.content.decode()
    response = client.post(url, {"decision": "decline", "reason": "a prior engagement"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED and invitation.engagement is None
    pdf = client.get(reverse("diary:invitation-reply", args=[invitation.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    from tests.diary.test_week_ahead_pdf import pdf_text

    text = " ".join(pdf_text(pdf.content).split())  # the words, whatever the line breaks
    assert "Annual business awards" in text and "because of a prior engagement." in text
    assert invitation.reference in text


def test_delegate_to_deputy_mayor_puts_provisional_engagement_in_their_diary(
    exec_officer, mayor, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.mayoral_office.factories import SupportAssignmentFactory

    deputy = MemberFactory(name="Cllr James Whitmore", office=Member.Office.DEPUTY_MAYOR)
    deputy_officer = SupportAssignmentFactory(member=deputy).officer
    invitation = record(exec_officer, mayor.member)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_delegate(actor=exec_officer, invitation=invitation, delegate=deputy, reason="Housing event")
    assert len(mailoutbox) == 1
    assert set(mailoutbox[0].to) == {deputy.email, deputy_officer.email}
    assert "Delegated to Cllr James Whitmore: Annual business awards" in mailoutbox[0].subject
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DELEGATED
    assert list(invitation.engagement.members.all()) == [deputy]
    assert invitation.engagement.status == EngagementStatus.PROVISIONAL


def test_cannot_decide_twice(exec_officer, mayor):
    from mayoral_office.errors import ServiceError

    invitation = record(exec_officer, mayor.member)
    services.invitation_decline(actor=exec_officer, invitation=invitation, reason="Clash")
    with pytest.raises(ServiceError, match="This invitation has already been declined"):
        services.invitation_accept(actor=exec_officer, invitation=invitation)
    assert not Engagement.objects.exists()


def test_accept_with_conflict_needs_reason_and_saves_nothing_without(client, exec_officer, mayor):
    from tests.diary.factories import at, make_engagement

    make_engagement(mayor.member, start=at(2026, 7, 1, 18), title="Full Council")
    invitation = record(exec_officer, mayor.member)
    client.force_login(exec_officer)
    url = reverse("diary:invitation", args=[invitation.pk])
    html = client.post(url, {"decision": "accept", "briefing_required": "on"}).content.decode()
    assert "Full Council" in html and "This clashes with" in html
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.RECEIVED
    assert Engagement.objects.count() == 1
    client.post(url, {"decision": "accept", "briefing_required": "on", "conflict_reason": "Leaves Council at 18:20"})
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert "Full Council" in invitation.engagement.conflict_reason


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"member": "99999"}, "Choose a member from the list"),
        ({"member": ""}, "Choose the member who is invited"),
        ({"end_time": "11:00"}, "The end time must be after the start time"),
        (date_parts("event_date", ("not", "a", "date")), "The event date must be a real date"),
        (date_parts("event_date", (31, 4, 2027)), "The event date must be a real date"),
        (date_parts("event_date", (3, "", 2027)), "The event date must include a month"),
        ({"start_time": "7.30pm", "end_time": "6pm"}, "The end time must be after the start time"),
        ({"start_time": "13pm"}, "Enter the start time as a time on the clock, like 14:30 or 2:30pm"),
        ({"asks": []}, "Select what the member is asked to do"),
    ],
)
def test_invitation_bad_input(client, exec_officer, mayor, overrides, message):
    client.force_login(exec_officer)
    post = {
        "member": mayor.member.pk,
        "organisation": "Residents' association",
        "event_name": "Summer fair",
        **date_parts("event_date", timezone.localdate() + timedelta(days=60)),
        "start_time": "12:00",
        "end_time": "13:00",
        "asks": ["open"],
        **date_parts("received_on", timezone.localdate()),
    }
    post.update(overrides)
    response = client.post(reverse("diary:invitation-create"), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Invitation.objects.exists()


def test_invitation_list_filters_and_access(client, exec_officer, officer_a, mayor, member_a):
    record(exec_officer, mayor.member, event_name="Mayor's awards")
    record(officer_a, member_a, event_name="Alice's opening")
    client.force_login(exec_officer)
    html = client.get(reverse("diary:invitations")).content.decode()
    assert "Mayor&#x27;s awards" in html and "Alice" not in html
    html = client.get(reverse("diary:invitations") + "?q=nothing-matches").content.decode()
    assert "No invitations match" in html
    assert client.get(reverse("diary:invitations") + "?date_from=rubbish").status_code == 200


def test_delegating_shows_the_delegates_clashes_as_busy_to_an_officer_who_cannot_see_their_diary(
    client, officer_a, member_a, member_b
):
    """The conflict check looks at the delegate's diary; an officer who does not keep it sees only "Busy"."""
    from tests.diary.factories import at, make_engagement

    make_engagement(member_b, start=at(2026, 7, 1, 18), title="Secret talks with Acme Ltd")
    invitation = record(officer_a, member_a)
    client.force_login(officer_a)
    html = client.post(
        reverse("diary:invitation", args=[invitation.pk]),
        {"decision": "delegate", "delegate": member_b.pk, "reason": "Portfolio lead"},
    ).content.decode()
    assert "This clashes with" in html
    assert "Secret talks" not in html
    assert "Busy" in html
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.RECEIVED


@pytest.mark.parametrize(
    "url",
    ["/diary/week/?member=\u00b2", "/diary/week-ahead.pdf?member=\u00b2", "/diary/engagements/new/?member=\u00b2"],
)
def test_unicode_digits_in_ids_are_refused_not_a_500(client, exec_officer, mayor, url):
    client.force_login(exec_officer)
    assert client.get(url).status_code in (200, 404)


@pytest.mark.parametrize(
    ("asks", "phrase", "bare"),
    [
        (["attend"], "attend", "attend"),
        (["speak", "attend"], "attend and speak at", "attend and speak"),
        (["attend", "speak", "open"], "attend, speak at and open", "attend, speak and open"),
        (["host"], "host", "host"),
        ([], "attend", "attend"),
    ],
)
def test_asks_read_naturally(asks, phrase, bare):
    invitation = Invitation(asks=asks)
    assert invitation.asks_phrase() == phrase
    assert invitation.asks_phrase(bare=True) == bare


def test_reply_letter_has_the_letterhead_marking_pages_and_reads_naturally(client, exec_officer, mayor):
    from tests.diary.test_week_ahead_pdf import pdf_text

    invitation = record(exec_officer, mayor.member, asks=["attend", "speak"], contact_name="Priya Shah")
    services.invitation_accept(actor=exec_officer, invitation=invitation, briefing_required=False)
    client.force_login(exec_officer)
    text = " ".join(pdf_text(client.get(reverse("diary:invitation-reply", args=[invitation.pk])).content).split())
    assert "London Borough of Eastbridge" in text  # the letterhead and the running header
    assert "Office of Executive Mayor" in text
    assert "OFFICIAL" in text and "Page 1 of 1" in text
    assert "to attend and speak at Annual business awards" in text
    assert "will attend and speak, from 18:30" in text
    assert "attend, speak" not in text


def test_a_decision_posted_from_an_out_of_date_page_is_refused_saying_why(client, exec_officer, mayor):
    invitation = record(exec_officer, mayor.member)
    services.invitation_decline(actor=exec_officer, invitation=invitation, reason="A prior engagement")
    client.force_login(exec_officer)
    url = reverse("diary:invitation", args=[invitation.pk])
    response = client.post(url, {"decision": "accept"}, follow=True)
    assert response.redirect_chain[-1][0] == url
    assert "This invitation has already been declined" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED and not Engagement.objects.exists()


def test_a_read_only_viewer_gets_no_decision_form_and_a_posted_one_is_refused(client, intern, officer_a, member_a):
    invitation = record(officer_a, member_a)
    client.force_login(intern)
    url = reverse("diary:invitation", args=[invitation.pk])
    assert 'name="decision"' not in client.get(url).content.decode()
    assert client.post(url, {"decision": "decline", "reason": "No"}).status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.RECEIVED


def test_home_summary_counts_the_invitations_awaiting_the_users_decision(exec_officer, officer_a, intern, mayor):
    from diary.selectors import home_work

    record(exec_officer, mayor.member)
    decided = record(exec_officer, mayor.member, event_name="Charity dinner")
    services.invitation_decline(actor=exec_officer, invitation=decided, reason="A prior engagement")
    (item,) = home_work(exec_officer)
    assert (item.label, item.count) == ("Invitations awaiting a decision", 1)
    assert item.url == reverse("diary:invitations") + "?status=received"
    assert home_work(officer_a) == [] and home_work(intern) == []
