"""Approvals and what follows them: the requisitions waiting for the user, approving (the approver sees the budget
line's figures and the splitting warning), returning and rejecting with comments, the finance approver's override,
raising the purchase order, goods received and the invoice. Thin: fetch, check, validate, one service, redirect."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from mayoral_office.lists import Paginator
from mayoral_office.views_support import form_action
from procurement import policy
from procurement.forms import approvals as forms
from procurement.selectors import requisitions as selectors
from procurement.services import requisitions as services
from procurement.views import fetch


def approval_list(request):
    """The requisitions waiting at a step the user may act at, oldest first."""
    fetch.section(request)
    policy.require(request.user, "approval.list")
    page = Paginator(selectors.waiting_for(request.user), 25).get_page(request.GET.get("page"))
    context = {"page": page, "actions": fetch.actions(request)}
    return render(request, "procurement/approval_list.html", context)


def _action(request, requisition, form, do, success: str, context: dict):
    return form_action(
        request,
        form,
        do,
        success=success,
        redirect_to=requisition.get_absolute_url(),
        template="procurement/approval_action.html",
        context={"requisition": requisition, "actions": fetch.actions(request, requisition), **context},
    )


def _decide(request, pk, action: str, form_class, service, *, title: str, success: str):
    """Approve, return or reject: the approver sees the line's figures and the splitting warning first."""
    found = fetch.requisition(request, pk, action=action)
    form = form_class(request.POST or None, initial={"version": found.version})

    def do(data):
        return service(
            actor=request.user, requisition=found, comments=data["comments"], expected_version=data["version"]
        )

    context = {"title": title, "action": action, **selectors.approve_page(request.user, found)}
    return _action(request, found, form, do, success, context)


@require_http_methods(["GET", "POST"])
def requisition_approve(request, pk):
    return _decide(
        request,
        pk,
        "requisition.approve",
        forms.ApproveForm,
        services.requisition_approve,
        title="Approve the requisition",
        success="You have approved the requisition",
    )


@require_http_methods(["GET", "POST"])
def requisition_return(request, pk):
    return _decide(
        request,
        pk,
        "requisition.return",
        forms.ReturnForm,
        services.requisition_return,
        title="Return the requisition with comments",
        success="The requisition has been returned to the requester",
    )


@require_http_methods(["GET", "POST"])
def requisition_reject(request, pk):
    return _decide(
        request,
        pk,
        "requisition.reject",
        forms.RejectForm,
        services.requisition_reject,
        title="Reject the requisition",
        success="The requisition has been rejected",
    )


@require_http_methods(["GET", "POST"])
def requisition_override(request, pk):
    found = fetch.requisition(request, pk, action="requisition.override")
    form = forms.OverrideForm(request.POST or None, initial={"version": found.version})

    def do(data):
        return services.requisition_override(
            actor=request.user, requisition=found, reason=data["reason"], expected_version=data["version"]
        )

    context = {"title": "Override the budget check", "action": "requisition.override"}
    context.update(selectors.approve_page(request.user, found))
    return _action(request, found, form, do, "The override has been recorded", context)


@require_http_methods(["GET", "POST"])
def requisition_raise_po(request, pk):
    found = fetch.requisition(request, pk, action="requisition.raise_po")
    form = forms.RaisePOForm(request.POST or None, initial={"version": found.version})

    def do(data):
        return services.requisition_raise_po(
            actor=request.user,
            requisition=found,
            contract_notice_reference=data["contract_notice_reference"],
            expected_version=data["version"],
        )

    context = {"title": "Raise the purchase order", "action": "requisition.raise_po"}
    return _action(request, found, form, do, "The purchase order has been raised", context)


@require_http_methods(["GET", "POST"])
def requisition_receive(request, pk):
    found = fetch.requisition(request, pk, action="requisition.receive")
    form = forms.ReceiveForm(request.POST or None)

    def do(data):
        return services.requisition_receive(actor=request.user, requisition=found, **data)

    context = {"title": "Record goods received", "action": "requisition.receive"}
    return _action(request, found, form, do, "Goods received have been recorded", context)


@require_http_methods(["GET", "POST"])
def requisition_invoice(request, pk):
    found = fetch.requisition(request, pk, action="requisition.invoice")
    initial = {"net": f"{found.net:.2f}", "vat": f"{found.vat:.2f}"}
    form = forms.InvoiceForm(request.POST or None, initial=initial)

    def do(data):
        return services.requisition_invoice(actor=request.user, requisition=found, **data)

    context = {"title": "Record the invoice", "action": "requisition.invoice"}
    return _action(request, found, form, do, "The invoice has been recorded", context)
