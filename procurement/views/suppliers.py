"""Supplier pages: the list (search, sorting, pages) and adding a supplier. Thin: check, validate, one service."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from mayoral_office.lists import filtered_page, querystring_without_page
from mayoral_office.views_support import form_action
from procurement import policy
from procurement.forms import suppliers as forms
from procurement.selectors import budgets as selectors
from procurement.services import suppliers as services


def supplier_list(request):
    policy.require(request.user, "supplier.list")
    filterset, page = filtered_page(request, forms.SupplierFilter, selectors.supplier_list())
    context = {
        "filter": filterset,
        "page": page,
        "querystring": querystring_without_page(request),
        "actions": policy.available_actions(request.user),
    }
    return render(request, "procurement/supplier_list.html", context)


@require_http_methods(["GET", "POST"])
def supplier_create(request):
    policy.require(request.user, "supplier.create")
    form = forms.SupplierForm(request.POST or None)

    def do(data):
        return services.supplier_create(actor=request.user, **data)

    return form_action(
        request,
        form,
        do,
        success=lambda supplier: f"{supplier.name} has been added to the suppliers",
        redirect_to=reverse("procurement:supplier_list"),
        template="procurement/supplier_form.html",
        context={"actions": policy.available_actions(request.user)},
    )
