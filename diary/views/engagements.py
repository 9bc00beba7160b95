"""The engagement page, and adding, changing and cancelling engagements."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_http_methods

from diary import forms, policy, schedule, selectors, services
from diary.views import fetch
from mayoral_office.errors import NeedsConfirmation, ServiceError
from mayoral_office.lists import parse_pk
from mayoral_office.views_support import add_service_error, form_action

GO_AHEAD = "Give a reason for going ahead, or change the time"


def engagement_detail(request, pk):
    engagement = fetch.engagement(request, pk, page=True)
    selectors.show_briefings(request.user, [engagement])
    context = {
        "engagement": engagement,
        "actions": fetch.actions(request, engagement),
        "invitation": None if engagement.masked else getattr(engagement, "invitation", None),
    }
    return render(request, "diary/engagement_detail.html", context)


def _form_page(request, form, save: Callable[[dict], tuple], *, engagement=None):
    """The engagement form: a valid POST calls `save(cleaned_data)` -> (engagement, message). A clash shows the
    clashing engagements (as "Busy" where the user may not see them) and asks for a reason; any other refusal
    shows on the form. Nothing is saved until the service accepts."""
    conflicts, warnings = [], []
    if request.method == "POST" and form.is_valid():
        try:
            saved, message = save(form.cleaned_data)
        except NeedsConfirmation as exc:
            form.add_error("conflict_reason", GO_AHEAD)
            conflicts = selectors.mask_conflicts(request.user, exc.items)
            warnings = [w for w in exc.warnings if w.startswith(schedule.DAYS_OFF_LEAD)]
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, message)
            return redirect(saved)
    context = {"form": form, "engagement": engagement, "conflicts": conflicts, "warnings": warnings}
    return render(request, "diary/engagement_form.html", {**context, "actions": fetch.actions(request)})


@require_http_methods(["POST"])
def engagement_conflicts(request):
    """The conflict check, refreshed as the officer changes the time or the members (htmx): the clashes and the
    reason box, or nothing. Reads only; the same form as the page (so the same rules) for a new engagement or
    for the one being changed (?engagement=)."""
    policy.require(request.user, "engagement.create")
    engagement = None
    if parse_pk(request.GET.get("engagement")) is not None:
        engagement = fetch.engagement(request, request.GET["engagement"], action="engagement.edit")
    form = forms.EngagementForm(request.POST, user=request.user, engagement=engagement)
    form.is_valid()  # the times and members, if they are valid; other fields may still be empty
    exclude = engagement.pk if engagement else None
    conflicts, warnings = selectors.conflict_check(request.user, form.cleaned_data, exclude_pk=exclude)
    context = {"form": form, "conflicts": conflicts, "warnings": warnings, "checked": True}
    return render(request, "diary/includes/conflict_check.html", context)


def _initial(request) -> dict:
    """A new engagement from a calendar: its member (?member=) and day (?date=)."""
    initial = {}
    if parse_pk(request.GET.get("member")) is not None:
        initial["members"] = selectors.diary_members(request.user).filter(pk=parse_pk(request.GET["member"]))
    with contextlib.suppress(ValueError):
        initial["start_date"] = date.fromisoformat(request.GET.get("date", ""))
    return initial


def _create(actor, form, data: dict) -> tuple:
    people = {
        "members": data["members"],
        "attendee_officers": data["attendee_officers"],
        "stakeholders": data["stakeholders"],
    }
    if data.get("repeat"):
        series = services.series_create(
            actor=actor,
            data=form.engagement_data(),
            frequency=data["repeat"],
            until=data["repeat_until"],
            conflict_reason=data["conflict_reason"],
            skip_days_off=data.get("skip_days_off", False),
            **people,
        )
        first = series.occurrences.order_by("starts_at").first()
        count = series.occurrences.count()
        return first, f"{count} engagement{pluralize(count)} added: {first.title}"
    engagement = services.engagement_create(
        actor=actor, data=form.engagement_data(), conflict_reason=data["conflict_reason"], **people
    )
    return engagement, f"Engagement added: {engagement.title}"


@require_http_methods(["GET", "POST"])
def engagement_create(request):
    policy.require(request.user, "engagement.create")
    form = forms.EngagementForm(request.POST or None, user=request.user, initial=_initial(request))
    return _form_page(request, form, lambda data: _create(request.user, form, data))


@require_http_methods(["GET", "POST"])
def engagement_edit(request, pk):
    engagement = fetch.engagement(request, pk, action="engagement.edit")
    initial = forms.EngagementForm.initial_for(engagement)
    form = forms.EngagementForm(request.POST or None, user=request.user, engagement=engagement, initial=initial)

    def save(data):
        services.engagement_update(
            actor=request.user,
            engagement=engagement,
            data=form.engagement_data(),
            members=data["members"],
            attendee_officers=data["attendee_officers"],
            stakeholders=data["stakeholders"],
            conflict_reason=data["conflict_reason"],
        )
        return engagement, f"Engagement updated: {data['title']}"

    return _form_page(request, form, save, engagement=engagement)


@require_http_methods(["GET", "POST"])
def engagement_cancel(request, pk):
    engagement = fetch.engagement(request, pk, action="engagement.cancel")
    actions = fetch.actions(request, engagement)
    form = forms.CancelForm(request.POST or None, repeats="engagement.cancel_series" in actions)

    def do(data):
        if data.get("and_later"):
            count = services.series_cancel_from(actor=request.user, engagement=engagement, reason=data["reason"])
            return f"{count} occurrence{pluralize(count)} cancelled: {engagement.title}"
        services.engagement_cancel(actor=request.user, engagement=engagement, reason=data["reason"])
        return f"Engagement cancelled: {engagement.title}"

    return form_action(
        request,
        form,
        do,
        success=lambda message: message,
        redirect_to=engagement.get_absolute_url(),
        template="diary/engagement_cancel.html",
        context={"engagement": engagement, "actions": actions},
    )
