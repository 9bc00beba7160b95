"""Thin views: fetch through the selectors (404 for what the user may not see), validate the form, call one
service, redirect or render."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from diary import selectors, services
from diary.filters import EngagementFilter, InvitationFilter
from diary.forms import CancelForm, DecisionForm, EngagementForm, InvitationForm
from diary.ical import feed_ics
from diary.models import DiarySettings, FeedToken, InvitationStatus
from mayoral_office.access import own_member_id, supported_member_ids
from mayoral_office.audit import log_access
from mayoral_office.lists import filtered_page, parse_pk, querystring_without_page
from mayoral_office.pdf import pdf_response, render_pdf

PERIODS = ("day", "week", "month")


def _require_diary_access(request):
    if not selectors.has_diary_access(request.user):
        raise PermissionDenied


def _anchor(request, *, week=False) -> date:
    """The date asked for in ?date=, else today; for a week (`week=True`) with no date asked for, the Monday of
    the week an officer means (the coming week at a weekend)."""
    raw = request.GET.get("date", "")
    today = timezone.localdate()
    default = selectors.default_week_start(today) if week else today
    try:
        day = date.fromisoformat(raw) if raw else default
    except ValueError:
        day = None
    if day is None or not (2000 <= day.year <= 2100):
        messages.error(request, "That date was not recognised, so today's diary is shown.")
        return default
    return day


def _chosen_members(request):
    """(members, chosen) from ?member=<id> or ?member=all. An unknown or unseen member is a 404."""
    visible = selectors.diary_members(request.user)
    raw = request.GET.get("member", "")
    if raw == "all":
        return list(visible), None
    if not raw:
        default = own_member_id(request.user) or next(iter(sorted(supported_member_ids(request.user))), None)
        if default and visible.filter(pk=default).exists():
            raw = str(default)
        else:
            return list(visible), None
    if parse_pk(raw) is None:
        raise Http404("No such member")
    member = get_object_or_404(visible, pk=parse_pk(raw))
    return [member], member


def index(request):
    _require_diary_access(request)
    return redirect("diary:week")


def calendar(request, period: str):
    _require_diary_access(request)
    if period not in PERIODS:
        raise Http404
    anchor = _anchor(request, week=period == "week")
    members, member = _chosen_members(request)
    first, last = selectors.period_bounds(period, anchor)
    # The week-ahead pack is for the week on screen; from a day or month, the week an officer means by "the week".
    pack_week = first if period == "week" else selectors.default_week_start(anchor)
    days = selectors.calendar_days(request.user, members, first, last)
    if period == "day":
        previous, following = anchor - timedelta(days=1), anchor + timedelta(days=1)
    elif period == "week":
        previous, following = first - timedelta(days=7), first + timedelta(days=7)
    else:
        previous = (first - timedelta(days=1)).replace(day=1)
        following = last + timedelta(days=1)
    weeks = []
    if period == "month":
        lead = [None] * first.weekday()
        cells = lead + days
        cells += [None] * (-len(cells) % 7)
        weeks = [cells[i : i + 7] for i in range(0, len(cells), 7)]
    return render(
        request,
        f"diary/calendar_{'month' if period == 'month' else 'days'}.html",
        {
            "period": period,
            "anchor": anchor,
            "first": first,
            "last": last,
            "days": days,
            "weeks": weeks,
            "member": member,
            "members": members,
            "all_members": selectors.diary_members(request.user),
            "member_param": member.pk if member else "all",
            "pack_week": pack_week,
            "previous": previous,
            "following": following,
            "today": timezone.localdate(),
            "may_edit": selectors.may_edit_diary(request.user, [m.pk for m in members]) if members else False,
        },
    )


def forward_look(request):
    _require_diary_access(request)
    members = list(selectors.diary_members(request.user))
    qs, start, end = selectors.forward_look(request.user, members)
    filterset, page = filtered_page(request, EngagementFilter, qs)
    selectors.mask(request.user, page.object_list)
    return render(
        request,
        "diary/forward_look.html",
        {
            "filter": filterset,
            "page": page,
            "querystring": querystring_without_page(request),
            "start": start,
            "end": end - timedelta(days=1),
        },
    )


def engagement_detail(request, pk):
    _require_diary_access(request)
    engagement = selectors.get_engagement(request.user, pk)
    member_ids = [m.pk for m in engagement.members.all()]
    if engagement.is_private and not engagement.masked:
        log_access(user=request.user, objs=[engagement], request=request)  # a read of a private record is logged
    return render(
        request,
        "diary/engagement_detail.html",
        {
            "engagement": engagement,
            "may_edit": not engagement.masked and selectors.may_edit_diary(request.user, member_ids),
            "invitation": getattr(engagement, "invitation", None) if not engagement.masked else None,
        },
    )


def _engagement_form_page(request, form, *, engagement=None, conflicts=None):
    if conflicts:
        selectors.mask_conflicts(request.user, conflicts)
    return render(
        request,
        "diary/engagement_form.html",
        {"form": form, "engagement": engagement, "conflicts": conflicts or []},
    )


def _apply_service_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error.message if hasattr(error, "message") else str(error))
    else:
        for message in exc.messages:
            form.add_error(None, message)


@require_http_methods(["GET", "POST"])
def engagement_create(request):
    _require_diary_access(request)
    initial = {}
    if parse_pk(request.GET.get("member")) is not None:
        initial["members"] = selectors.diary_members(request.user).filter(pk=parse_pk(request.GET["member"]))
    if request.GET.get("date"):
        with contextlib.suppress(ValueError):
            initial["start_date"] = date.fromisoformat(request.GET["date"])
    form = EngagementForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if d.get("repeat"):
                series = services.series_create(
                    actor=request.user,
                    data=form.engagement_data(),
                    members=d["members"],
                    frequency=d["repeat"],
                    until=d["repeat_until"],
                    attendee_officers=d["attendee_officers"],
                    conflict_reason=d["conflict_reason"],
                )
                engagement = series.occurrences.order_by("starts_at").first()
                messages.success(request, f"{series.occurrences.count()} engagements added: {engagement.title}")
            else:
                engagement = services.engagement_create(
                    actor=request.user,
                    data=form.engagement_data(),
                    members=d["members"],
                    attendee_officers=d["attendee_officers"],
                    conflict_reason=d["conflict_reason"],
                )
                messages.success(request, f"Engagement added: {engagement.title}")
            return redirect("diary:engagement", pk=engagement.pk)
        except services.ConflictError as exc:
            form.add_error("conflict_reason", "Give a reason for going ahead, or change the time")
            return _engagement_form_page(request, form, conflicts=exc.conflicts)
        except PermissionDenied:
            form.add_error("members", "You can only add engagements to the diaries you keep")
        except ValidationError as exc:
            _apply_service_errors(form, exc)
    return _engagement_form_page(request, form)


@require_http_methods(["GET", "POST"])
def engagement_edit(request, pk):
    _require_diary_access(request)
    engagement = selectors.get_engagement(request.user, pk)
    if engagement.masked or not selectors.may_edit_diary(request.user, [m.pk for m in engagement.members.all()]):
        raise Http404
    if engagement.is_cancelled:
        messages.error(request, "This engagement has been cancelled and cannot be changed.")
        return redirect("diary:engagement", pk=pk)
    form = EngagementForm(
        request.POST or None,
        user=request.user,
        engagement=engagement,
        initial=EngagementForm.initial_for(engagement),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.engagement_update(
                actor=request.user,
                engagement=engagement,
                data=form.engagement_data(),
                members=d["members"],
                attendee_officers=d["attendee_officers"],
                conflict_reason=d["conflict_reason"],
            )
            messages.success(request, f"Engagement updated: {d['title']}")
            return redirect("diary:engagement", pk=pk)
        except services.ConflictError as exc:
            form.add_error("conflict_reason", "Give a reason for going ahead, or change the time")
            return _engagement_form_page(request, form, engagement=engagement, conflicts=exc.conflicts)
        except PermissionDenied:
            form.add_error("members", "You can only put engagements in the diaries you keep")
        except ValidationError as exc:
            _apply_service_errors(form, exc)
    return _engagement_form_page(request, form, engagement=engagement)


@require_http_methods(["GET", "POST"])
def engagement_cancel(request, pk):
    _require_diary_access(request)
    engagement = selectors.get_engagement(request.user, pk)
    if engagement.masked or not selectors.may_edit_diary(request.user, [m.pk for m in engagement.members.all()]):
        raise Http404
    form = CancelForm(request.POST or None, repeats=bool(engagement.series_id))
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if form.cleaned_data.get("and_later"):
                count = services.series_cancel_from(actor=request.user, engagement=engagement, reason=reason)
                messages.success(request, f"{count} occurrences cancelled: {engagement.title}")
                return redirect("diary:engagement", pk=pk)
            services.engagement_cancel(actor=request.user, engagement=engagement, reason=reason)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("diary:engagement", pk=pk)
        messages.success(request, f"Engagement cancelled: {engagement.title}")
        return redirect("diary:engagement", pk=pk)
    return render(request, "diary/engagement_cancel.html", {"form": form, "engagement": engagement})


# --- invitations ---
def invitation_list(request):
    _require_diary_access(request)
    filterset, page = filtered_page(request, InvitationFilter, selectors.invitations_for(request.user))
    return render(
        request,
        "diary/invitation_list.html",
        {"filter": filterset, "page": page, "querystring": querystring_without_page(request)},
    )


@require_http_methods(["GET", "POST"])
def invitation_create(request):
    _require_diary_access(request)
    form = InvitationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        member = d.pop("member")
        short_notice_reason = d.pop("short_notice_reason")
        try:
            invitation = services.invitation_record(
                actor=request.user, member=member, short_notice_reason=short_notice_reason, **d
            )
            messages.success(request, f"Invitation {invitation.reference} recorded")
            return redirect("diary:invitation", pk=invitation.pk)
        except PermissionDenied:
            form.add_error("member", "You can only record invitations for the members whose diaries you keep")
        except ValidationError as exc:
            _apply_service_errors(form, exc)
    return render(
        request,
        "diary/invitation_form.html",
        {"form": form, "minimum_notice": DiarySettings.current().minimum_notice_working_days},
    )


@require_http_methods(["GET", "POST"])
def invitation_detail(request, pk):
    _require_diary_access(request)
    invitation = get_object_or_404(selectors.invitations_for(request.user), pk=pk)
    may_decide = invitation.status == InvitationStatus.RECEIVED and selectors.may_edit_diary(
        request.user, [invitation.member_id]
    )
    form = DecisionForm(request.POST or None, invitation=invitation) if may_decide else None
    conflicts = []
    if request.method == "POST":
        if not may_decide:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            try:
                if d["decision"] == "accept":
                    services.invitation_accept(
                        actor=request.user,
                        invitation=invitation,
                        briefing_required=d["briefing_required"],
                        conflict_reason=d["conflict_reason"],
                        reason=d["reason"],
                    )
                    messages.success(request, "Invitation accepted: the engagement is in the diary")
                elif d["decision"] == "decline":
                    services.invitation_decline(actor=request.user, invitation=invitation, reason=d["reason"])
                    messages.success(request, "Invitation declined")
                else:
                    services.invitation_delegate(
                        actor=request.user,
                        invitation=invitation,
                        delegate=d["delegate"],
                        reason=d["reason"],
                        briefing_required=d["briefing_required"],
                        conflict_reason=d["conflict_reason"],
                    )
                    messages.success(request, f"Invitation delegated to {d['delegate'].name}")
                return redirect("diary:invitation", pk=pk)
            except services.ConflictError as exc:
                conflicts = selectors.mask_conflicts(request.user, exc.conflicts)
                form.add_error("conflict_reason", "Give a reason for going ahead, or decline the invitation")
            except ValidationError as exc:
                _apply_service_errors(form, exc)
    notice = services.notice_working_days(invitation.received_on, invitation.event_date)
    return render(
        request,
        "diary/invitation_detail.html",
        {
            "invitation": invitation,
            "form": form,
            "conflicts": conflicts,
            "notice": notice,
            "minimum_notice": DiarySettings.current().minimum_notice_working_days,
        },
    )


def invitation_reply_pdf(request, pk):
    _require_diary_access(request)
    invitation = get_object_or_404(selectors.invitations_for(request.user), pk=pk)
    if invitation.status == InvitationStatus.RECEIVED:
        messages.error(request, "Record a decision before producing the reply letter.")
        return redirect("diary:invitation", pk=pk)
    pdf = render_pdf(
        "diary/pdf/reply_letter.html",
        {
            "invitation": invitation,
            "asks_bare": invitation.asks_phrase(bare=True),
            "office_email": settings.DEFAULT_FROM_EMAIL,
            "today": timezone.localdate(),
        },
    )
    return pdf_response(pdf, f"reply-{invitation.reference}.pdf")


# --- week-ahead pack ---
def week_ahead_pdf(request):
    _require_diary_access(request)
    members, member = _chosen_members(request)
    if member is None:
        raise Http404("Choose one member for a week-ahead pack")
    anchor = _anchor(request, week=True)  # with no date, the same week as the week view shows
    first, last = selectors.period_bounds("week", anchor)
    days = selectors.calendar_days(request.user, [member], first, last, include_cancelled=False)
    pdf = render_pdf(
        "diary/pdf/week_ahead.html",
        {"member": member, "days": days, "first": first, "last": last, "generated": timezone.localtime()},
    )
    return pdf_response(pdf, f"week-ahead-{member.pk}-{first.isoformat()}.pdf")


# --- subscription feeds ---
@require_http_methods(["GET", "POST"])
def feed_manage(request, member_pk):
    _require_diary_access(request)
    member = get_object_or_404(selectors.diary_members(request.user), pk=member_pk)
    may_edit = selectors.may_edit_diary(request.user, [member.pk])
    if request.method == "POST":
        if not may_edit:
            raise Http404
        if request.POST.get("action") == "revoke":
            raw = request.POST.get("token", "")
            token = get_object_or_404(FeedToken, member=member, pk=parse_pk(raw) or 0)
            services.feed_token_revoke(actor=request.user, token=token)
            messages.success(request, "The subscription address has been turned off. It no longer works.")
        else:
            services.feed_token_create(actor=request.user, member=member)
            messages.success(request, "A new subscription address has been made. Any earlier address has stopped.")
        return redirect("diary:feed-manage", member_pk=member.pk)
    token = selectors.active_feed_token(member)
    # The secret address is shown only to those who may manage it: a read-only viewer could otherwise keep a
    # working link after their access ends.
    feed_url = request.build_absolute_uri(reverse("diary:feed", args=[token.token])) if token and may_edit else ""
    return render(
        request,
        "diary/feed_manage.html",
        {"member": member, "token": token, "feed_url": feed_url, "may_edit": may_edit},
    )


@login_not_required
def feed(request, token):
    member, engagements = selectors.feed_engagements(token)
    if member is None:
        raise Http404
    body = feed_ics(name=f"{member.name} – diary", engagements=engagements)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="diary.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
