"""Meetings and agendas: the list, scheduling (one or a series), a meeting's page with its agenda, the forward
agenda planner of a body, agenda items, minutes, and the agenda pack."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from decisions import packs, policy
from decisions.filters_meetings import MeetingFilter
from decisions.forms import meetings as forms
from decisions.models import Body
from decisions.selectors import meetings as read
from decisions.services import meetings as services
from decisions.views import fetch
from mayoral_office.audit import log_access
from mayoral_office.lists import filtered_page, querystring_without_page
from mayoral_office.pdf import pdf_response, render_pdf
from mayoral_office.views_support import form_action, post_action


def meeting_list(request):
    fetch.section(request)
    if not request.GET:  # the meetings to come, soonest first
        return redirect(f"{request.path}?when=coming")
    filterset, page = filtered_page(request, MeetingFilter, read.meetings(request.user).order_by("starts_at"))
    context = {
        "filter": filterset,
        "page": page,
        "querystring": querystring_without_page(request),
        "bodies": read.bodies(request.user),
        "actions": fetch.actions(request),
    }
    return render(request, "decisions/meetings/list.html", context)


@require_http_methods(["GET", "POST"])
def meeting_create(request):
    policy.require(request.user, "meeting.schedule")
    form = forms.MeetingForm(request.POST or None, initial={"body": request.GET.get("body")})

    def do(data):
        return services.meeting_schedule(actor=request.user, body=data["body"], **forms.MeetingForm.when_where(data))

    return form_action(
        request,
        form,
        do,
        success="Meeting scheduled, with the standing items on its agenda",
        redirect_to=lambda m: m.get_absolute_url(),
        template="decisions/meetings/form.html",
        context={"title": "Schedule a meeting", "actions": fetch.actions(request)},
    )


@require_http_methods(["GET", "POST"])
def meeting_series(request):
    policy.require(request.user, "meeting.schedule")
    form = forms.SeriesForm(request.POST or None, initial={"every_weeks": 2, "minutes": 120})

    def do(data):
        made, skipped = services.meetings_schedule_series(actor=request.user, **data)
        missed = ", ".join(day.strftime("%-d %B %Y") for day in skipped)
        return f"{len(made)} meetings scheduled" + (f"; not on {missed} (not working days)" if missed else "")

    return form_action(
        request,
        form,
        do,
        success=lambda text: text,
        redirect_to="decisions:meetings",
        template="decisions/meetings/series_form.html",
        context={"title": "Schedule a series of meetings", "actions": fetch.actions(request)},
    )


def meeting_detail(request, pk):
    meeting = fetch.record(request, read.meeting_for_page(), pk)
    context = {
        "meeting": meeting,
        **read.agenda_for_page(request.user, meeting),
        "matters_arising": read.matters_arising(request.user, meeting),
        "decisions": read.meeting_decisions(request.user, meeting),
        "meeting_actions": read.meeting_actions(request.user, meeting),
        "attendees": list(meeting.attendees.all()),
        "apologies": list(meeting.apologies.all()),
        "actions": fetch.actions(request, meeting),
        "briefing": read.briefing_badge(request.user, meeting),
    }
    return render(request, "decisions/meetings/detail.html", context)


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = fetch.record(request, read.meeting_for_page(), pk, action="meeting.edit")
    form = forms.MeetingForm(request.POST or None, initial=forms.MeetingForm.initial_for(meeting), editing=True)

    def do(data):
        return services.meeting_edit(
            actor=request.user, meeting=meeting, expected_version=data["version"], **forms.MeetingForm.when_where(data)
        )

    return form_action(
        request,
        form,
        do,
        success="Meeting changed",
        redirect_to=meeting.get_absolute_url(),
        template="decisions/meetings/form.html",
        context={"title": f"Change {meeting}", "meeting": meeting, "actions": fetch.actions(request, meeting)},
    )


@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk):
    """Asks first: cancelling takes the meeting off every planner and its proposals off it."""
    meeting = fetch.record(request, read.meeting_for_page(), pk, action="meeting.cancel")
    if request.method == "GET":
        context = {"meeting": meeting, "actions": fetch.actions(request, meeting)}
        return render(request, "decisions/meetings/cancel.html", context)
    return post_action(
        request,
        lambda: services.meeting_cancel(actor=request.user, meeting=meeting),
        success="Meeting cancelled",
        redirect_to=meeting.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def meeting_attendance(request, pk):
    meeting = fetch.record(request, read.meeting_for_page(), pk, action="minutes.record")
    initial = {
        "attendees": meeting.attendees.all(),
        "apologies": meeting.apologies.all(),
        "others_present": meeting.others_present,
    }
    form = forms.AttendanceForm(request.POST or None, initial=initial, people=read.people_for(meeting))
    return form_action(
        request,
        form,
        lambda data: services.meeting_record_attendance(actor=request.user, meeting=meeting, **data),
        success="Attendance recorded",
        redirect_to=meeting.get_absolute_url(),
        template="decisions/meetings/form.html",
        context={"title": "Who attended", "meeting": meeting, "actions": fetch.actions(request, meeting)},
    )


@require_http_methods(["GET", "POST"])
def minutes_approve(request, pk):
    meeting = fetch.record(request, read.meeting_for_page(), pk, action="minutes.approve")
    form = forms.ApproveForm(request.POST or None, meetings=read.later_meetings_started(meeting))
    return form_action(
        request,
        form,
        lambda data: services.minutes_approve(actor=request.user, meeting=meeting, **data),
        success="Minutes approved: the meeting is now read-only",
        redirect_to=meeting.get_absolute_url(),
        template="decisions/meetings/form.html",
        context={
            "title": "Approve the minutes",
            "meeting": meeting,
            "intro": read.approval_help(meeting, form.fields["at_meeting"].queryset),
            "actions": fetch.actions(request, meeting),
        },
    )


@require_POST
def minutes_send(request, pk):
    meeting = fetch.record(request, read.meeting_for_page(), pk, action="minutes.send")
    decisions = read.meeting_decisions(request.user, meeting)
    actions = read.meeting_actions(request.user, meeting)
    return post_action(
        request,
        lambda: services.minutes_send(actor=request.user, meeting=meeting, decisions=decisions, actions=actions),
        success=lambda sent: f"Decisions and actions sent to {sent} attendee{'s' if sent != 1 else ''}",
        redirect_to=meeting.get_absolute_url(),
    )


def meeting_pack(request, pk):
    meeting = fetch.record(request, read.meeting_for_page(), pk, action="meeting.pack")
    public = request.GET.get("public") == "1"
    items = read.pack_items(request.user, meeting, public=public)
    if not public:  # restricted items and their papers leave the service in this file: the access log says so
        log_access(user=request.user, objs=[i for i in items if i.is_restricted], request=request, action="exported")
    pdf = packs.agenda_pack(
        meeting=meeting,
        items=items,
        matters_arising=[a for a in read.matters_arising(request.user, meeting) if not (public and a.is_restricted)],
        public=public,
    )
    name = f"{meeting.body.short_name}-{meeting.day:%Y-%m-%d}{'-public' if public else ''}-agenda.pdf"
    return pdf_response(pdf, name)


def meeting_minutes(request, pk):
    """The minutes as a PDF to print and circulate: draft or approved, with what the reader may see."""
    meeting = fetch.record(request, read.meeting_for_page(), pk, action="meeting.pack")
    items = read.minutes(request.user, meeting)
    log_access(user=request.user, objs=[i for i in items if i.is_restricted], request=request, action="exported")
    context = {
        "meeting": meeting,
        "items": items,
        "attendees": list(meeting.attendees.all()),
        "apologies": list(meeting.apologies.all()),
        "protective_marking": "OFFICIAL-SENSITIVE" if any(i.is_restricted for i in items) else "OFFICIAL",
    }
    name = f"{meeting.body.short_name}-{meeting.day:%Y-%m-%d}-minutes.pdf"
    return pdf_response(render_pdf("decisions/pdf/minutes.html", context), name)


def planner(request, pk):
    fetch.section(request)
    body = fetch.record(request, Body.objects.all(), pk)
    context = {"body": body, **read.planner(request.user, body), "actions": fetch.actions(request)}
    return render(request, "decisions/meetings/planner.html", context)


urlpatterns = [
    path("meetings/", meeting_list, name="meetings"),
    path("meetings/new/", meeting_create, name="meeting-create"),
    path("meetings/series/", meeting_series, name="meeting-series"),
    path("meetings/<int:pk>/", meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/cancel/", meeting_cancel, name="meeting-cancel"),
    path("meetings/<int:pk>/attendance/", meeting_attendance, name="meeting-attendance"),
    path("meetings/<int:pk>/minutes/approve/", minutes_approve, name="minutes-approve"),
    path("meetings/<int:pk>/minutes/send/", minutes_send, name="minutes-send"),
    path("meetings/<int:pk>/agenda.pdf", meeting_pack, name="meeting-pack"),
    path("meetings/<int:pk>/minutes.pdf", meeting_minutes, name="meeting-minutes"),
    path("bodies/<int:pk>/planner/", planner, name="body-planner"),
]
