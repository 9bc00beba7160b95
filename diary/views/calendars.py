"""The calendars (day, week, month, one member or all combined), the forward look and the week-ahead pack."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from diary import calendars, selectors
from diary.filters import EngagementFilter
from diary.views import fetch
from mayoral_office.lists import filtered_page, querystring_without_page
from mayoral_office.pdf import pdf_response, render_pdf


def _anchor(request, *, week=False) -> date:
    """The date asked for in ?date=, else today; for a week (`week=True`) with no date asked for, the Monday of
    the week an officer means (the coming week at a weekend)."""
    raw = request.GET.get("date", "")
    today = timezone.localdate()
    default = calendars.default_week_start(today) if week else today
    try:
        day = date.fromisoformat(raw) if raw else default
    except ValueError:
        day = None
    if day is None or not (2000 <= day.year <= 2100):
        messages.error(request, "That date was not recognised, so today's diary is shown.")
        return default
    return day


def _chosen_members(request):
    """(members, chosen) from ?member=<id> or ?member=all; with no member asked for, the user's own diary or the
    first they support. An unknown or unseen member is a 404."""
    raw = request.GET.get("member", "")
    if not raw:
        raw = selectors.default_member_id(request.user) or "all"
    if raw == "all":
        return list(selectors.diary_members(request.user)), None
    member = fetch.member(request, raw)
    return [member], member


def index(request):
    fetch.diary(request)
    return redirect("diary:week")


def calendar(request, period: str):
    fetch.diary(request)
    if period not in calendars.PERIODS:
        raise Http404
    anchor = _anchor(request, week=period == "week")
    members, member = _chosen_members(request)
    context = {
        "cal": selectors.calendar(request.user, period, anchor, members),
        "member": member,
        "all_members": selectors.diary_members(request.user),
        "member_param": member.pk if member else "all",
        "today": timezone.localdate(),
        "actions": fetch.actions(request),
    }
    template = "diary/calendar_month.html" if period == "month" else "diary/calendar_days.html"
    return render(request, template, context)


def forward_look(request):
    fetch.diary(request)
    qs, start, end = selectors.forward_look(request.user, list(selectors.diary_members(request.user)))
    filterset, page = filtered_page(request, EngagementFilter, qs)
    selectors.show_briefings(request.user, selectors.mask(request.user, page.object_list))
    context = {
        "filter": filterset,
        "page": page,
        "querystring": querystring_without_page(request),
        "start": start,
        "end": end,
        "actions": fetch.actions(request),
    }
    return render(request, "diary/forward_look.html", context)


def week_ahead_pdf(request):
    fetch.diary(request)
    _, member = _chosen_members(request)
    if member is None:
        raise Http404("Choose one member for a week-ahead pack")
    first, last = calendars.period_bounds("week", _anchor(request, week=True))  # no date: the week view's week
    days = selectors.calendar_days(request.user, [member], first, last, include_cancelled=False)
    context = {"member": member, "days": days, "first": first, "last": last, "generated": timezone.localtime()}
    return pdf_response(render_pdf("diary/pdf/week_ahead.html", context), f"week-ahead-{member.pk}-{first}.pdf")
