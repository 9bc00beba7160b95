"""Budget pages: the budget lines (filters, search, sorting, pages), a line's page (figures, ledger, requisitions,
transfers), giving money to a line, and transfers between lines (asked for, then decided by the Head of Mayor's
Office). Thin: fetch, check, validate, one service."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from mayoral_office.access import get_visible_or_404
from mayoral_office.errors import ServiceError
from mayoral_office.lists import Paginator, filtered_page, parse_pk, querystring_without_page
from mayoral_office.views_support import form_action
from procurement import policy
from procurement.forms import budgets as forms
from procurement.money import gbp
from procurement.selectors import budgets as selectors
from procurement.services import budgets as services

LEDGER_PAGE = 25


def _checked(request, action: str, record, page: str):
    """The user may do `action` to the record now: PermissionDenied (403), or back to `page` with the reason."""
    try:
        policy.require(request.user, action, record, seen=True)
    except ServiceError as exc:
        exc.redirect_to = page
        raise
    return record


def _line(request, pk, action: str):
    line = get_visible_or_404(request, selectors.line_queryset(), pk=pk)
    return _checked(request, action, line, line.get_absolute_url())


def _actions(request, obj=None) -> set[str]:
    found = policy.available_actions(request.user)
    return found | policy.available_actions(request.user, obj) if obj is not None else found


def budget_list(request):
    policy.require(request.user, "budget.list")
    filterset, page = filtered_page(request, forms.BudgetFilter, selectors.budget_lines(request.user))
    context = {
        "filter": filterset,
        "page": page,
        "viewable": selectors.viewable(request.user, page),
        "querystring": querystring_without_page(request),
        "actions": _actions(request),
    }
    return render(request, "procurement/budget_list.html", context)


def budget_line(request, pk):
    line = _line(request, pk, "budget.view")
    found = selectors.line_page(request.user, line)
    ledger = Paginator(found.pop("movements"), LEDGER_PAGE).get_page(request.GET.get("page"))
    more = len(found["requisitions"]) > selectors.RECENT_REQUISITIONS
    context = {
        "line": line,
        "figures": line.figures(),
        "page": ledger,
        **found,
        "requisitions": found["requisitions"][: selectors.RECENT_REQUISITIONS],
        "more_requisitions": more,
        "actions": _actions(request, line),
    }
    return render(request, "procurement/budget_line.html", context)


@require_http_methods(["GET", "POST"])
def budget_allocate(request, pk):
    line = _line(request, pk, "budget.line_allocate")
    form = forms.AllocateForm(request.POST or None)

    def do(data):
        return services.budget_allocate(actor=request.user, line=line, amount=data["amount"], note=data["note"])

    return form_action(
        request,
        form,
        do,
        success=lambda movement: f"{gbp(movement.amount)} has been allocated to the line",
        redirect_to=line.get_absolute_url(),
        template="procurement/budget_allocate.html",
        context={"line": line, "figures": line.figures(), "actions": _actions(request, line)},
    )


def transfer_list(request):
    policy.require(request.user, "budget.list")
    filterset, page = filtered_page(request, forms.TransferFilter, selectors.transfers_for(request.user))
    context = {
        "filter": filterset,
        "page": page,
        "decidable": {t.pk for t in page if "transfer.decide" in policy.available_actions(request.user, t)},
        "querystring": querystring_without_page(request),
        "actions": _actions(request),
    }
    return render(request, "procurement/transfer_list.html", context)


@require_http_methods(["GET", "POST"])
def transfer_request(request):
    policy.require(request.user, "transfer.request")
    form = forms.TransferRequestForm(request.POST or None, user=request.user)

    def do(data):
        return services.transfer_request(actor=request.user, **data)

    return form_action(
        request,
        form,
        do,
        success="The transfer has been asked for: the Head of Mayor's Office decides",
        redirect_to=reverse("procurement:transfer_list"),
        template="procurement/transfer_request.html",
        context={"actions": _actions(request)},
    )


@require_http_methods(["GET", "POST"])
def transfer_decide(request, pk):
    transfer = selectors.transfers_for(request.user).filter(pk=parse_pk(pk)).first() if parse_pk(pk) else None
    if transfer is None:
        raise Http404("Not found")
    _checked(request, "transfer.decide", transfer, reverse("procurement:transfer_list"))
    form = forms.TransferDecideForm(request.POST or None, initial={"version": transfer.version})

    def do(data):
        approve = data["decision"] == "approve"
        return services.transfer_decide(
            actor=request.user, transfer=transfer, approve=approve, expected_version=data["version"]
        )

    return form_action(
        request,
        form,
        do,
        success=lambda t: f"The transfer has been {t.get_state_display().lower()}",
        redirect_to=reverse("procurement:transfer_list"),
        template="procurement/transfer_decide.html",
        context={"transfer": transfer, "actions": _actions(request, transfer)},
    )
