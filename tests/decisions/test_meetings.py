"""Meetings and agendas: scheduling one meeting or a series (skipping bank holidays and closure days), building the
agenda, minutes (discussion, decisions into the register, approval at a later meeting and then read-only), matters
arising carried over, sending the decisions and actions, and bad input refused with nothing saved."""

import io
from datetime import date, time

import pytest
from django.urls import reverse
from pypdf import PdfReader

from decisions.models import Action, AgendaItem, Decision, ItemKind, Meeting, MeetingStatus, MinutesStatus
from decisions.services import meetings as services
from mayoral_office.errors import ServiceError
from mayoral_office.models import AccessLog, ClosureDay, Notification
from tests.decisions.factories import at, body, make_action, make_item, make_meeting
from tests.diary.factories import date_parts

pytestmark = pytest.mark.django_db


def _schedule_post(client, **overrides):
    data = {"body": body("CLT").pk, **date_parts("day", date(2026, 12, 15)), "start": "09:30", "end": "", "place": ""}
    data.update(overrides)
    return client.post(reverse("decisions:meeting-create"), data)


def test_an_officer_schedules_a_meeting_whose_agenda_opens_with_the_standing_items(client, officer_a):
    client.force_login(officer_a)
    response = _schedule_post(client)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert meeting.starts_at == at(2026, 12, 15, 9, 30) and meeting.ends_at == at(2026, 12, 15, 11, 30)
    assert meeting.place == body("CLT").default_place  # the body's usual room when none is given
    kinds = list(meeting.agenda_items.order_by("position").values_list("kind", flat=True))
    assert kinds == [ItemKind.APOLOGIES, ItemKind.MINUTES, ItemKind.MATTERS_ARISING]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (date_parts("day", date(2026, 11, 30)), "A meeting cannot be scheduled in the past"),
        ({"day_0": "31", "day_1": "2", "day_2": "2027"}, "The date must be a real date"),
        ({"start": "25:99"}, "Enter the start time as a time on the clock"),
        ({"body": "99999999999999999999"}, "Choose a body from the list"),
        ({"start": "10:00", "end": "09:00"}, "The meeting must end after it starts"),
    ],
)
def test_a_meeting_with_bad_dates_is_refused_with_a_message_and_nothing_saved(client, officer_a, overrides, message):
    client.force_login(officer_a)
    response = _schedule_post(client, **overrides)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Meeting.objects.exists() and not AgendaItem.objects.exists()


def test_a_series_skips_bank_holidays_and_closure_days_and_says_so(client, officer_a):
    ClosureDay.objects.create(date=date(2027, 12, 14), reason="Council closure")
    client.force_login(officer_a)
    data = {"body": body("CLT").pk, **date_parts("first", date(2027, 12, 7)), **date_parts("until", date(2027, 12, 28))}
    response = client.post(
        reverse("decisions:meeting-series"),
        {**data, "every_weeks": "1", "start": "09:30", "minutes": "120"},
        follow=True,
    )
    days = [m.day for m in Meeting.objects.order_by("starts_at")]
    assert days == [date(2027, 12, 7), date(2027, 12, 21)]  # 14th: closure day; 28th: Boxing Day's substitute
    assert "2 meetings scheduled; not on 14 December 2027, 28 December 2027 (not working days)" in (
        response.content.decode()
    )
    assert len({m.series for m in Meeting.objects.all()}) == 1


def test_a_series_of_more_than_a_year_is_refused(officer_a):
    with pytest.raises(ServiceError, match="up to a year"):
        services.meetings_schedule_series(
            actor=officer_a,
            body=body("CLT"),
            first=date(2027, 1, 5),
            until=date(2028, 3, 1),
            every_weeks=2,
            start=time(9, 30),
            minutes=120,
        )
    assert not Meeting.objects.exists()


def test_an_item_without_a_title_or_with_a_too_long_purpose_is_refused_and_nothing_saved(client, officer_a):
    meeting = make_meeting()
    client.force_login(officer_a)
    url = reverse("decisions:agenda-item-create", args=[meeting.pk])
    response = client.post(url, {"title": "", "purpose": "x"})
    assert "Enter the item&#x27;s title" in response.content.decode()
    response = client.post(url, {"title": "Budget", "purpose": "x" * 100_000})
    assert "must be 20,000 characters or fewer" in response.content.decode()
    assert not meeting.agenda_items.exists()


def test_items_are_reordered_and_the_agenda_shows_them_in_order(client, officer_a):
    meeting = make_meeting()
    first, second = make_item(meeting, "Budget monitoring"), make_item(meeting, "Winter pressures")
    client.force_login(officer_a)
    client.post(reverse("decisions:agenda-item-move", args=[second.pk]), {"direction": "up"})
    titles = list(meeting.agenda_items.order_by("position").values_list("title", flat=True))
    assert titles == ["Winter pressures", "Budget monitoring"]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert page.index("Winter pressures") < page.index("Budget monitoring")
    assert first.pk


def test_minutes_record_a_decision_in_the_register_then_approved_at_the_next_meeting_lock_the_meeting(
    client, officer_a, clock
):
    held = make_meeting(start=at(2026, 11, 17, 9, 30))
    item = make_item(held, "Savings plan 2027/28")
    client.force_login(officer_a)
    client.post(reverse("decisions:agenda-item-minutes", args=[item.pk]), {"discussion": "Directors agreed the plan."})
    client.post(reverse("decisions:agenda-item-decision", args=[item.pk]), {"title": "Savings plan", "text": "Agreed"})
    held.refresh_from_db()
    decision = Decision.objects.get()
    assert held.minutes_status == MinutesStatus.DRAFT
    assert (decision.reference, decision.decision_maker, decision.taken_on) == (
        "CLT/2026/001",
        "Corporate Leadership Team",
        date(2026, 11, 17),
    )

    next_meeting = make_meeting(start=at(2026, 12, 1, 9, 30))
    response = client.post(reverse("decisions:minutes-approve", args=[held.pk]), {"at_meeting": next_meeting.pk})
    held.refresh_from_db()
    assert response.status_code == 302 and held.minutes_status == MinutesStatus.APPROVED
    assert held.minutes_approved_at == next_meeting and held.status == MeetingStatus.HELD
    response = client.post(reverse("decisions:agenda-item-minutes", args=[item.pk]), {"discussion": "Rewritten"})
    item.refresh_from_db()
    assert item.discussion == "Directors agreed the plan."  # read-only now
    assert response.status_code in (302, 403)


def test_minutes_are_taken_only_once_the_meeting_has_started(officer_a):
    item = make_item(make_meeting(start=at(2026, 12, 15, 9, 30)))
    with pytest.raises(ServiceError, match="once the meeting has started"):
        services.minutes_record_item(actor=officer_a, item=item, discussion="Too early")


def test_a_100000_character_minute_is_refused_with_a_message(client, officer_a):
    item = make_item(make_meeting(start=at(2026, 12, 1, 9, 30)))
    client.force_login(officer_a)
    response = client.post(reverse("decisions:agenda-item-minutes", args=[item.pk]), {"discussion": "x" * 100_000})
    assert "must be 20,000 characters or fewer" in response.content.decode()
    item.refresh_from_db()
    assert item.discussion == ""


def test_open_actions_carry_over_to_the_next_meeting_of_the_same_body_as_matters_arising(client, officer_a, clock):
    earlier = make_meeting(start=at(2026, 11, 17, 9, 30))
    open_action = make_action("Circulate the savings plan", due_on=date(2026, 12, 10), meeting=earlier, owner=officer_a)
    make_action("Book the away day", due_on=date(2026, 12, 1), meeting=earlier, owner=officer_a, status="done")
    make_action(
        "A Cabinet action",
        due_on=date(2026, 12, 10),
        meeting=make_meeting("CAB", start=at(2026, 11, 18, 18, 30)),
        owner=officer_a,
    )
    upcoming = make_meeting(start=at(2026, 12, 15, 9, 30))
    make_item(upcoming, "Matters arising", kind=ItemKind.MATTERS_ARISING)
    client.force_login(officer_a)
    page = client.get(upcoming.get_absolute_url()).content.decode()
    assert open_action.description in page
    assert "Book the away day" not in page and "A Cabinet action" not in page


def test_decisions_and_actions_are_sent_to_attendees_without_restricted_ones(client, officer_a, officer_b, head):
    meeting = make_meeting(start=at(2026, 12, 1, 9, 30))
    meeting.attendees.set([officer_a, officer_b])
    open_item = make_item(meeting, "Winter pressures")
    exempt_item = make_item(meeting, "Sale of the depot site", exempt_category=3, lead_officer=officer_a)
    services.minutes_record_decision(actor=officer_a, item=open_item, title="Winter plan", text="Approved")
    services.minutes_record_decision(actor=officer_a, item=exempt_item, title="Depot sale", text="Approved at £2.1m")
    client.force_login(officer_a)
    client.post(reverse("decisions:minutes-send", args=[meeting.pk]))
    email = Notification.objects.get(kind="decisions.minutes")
    assert sorted(email.to) == sorted([officer_a.email, officer_b.email])
    assert "Winter plan" in email.body and "Depot sale" not in email.body and "2.1m" not in email.body


def test_the_agenda_pack_has_the_items_in_order_and_the_public_one_leaves_exempt_items_out(client, head, officer_a):
    meeting = make_meeting()
    make_item(meeting, "Apologies for absence", kind=ItemKind.APOLOGIES)
    make_item(meeting, "Budget monitoring, month 8")
    make_item(meeting, "Sale of the depot site", exempt_category=3)
    make_item(meeting, "Winter pressures")
    client.force_login(head)
    pack = client.get(reverse("decisions:meeting-pack", args=[meeting.pk])).content
    full = _text(pack)
    assert full.index("Budget monitoring") < full.index("Sale of the depot site") < full.index("Winter pressures")
    pages = PdfReader(io.BytesIO(pack)).pages  # no papers: laid out once, the footer counting the agenda's pages
    assert [f"Page {n} of {len(pages)}" in page.extract_text() for n, page in enumerate(pages, 1)] == [True] * len(
        pages
    )
    client.force_login(officer_a)  # neither the lead officer nor a portfolio member: the exempt item is left out
    theirs = _text(client.get(reverse("decisions:meeting-pack", args=[meeting.pk])).content)
    assert "depot" not in theirs and "Winter pressures" in theirs
    public = _text(client.get(reverse("decisions:meeting-pack", args=[meeting.pk]), {"public": "1"}).content)
    assert "depot" not in public and "Winter pressures" in public
    assert "paragraph 3 of Part 1 of Schedule 12A" in public


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_cancelled_meeting_takes_no_more_items(officer_a):
    meeting = make_meeting()
    services.meeting_cancel(actor=officer_a, meeting=meeting)
    with pytest.raises(ServiceError):
        services.agenda_item_add(actor=officer_a, meeting=meeting, data={"title": "Late item"})
    assert Action.objects.count() == 0


def test_the_pack_appends_each_paper_with_a_bookmark_and_its_page_in_the_contents(client, head):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from mayoral_office.pdf import render_pdf

    meeting = make_meeting()
    make_item(meeting, "Budget monitoring, month 8")
    winter = make_item(meeting, "Winter pressures")
    paper = render_pdf("mayoral_office/pdf/base.html", {"title": "Winter pressures report"})  # a one-page PDF
    services.agenda_item_upload_paper(
        actor=head, item=winter, paper=SimpleUploadedFile("winter.pdf", paper, content_type="application/pdf")
    )
    client.force_login(head)
    pack = client.get(reverse("decisions:meeting-pack", args=[meeting.pk])).content
    reader = PdfReader(io.BytesIO(pack))
    outline = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert "Appendix A: item 2, Winter pressures" in outline
    main_pages = len(reader.pages) - 1
    contents = reader.pages[1].extract_text()
    assert "Appendix A: paper for item 2" in contents and str(main_pages + 1) in contents
    assert f"of {len(reader.pages)}" in reader.pages[0].extract_text()  # the footer counts the papers too


def test_a_decision_number_follows_the_highest_of_the_year_even_after_a_gap(officer_a):
    item = make_item(make_meeting(start=at(2026, 12, 1, 9, 30)))
    Decision.objects.create(
        reference="CLT/2026/009", title="Earlier", text="Agreed", decision_maker="CLT", taken_on=date(2026, 6, 2)
    )
    decision = services.minutes_record_decision(actor=officer_a, item=item, title="Savings plan", text="Agreed")
    assert decision.reference == "CLT/2026/010"


def test_a_held_meetings_matters_arising_are_the_actions_open_when_it_met(officer_a):
    from decisions.selectors.meetings import matters_arising

    first = make_meeting(start=at(2026, 10, 20, 9, 30))
    held = make_meeting(start=at(2026, 11, 3, 9, 30))
    done_after = make_action(
        "Send the figures",
        due_on=date(2026, 11, 10),
        meeting=first,
        owner=officer_a,
        status="done",
        completed_on=date(2026, 11, 12),
    )
    make_action(
        "Book the room",
        due_on=date(2026, 10, 27),
        meeting=first,
        owner=officer_a,
        status="done",
        completed_on=date(2026, 10, 28),
    )
    still_open = make_action("Draft the strategy", due_on=date(2026, 12, 10), meeting=first, owner=officer_a)
    assert [a.description for a in matters_arising(officer_a, held)] == [done_after.description, still_open.description]


def test_making_an_item_restricted_restricts_its_decisions_and_actions(officer_a, intern, head):
    from decisions.services.actions import action_create

    item = make_item(make_meeting(start=at(2026, 12, 1, 9, 30)), "Depot site")
    decision = services.minutes_record_decision(actor=officer_a, item=item, title="Sell the depot", text="Agreed")
    action = action_create(
        actor=officer_a, description="Instruct the agents", due_on=date(2026, 12, 10), owner=officer_a, agenda_item=item
    )
    assert Decision.objects.visible_to(intern).filter(pk=decision.pk).exists()
    services.agenda_item_edit(actor=head, item=item, data={"title": "Depot site", "exempt_category": 3})
    assert not Decision.objects.visible_to(intern).filter(pk=decision.pk).exists()
    assert not Action.objects.visible_to(intern).filter(pk=action.pk).exists()
    assert Decision.objects.get(pk=decision.pk).exempt_category == 3


def test_an_item_waiting_for_a_meeting_cannot_be_minuted_or_moved_and_says_why(client, officer_a):
    waiting = make_item(None, "Office accommodation review")
    with pytest.raises(ServiceError, match="Book the item into a meeting"):
        services.minutes_record_item(actor=officer_a, item=waiting, discussion="Too early")
    client.force_login(officer_a)
    response = client.post(reverse("decisions:agenda-item-move", args=[waiting.pk]), {"direction": "up"})
    assert response.status_code == 302  # back to the planner with the reason, never a 500


def test_items_keep_their_agenda_numbers_for_a_reader_who_cannot_see_all_of_them(client, officer_a, intern):
    meeting = make_meeting()
    make_item(meeting, "Budget monitoring")
    make_item(meeting, "Chief Executive pay award", confidential=True)
    make_item(meeting, "Winter pressures")
    client.force_login(intern)
    response = client.get(meeting.get_absolute_url())
    numbers = {item.title: item.number for item in response.context["agenda"]}
    assert numbers == {"Budget monitoring": 1, "Winter pressures": 3}
    assert response.context["hidden"] == 0  # an intern is not told that anything is hidden
    client.force_login(officer_a)
    assert client.get(meeting.get_absolute_url()).context["hidden"] == 1


def test_an_item_about_a_pathway_proposal_puts_its_decision_on_the_proposal_and_moving_the_meeting_is_noted(
    client, officer_a, directorate
):
    from decisions.models import PathwayNote
    from decisions.services.pathway import decision_publish
    from tests.decisions.factories import make_pathway_item

    cabinet = make_meeting("CAB", start=at(2027, 1, 12, 18, 30))
    proposal = make_pathway_item(directorate=directorate, key_decision=True, decision_meeting=cabinet)
    client.force_login(officer_a)
    client.post(
        reverse("decisions:agenda-item-create", args=[cabinet.pk]),
        {"title": "Leisure centre refurbishment", "pathway_item": proposal.pk},
    )
    item = cabinet.agenda_items.get(title="Leisure centre refurbishment")
    assert item.pathway_item == proposal
    assert client.get(proposal.get_absolute_url()).content.decode().count(item.get_absolute_url()) == 1

    services.meeting_edit(
        actor=officer_a,
        meeting=cabinet,
        starts_at=at(2027, 2, 9, 18, 30),
        ends_at=at(2027, 2, 9, 20, 30),
        place="",
        online_link="",
    )
    note = PathwayNote.objects.filter(item=proposal).latest("written_at").text
    assert note.startswith("Decision meeting moved from Cabinet 12 January 2027 to Cabinet 9 February 2027")
    assert "14 Dec 2026 → 11 Jan 2027" in note  # the Forward Plan deadline moved with it

    meeting = make_meeting("CAB", start=at(2026, 12, 1, 18, 30))
    item.meeting = meeting
    item.save()
    decision = services.minutes_record_decision(actor=officer_a, item=item, title="Refurbish", text="Approved")
    assert decision.pathway_item == proposal and decision.key_decision
    decision_publish(actor=officer_a, decision=decision)
    proposal.refresh_from_db()
    assert proposal.decision_published_on == date(2026, 12, 2)


def test_the_meetings_list_opens_on_the_meetings_to_come(client, officer_a):
    make_meeting(start=at(2026, 11, 3, 9, 30), place="Old room")
    make_meeting(start=at(2026, 12, 15, 9, 30), place="New room")
    client.force_login(officer_a)
    page = client.get(reverse("decisions:meetings"), follow=True)
    assert [m.place for m in page.context["page"]] == ["New room"]


def test_cancelling_asks_first_and_a_form_address_opened_after_signing_in_leads_back_to_the_item(client, officer_a):
    meeting = make_meeting()
    client.force_login(officer_a)
    page = client.get(reverse("decisions:meeting-cancel", args=[meeting.pk]))
    assert page.status_code == 200 and "This cannot be undone" in page.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED  # nothing happens until the button is pressed
    item = make_item(meeting)
    response = client.get(reverse("decisions:agenda-item-minutes", args=[item.pk]))
    assert response.status_code == 302 and response.url == item.get_absolute_url()


def test_overdue_and_late_papers_are_tagged_on_the_agenda(client, officer_a, head):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.decisions.scenarios_meetings import PDF

    meeting = make_meeting()
    make_item(meeting, "Budget monitoring", paper_due=date(2026, 12, 1))
    late = make_item(meeting, "Winter pressures", paper_due=date(2026, 11, 30))
    services.agenda_item_upload_paper(actor=head, item=late, paper=SimpleUploadedFile("w.pdf", PDF))
    client.force_login(officer_a)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Overdue</strong>" in page and "Late</strong>" in page


def test_minuting_marks_the_meeting_held_and_a_minuted_item_cannot_be_removed(officer_a):
    from decisions import policy

    meeting = make_meeting(start=at(2026, 12, 1, 9, 30))
    item = make_item(meeting)
    assert "item.remove" in policy.available_actions(officer_a, item)
    services.minutes_record_item(actor=officer_a, item=item, discussion="Noted.")
    meeting.refresh_from_db()
    item.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.minutes_status == MinutesStatus.DRAFT
    assert "item.remove" not in policy.available_actions(officer_a, item)


def test_a_leadership_teams_decision_on_a_key_proposal_is_not_itself_a_key_decision(officer_a, directorate):
    from tests.decisions.factories import make_pathway_item

    proposal = make_pathway_item(directorate=directorate, key_decision=True)
    clt_item = make_item(make_meeting(start=at(2026, 12, 1, 9, 30)), pathway_item=proposal)
    cabinet_item = make_item(make_meeting("CAB", start=at(2026, 12, 1, 18, 30)), pathway_item=proposal)
    recommendation = services.minutes_record_decision(actor=officer_a, item=clt_item, title="Recommend", text="Yes")
    decision = services.minutes_record_decision(actor=officer_a, item=cabinet_item, title="Approve", text="Yes")
    assert not recommendation.key_decision and decision.key_decision


def test_the_mayor_sees_every_open_proposal_on_the_pathway_and_the_forward_plan(client, mayor, directorate):
    from tests.decisions.factories import make_pathway_item

    cabinet = make_meeting("CAB", start=at(2027, 1, 12, 18, 30))
    open_one = make_pathway_item("Leisure centre", directorate=directorate, key_decision=True, decision_meeting=cabinet)
    make_pathway_item(
        "Land deal", directorate=directorate, key_decision=True, decision_meeting=cabinet, exempt_category=3
    )
    client.force_login(mayor)
    assert client.get(open_one.get_absolute_url()).status_code == 200
    plan = client.get(reverse("decisions:forward-plan")).content.decode()
    assert "Leisure centre" in plan and "Land deal" not in plan


def test_the_minutes_pdf_has_each_item_with_its_discussion_decisions_and_actions(client, officer_a, intern, head):
    from decisions.services.actions import action_create

    meeting = make_meeting(start=at(2026, 12, 1, 9, 30))
    meeting.attendees.set([officer_a])
    budget = make_item(meeting, "Budget monitoring")
    secret = make_item(meeting, "Sale of the depot site", exempt_category=3)
    services.minutes_record_item(actor=head, item=budget, discussion="The overspend is 1.2m.")
    services.minutes_record_decision(actor=head, item=budget, title="Recovery plan", text="Agreed")
    action_create(
        actor=head, description="Freeze agency spend", due_on=date(2026, 12, 10), owner=officer_a, agenda_item=budget
    )
    services.minutes_record_item(actor=head, item=secret, discussion="Offer of 2.1m accepted.")
    client.force_login(intern)
    text = _text(client.get(reverse("decisions:meeting-minutes", args=[meeting.pk])).content)
    assert "DRAFT" in text and "The overspend is 1.2m." in text and "Decision CLT/2026/001: Recovery plan" in text
    assert "Freeze agency spend" in text and "Joanna Kowalska" in text
    assert "depot" not in text and "2.1m" not in text
    client.force_login(head)
    text = _text(client.get(reverse("decisions:meeting-minutes", args=[meeting.pk])).content)
    assert "Offer of 2.1m accepted." in text
    assert AccessLog.objects.filter(user=head, object_id=str(secret.pk), action="exported").exists()


def test_the_approval_page_says_when_minutes_can_be_approved_and_that_it_locks_the_meeting(client, officer_a):
    held = make_meeting(start=at(2026, 11, 17, 9, 30), minutes_status=MinutesStatus.DRAFT)
    make_meeting(start=at(2026, 12, 15, 9, 30))
    client.force_login(officer_a)
    page = client.get(reverse("decisions:minutes-approve", args=[held.pk])).content.decode()
    assert "once it has started. The next is on 15 December 2026." in page
    make_meeting(start=at(2026, 12, 1, 9, 30))
    page = client.get(reverse("decisions:minutes-approve", args=[held.pk])).content.decode()
    assert "makes this meeting read-only" in page


@pytest.mark.parametrize(
    ("first", "until", "days", "skipped"),
    [
        # the second Wednesday of each month (Cabinet)
        (
            date(2027, 1, 13),
            date(2027, 4, 30),
            [date(2027, 1, 13), date(2027, 2, 10), date(2027, 3, 10), date(2027, 4, 14)],
            [],
        ),
        # the last Friday of each month (the fifth when there is one); 26 March 2027 is Good Friday
        (
            date(2027, 1, 29),
            date(2027, 4, 30),
            [date(2027, 1, 29), date(2027, 2, 26), date(2027, 4, 30)],
            [date(2027, 3, 26)],
        ),
    ],
)
def test_a_monthly_series_keeps_the_same_weekday_of_the_month(officer_a, first, until, days, skipped):
    made, left_out = services.meetings_schedule_series(
        actor=officer_a, body=body("CAB"), first=first, until=until, every_weeks=0, start=time(18, 30), minutes=120
    )
    assert [m.day for m in made] == days and left_out == skipped


def test_a_monthly_series_leaves_out_a_bank_holiday_and_says_so(officer_a):
    made, skipped = services.meetings_schedule_series(  # the first Monday: 3 May 2027 is a bank holiday
        actor=officer_a,
        body=body("CLT"),
        first=date(2027, 4, 5),
        until=date(2027, 6, 30),
        every_weeks=0,
        start=time(9, 30),
        minutes=60,
    )
    assert [m.day for m in made] == [date(2027, 4, 5), date(2027, 6, 7)] and skipped == [date(2027, 5, 3)]
