"""Invitations: the list, recording one, the decision, and the reply letter."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from diary import forms, policy, schedule, selectors, services
from diary.filters import InvitationFilter
from diary.models import DiarySettings
from diary.views import fetch
from mayoral_office.errors import NeedsConfirmation, ServiceError
from mayoral_office.lists import filtered_page, querystring_without_page
from mayoral_office.pdf import pdf_response, render_pdf
from mayoral_office.views_support import add_service_error, form_action

GO_AHEAD = "Give a reason for going ahead, or decline the invitation"


def invitation_list(request):
    fetch.diary(request)
    filterset, page = filtered_page(request, InvitationFilter, selectors.invitations_for(request.user))
    context = {
        "filter": filterset,
        "page": page,
        "querystring": querystring_without_page(request),
        "actions": fetch.actions(request),
    }
    return render(request, "diary/invitation_list.html", context)


@require_http_methods(["GET", "POST"])
def invitation_create(request):
    policy.require(request.user, "invitation.record")
    form = forms.InvitationForm(request.POST or None, user=request.user)
    return form_action(
        request,
        form,
        lambda data: services.invitation_record(actor=request.user, **data),
        success=lambda invitation: f"Invitation {invitation.reference} recorded",
        redirect_to=lambda invitation: invitation.get_absolute_url(),
        template="diary/invitation_form.html",
        context={
            "minimum_notice": DiarySettings.current().minimum_notice_working_days,
            "actions": fetch.actions(request),
        },
    )


def _decide(request, invitation, data: dict) -> str:
    """Call the service for the decision chosen; returns the message to show."""
    common = {"actor": request.user, "invitation": invitation, "reason": data["reason"]}
    if data["decision"] == "decline":
        services.invitation_decline(**common)
        return "Invitation declined"
    going = {"briefing_required": data["briefing_required"], "conflict_reason": data["conflict_reason"]}
    if data["decision"] == "delegate":
        services.invitation_delegate(delegate=data["delegate"], **common, **going)
        return f"Invitation delegated to {data['delegate'].name}"
    services.invitation_accept(**common, **going)
    return "Invitation accepted: the engagement is in the diary"


def _decision_form(request, invitation, actions):
    """The decision form, offering the decisions the policy allows; None when there are none. A decision posted
    when none is allowed is refused with the reason (403, or back to the page saying why)."""
    decisions = [name for name in forms.DECISIONS if f"invitation.{name}" in actions]
    if not decisions:
        if request.method == "POST":
            fetch.invitation(request, invitation.pk, action="invitation.accept")  # raises, saying why not
        return None
    return forms.DecisionForm(request.POST or None, invitation=invitation, decisions=decisions)


@require_http_methods(["GET", "POST"])
def invitation_detail(request, pk):
    invitation = fetch.invitation(request, pk)
    actions = fetch.actions(request, invitation)
    form = _decision_form(request, invitation, actions)
    conflicts = []
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            messages.success(request, _decide(request, invitation, form.cleaned_data))
            return redirect(invitation)
        except NeedsConfirmation as exc:
            conflicts = selectors.mask_conflicts(request.user, exc.items)
            form.add_error("conflict_reason", GO_AHEAD)
        except ServiceError as exc:
            add_service_error(form, exc)
    context = {
        "invitation": invitation,
        "form": form,
        "conflicts": conflicts,
        "actions": actions,
        "notice": schedule.notice_working_days(invitation.received_on, invitation.event_date),
        "minimum_notice": DiarySettings.current().minimum_notice_working_days,
    }
    return render(request, "diary/invitation_detail.html", context)


def invitation_reply_pdf(request, pk):
    invitation = fetch.invitation(request, pk, action="invitation.reply_letter")
    context = {
        "invitation": invitation,
        "asks_bare": invitation.asks_phrase(bare=True),
        "office_email": settings.DEFAULT_FROM_EMAIL,
        "today": timezone.localdate(),
    }
    return pdf_response(render_pdf("diary/pdf/reply_letter.html", context), f"reply-{invitation.reference}.pdf")
