"""Making, changing and withdrawing packs (briefings/services/packs.py), on the frozen clock (Wednesday 2 December
2026): due dates from the engagement or meeting by the briefing rules' working days (bank holidays skipped), the
starting sections in the standard order, and clear refusals that save nothing."""

from datetime import date

import pytest
from auditlog.models import LogEntry

from briefings.models import BriefingSettings, CommissionState, Marking, Pack, PackStatus, SectionKind
from briefings.services import packs as services
from diary.models import EngagementStatus
from mayoral_office.errors import Conflict, PermissionDenied, ServiceError
from mayoral_office.models import Notification
from tests.briefings.factories import make_commission, make_pack, make_section
from tests.decisions.factories import make_meeting
from tests.diary.factories import at, make_engagement

pytestmark = pytest.mark.django_db
K = SectionKind


def _kinds(pack):
    return list(pack.sections.order_by("position").values_list("kind", flat=True))


def _positions(pack):
    return list(pack.sections.order_by("position").values_list("position", flat=True))


def test_a_pack_for_an_engagement_is_due_two_working_days_before_it_with_its_members_and_sections(
    officer_a, member_a, member_b
):
    engagement = make_engagement(member_a, member_b, start=at(2026, 12, 8, 14), title="Riverside hub opening")
    pack = services.pack_create(
        actor=officer_a,
        title="Riverside hub opening",
        lead_officer=officer_a,
        marking=Marking.OFFICIAL,
        engagement=engagement,
        due_on=date(2026, 12, 30),  # ignored: the engagement sets it
    )
    assert pack.due_on == date(2026, 12, 4)  # Tuesday 8th: Monday 7th (1), Friday 4th (2)
    assert set(pack.members.all()) == {member_a, member_b}
    assert _kinds(pack) == [K.SUMMARY, K.KEY_MESSAGES, K.SPEAKING_NOTES, K.ATTENDEES, K.BACKGROUND]
    assert _positions(pack) == [1, 2, 3, 4, 5]
    assert pack.status == PackStatus.DRAFT and pack.created_by == officer_a
    assert pack.sections.first().title == "Summary briefing note"


def test_christmas_and_the_boxing_day_substitute_are_skipped(officer_a, member_a):
    # Tuesday 29 December 2026: Monday 28th (Boxing Day substitute), the weekend and Friday 25th are not working days
    engagement = make_engagement(member_a, start=at(2026, 12, 29, 10), title="New year reception")
    pack = services.pack_create(actor=officer_a, title="Reception", lead_officer=officer_a, engagement=engagement)
    assert pack.due_on == date(2026, 12, 23)


def test_the_briefing_rules_set_the_working_days(officer_a, member_a):
    BriefingSettings.objects.create(due_working_days_before=5)
    engagement = make_engagement(member_a, start=at(2026, 12, 11, 10))
    pack = services.pack_create(actor=officer_a, title="Visit", lead_officer=officer_a, engagement=engagement)
    assert pack.due_on == date(2026, 12, 4)


def test_a_speech_is_added_in_its_place_when_the_diary_says_one_is_needed(officer_a, member_a):
    engagement = make_engagement(member_a, start=at(2026, 12, 9, 18), speech_required=True)
    pack = services.pack_create(actor=officer_a, title="Awards", lead_officer=officer_a, engagement=engagement)
    assert _kinds(pack) == [K.SUMMARY, K.KEY_MESSAGES, K.SPEAKING_NOTES, K.SPEECH, K.ATTENDEES, K.BACKGROUND]


def test_chosen_sections_are_made_in_the_standard_order_whatever_order_they_come_in(officer_a, member_a):
    pack = services.pack_create(
        actor=officer_a,
        title="Press briefing",
        members=[member_a],
        lead_officer=officer_a,
        due_on=date(2026, 12, 10),
        section_kinds=[K.PRESS, K.SUMMARY, K.QA, K.PRESS],
    )
    assert _kinds(pack) == [K.SUMMARY, K.QA, K.PRESS]


def test_a_pack_for_a_meeting_has_the_officers_members_and_a_computed_due_date(officer_a, member_a):
    meeting = make_meeting("CAB", start=at(2026, 12, 8, 18, 30))
    with pytest.raises(ServiceError) as refused:
        services.pack_create(actor=officer_a, title="Cabinet", lead_officer=officer_a, meeting=meeting)
    assert refused.value.field == "members"
    assert "Choose at least one member" in refused.value.message
    pack = services.pack_create(
        actor=officer_a, title="Cabinet", members=[member_a], lead_officer=officer_a, meeting=meeting
    )
    assert pack.due_on == date(2026, 12, 4)
    assert _kinds(pack) == [K.SUMMARY, K.KEY_MESSAGES, K.AGENDA, K.BACKGROUND]  # the standard order
    assert pack.kind == "meeting"


def test_a_standalone_pack_needs_a_due_date_today_or_later(officer_a, member_a):
    kwargs = {"actor": officer_a, "title": "Housing note", "members": [member_a], "lead_officer": officer_a}
    with pytest.raises(ServiceError) as missing:
        services.pack_create(**kwargs)
    assert (missing.value.field, missing.value.message) == ("due_on", "Enter the date the pack is due")
    with pytest.raises(ServiceError) as past:
        services.pack_create(**kwargs, due_on=date(2026, 12, 1))
    assert past.value.message == "The due date must be today or in the future"
    assert not Pack.objects.exists()
    pack = services.pack_create(**kwargs, due_on=date(2026, 12, 2))
    assert pack.due_on == date(2026, 12, 2) and _kinds(pack) == [K.SUMMARY] and pack.kind == "standalone"


def test_a_cancelled_engagement_is_refused_and_nothing_is_saved(officer_a, member_a):
    engagement = make_engagement(member_a, start=at(2026, 12, 8, 14), status=EngagementStatus.CANCELLED)
    with pytest.raises(ServiceError) as refused:
        services.pack_create(actor=officer_a, title="Visit", lead_officer=officer_a, engagement=engagement)
    assert "cancelled" in refused.value.message
    assert not Pack.objects.exists()


def test_an_engagement_has_one_live_pack(officer_a, member_a):
    engagement = make_engagement(member_a, start=at(2026, 12, 8, 14))
    first = services.pack_create(actor=officer_a, title="Visit", lead_officer=officer_a, engagement=engagement)
    with pytest.raises(ServiceError) as refused:
        services.pack_create(actor=officer_a, title="Again", lead_officer=officer_a, engagement=engagement)
    assert first.reference in refused.value.message
    services.pack_withdraw(actor=officer_a, pack=first, reason="Replaced")
    assert services.pack_create(actor=officer_a, title="Again", lead_officer=officer_a, engagement=engagement)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"marking": "SECRET"}, "marking"),
        ({"purpose": "x" * 20_001}, "purpose"),
        ({"section_kinds": ["summary", "poem"]}, "section_kinds"),
    ],
)
def test_bad_details_are_refused_on_their_field(officer_a, member_a, change, field):
    kwargs = {
        "actor": officer_a,
        "title": "Note",
        "members": [member_a],
        "lead_officer": officer_a,
        "due_on": date(2026, 12, 9),
        **change,
    }
    with pytest.raises(ServiceError) as refused:
        services.pack_create(**kwargs)
    assert refused.value.field == field
    assert not Pack.objects.exists()


def test_the_lead_officer_prepares_packs(officer_a, intern, member_a):
    with pytest.raises(ServiceError) as refused:
        services.pack_create(
            actor=officer_a, title="Note", members=[member_a], lead_officer=intern, due_on=date(2026, 12, 9)
        )
    assert refused.value.field == "lead_officer"


@pytest.mark.parametrize("persona", ["intern", "member_a_user", "directorate_contact"])
def test_only_those_who_prepare_packs_make_them(request, persona, officer_a, member_a):
    with pytest.raises(PermissionDenied):
        services.pack_create(
            actor=request.getfixturevalue(persona),
            title="Note",
            members=[member_a],
            lead_officer=officer_a,
            due_on=date(2026, 12, 9),
        )


def test_changing_a_pack_records_its_members_and_keeps_an_engagement_packs_due_date(officer_a, member_a, member_b):
    engagement = make_engagement(member_a, start=at(2026, 12, 8, 14))
    pack = services.pack_create(actor=officer_a, title="Visit", lead_officer=officer_a, engagement=engagement)
    changed = services.pack_update(
        actor=officer_a,
        pack=pack,
        title="Visit to the hub",
        marking=Marking.OFFICIAL_SENSITIVE,
        members=[member_a, member_b],
        lead_officer=officer_a,
        purpose="Reassure the tenants",
        organisations="Riverside Tenants",
        due_on=date(2026, 12, 20),  # not a standalone pack: ignored
        expected_version=pack.version,
    )
    changed.refresh_from_db()
    assert (changed.title, changed.marking, changed.due_on) == (
        "Visit to the hub",
        "OFFICIAL-SENSITIVE",
        date(2026, 12, 4),
    )
    assert set(changed.members.all()) == {member_a, member_b}
    entry = LogEntry.objects.filter(object_pk=str(pack.pk), changes__icontains="members").latest("pk")
    assert entry.actor == officer_a


def test_a_standalone_packs_due_date_can_change_and_stale_edits_are_refused(officer_a, member_a):
    pack = make_pack(member_a, lead_officer=officer_a, due_on=date(2026, 12, 9))
    base = {"actor": officer_a, "pack": pack, "title": "Note", "marking": "OFFICIAL", "members": [member_a]}
    services.pack_update(**base, lead_officer=officer_a, due_on=date(2026, 12, 11), expected_version=1)
    assert Pack.objects.get().due_on == date(2026, 12, 11)
    with pytest.raises(Conflict):
        services.pack_update(**base, lead_officer=officer_a, due_on=date(2026, 12, 14), expected_version=1)
    with pytest.raises(ServiceError) as past:
        services.pack_update(**base, lead_officer=officer_a, due_on=date(2026, 11, 30))
    assert past.value.field == "due_on"
    assert Pack.objects.get().due_on == date(2026, 12, 11)


def test_a_cleared_pack_cannot_be_changed(officer_a, member_a):
    pack = make_pack(member_a, lead_officer=officer_a, status=PackStatus.CLEARED)
    with pytest.raises(ServiceError) as refused:
        services.pack_update(
            actor=officer_a, pack=pack, title="New", marking="OFFICIAL", members=[member_a], lead_officer=officer_a
        )
    assert refused.value.message == "This pack has been cleared: reopen it to change it"


def test_withdrawing_cancels_open_commissions_and_tells_the_contributor(officer_a, member_a, directorate_contact):
    pack = make_pack(member_a, lead_officer=officer_a)
    commission = make_commission(make_section(pack), assignee=directorate_contact, requested_by=officer_a)
    with pytest.raises(ServiceError) as missing:
        services.pack_withdraw(actor=officer_a, pack=pack, reason=" ")
    assert missing.value.field == "reason"
    services.pack_withdraw(actor=officer_a, pack=pack, reason="The visit was called off")
    pack.refresh_from_db()
    commission.refresh_from_db()
    assert pack.status == PackStatus.WITHDRAWN and pack.withdrawn_reason == "The visit was called off"
    assert commission.state == CommissionState.CANCELLED
    assert Notification.objects.filter(to=[directorate_contact.email]).exists()
    with pytest.raises(ServiceError):
        services.pack_withdraw(actor=officer_a, pack=pack, reason="Again")
