"""Scenarios for decisions/services/meetings.py (tests/test_services_audit.py)."""

from datetime import date, time

from django.core.files.uploadedfile import SimpleUploadedFile

from decisions.models import MinutesStatus
from decisions.services import meetings as services
from tests.decisions.factories import at, body, make_item, make_meeting

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _officer(request):
    return request.getfixturevalue("officer_a")


def meeting_schedule(request):
    officer = _officer(request)
    services.meeting_schedule(
        actor=officer, body=body("CLT"), starts_at=at(2026, 12, 15, 9, 30), ends_at=at(2026, 12, 15, 11, 30)
    )
    return officer


def meetings_schedule_series(request):
    officer = _officer(request)
    services.meetings_schedule_series(
        actor=officer,
        body=body("CLT"),
        first=date(2027, 1, 5),
        until=date(2027, 3, 30),
        every_weeks=2,
        start=time(9, 30),
        minutes=120,
    )
    return officer


def meeting_edit(request):
    officer, meeting = _officer(request), make_meeting()
    services.meeting_edit(
        actor=officer,
        meeting=meeting,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place="Committee Room 2",
        online_link="",
    )
    return officer


def meeting_cancel(request):
    officer = _officer(request)
    services.meeting_cancel(actor=officer, meeting=make_meeting())
    return officer


def meeting_record_attendance(request):
    officer = _officer(request)
    services.meeting_record_attendance(
        actor=officer, meeting=make_meeting(start=at(2026, 12, 1, 9, 30)), attendees=[officer], apologies=[]
    )
    return officer


def agenda_item_add(request):
    officer = _officer(request)
    services.agenda_item_add(actor=officer, meeting=make_meeting(), data={"title": "Winter pressures"})
    return officer


def agenda_item_edit(request):
    officer = _officer(request)
    services.agenda_item_edit(actor=officer, item=make_item(make_meeting()), data={"title": "Winter pressures"})
    return officer


def agenda_item_place(request):
    officer = _officer(request)
    services.agenda_item_place(actor=officer, item=make_item(None), meeting=make_meeting())
    return officer


def agenda_item_move(request):
    officer, meeting = _officer(request), make_meeting()
    make_item(meeting, "First")
    services.agenda_item_move(actor=officer, item=make_item(meeting, "Second"), up=True)
    return officer


def agenda_item_remove(request):
    officer = _officer(request)
    services.agenda_item_remove(actor=officer, item=make_item(make_meeting()))
    return officer


def agenda_item_upload_paper(request):
    officer = _officer(request)
    paper = SimpleUploadedFile("paper.pdf", PDF, content_type="application/pdf")
    services.agenda_item_upload_paper(actor=officer, item=make_item(make_meeting()), paper=paper)
    return officer


def minutes_record_item(request):
    officer = _officer(request)
    item = make_item(make_meeting(start=at(2026, 12, 1, 9, 30)))
    services.minutes_record_item(actor=officer, item=item, discussion="The team noted the forecast overspend.")
    return officer


def minutes_record_decision(request):
    officer = _officer(request)
    item = make_item(make_meeting(start=at(2026, 12, 1, 9, 30)))
    services.minutes_record_decision(actor=officer, item=item, title="Savings plan", text="Agreed.")
    return officer


def minutes_approve(request):
    officer = _officer(request)
    earlier = make_meeting(start=at(2026, 11, 17, 9, 30), minutes_status=MinutesStatus.DRAFT)
    later = make_meeting(start=at(2026, 12, 1, 9, 30))
    services.minutes_approve(actor=officer, meeting=earlier, at_meeting=later)
    return officer


def minutes_send(request):
    officer = _officer(request)
    meeting = make_meeting(start=at(2026, 12, 1, 9, 30), minutes_status=MinutesStatus.DRAFT)
    meeting.attendees.set([officer])
    services.minutes_send(actor=officer, meeting=meeting, decisions=[], actions=[])
    return officer


SCENARIOS = {
    name: fn
    for name, fn in list(globals().items())
    if callable(fn) and not name.startswith("_") and fn.__module__ == __name__
}
