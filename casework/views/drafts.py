"""Drafting the response, the member's approval, recording the response and the response letter."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from casework import forms, letters, services
from casework.views import fetch
from casework.views.cases import _action
from mayoral_office.pdf import pdf_response, render_pdf
from mayoral_office.views_support import post_action


@require_http_methods(["GET", "POST"])
def draft_create(request, pk):
    case = fetch.case(request, pk, action="case.draft")
    latest = case.latest_draft
    form = forms.DraftForm(request.POST or None, initial={"body": latest.body if latest else ""})

    def do(data):
        return services.draft_save(actor=request.user, case=case, body=data["body"])

    return _action(
        request,
        case,
        form,
        "Draft the response",
        do,
        "The draft is saved as a new version.",
        template="casework/draft_form.html",
    )


@require_POST
def draft_submit(request, pk, draft_pk):
    case = fetch.case(request, pk)
    draft = get_object_or_404(case.drafts.all(), pk=draft_pk)
    return post_action(
        request,
        lambda: services.draft_submit(actor=request.user, draft=draft),
        success=f"Draft version {draft.version} is sent to {case.member.name} for approval.",
        redirect_to=case.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def draft_review(request, pk, draft_pk):
    case = fetch.case(request, pk, action="draft.approve")
    draft = get_object_or_404(case.drafts.all(), pk=draft_pk)
    form = forms.ReviewForm(request.POST or None)

    def do(data):
        approve = data["decision"] == "approve"
        return services.draft_review(actor=request.user, draft=draft, approve=approve, comments=data["comments"])

    return _action(
        request,
        case,
        form,
        f"Approve the response to {case.correspondent}",
        do,
        "Your decision is recorded.",
        template="casework/review_form.html",
        draft=draft,
        is_member=case.member.user_id == request.user.pk,
    )


@require_http_methods(["GET", "POST"])
def response_record(request, pk):
    case = fetch.case(request, pk, action="case.record_response")
    initial = {"version": case.version, "sent_on": timezone.localdate(), "method": "letter"}
    form = forms.ResponseForm(request.POST or None, initial=initial)

    def do(data):
        return services.response_record(
            actor=request.user,
            case=case,
            sent_on=data["sent_on"],
            method=data["method"],
            expected_version=data["version"],
        )

    return _action(request, case, form, "Record the response", do, "The response is recorded.")


@require_POST
def response_email(request, pk):
    """Send the approved response by email, the signed letter attached (through the outbox)."""
    case = fetch.case(request, pk, action="draft.send_email")
    address = case.correspondent.email
    return post_action(
        request,
        lambda: services.response_email(actor=request.user, case=case, expected_version=fetch.version(request)),
        success=f"The response is on its way to {address} with the signed letter attached. This page shows whether "
        "it is delivered.",
        redirect_to=case.get_absolute_url(),
    )


def response_letter(request, pk):
    """The response letter on the council's letterhead as a PDF: the version sent, or else the latest version
    (marked as a draft unless the member approved exactly that version)."""
    case = fetch.case(request, pk, action="case.letter")
    pdf = render_pdf("casework/pdf/letter.html", letters.letter_context(case))
    return pdf_response(pdf, f"{case.reference.replace('/', '-')}-response.pdf")
