"""Requisitions: the list (filters, search, sorting, pages) and its CSV export, raising and changing a requisition
(its lines as rows that need no JavaScript), its page, adding a quote and downloading one, submitting it along its
route and cancelling it. Thin: fetch, check, validate, one service, redirect or render with `actions`."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from mayoral_office import spreadsheets
from mayoral_office.lists import filtered_page, querystring_without, querystring_without_page
from mayoral_office.views_support import form_action
from procurement import policy
from procurement.filters import RequisitionFilter
from procurement.forms import requisitions as forms
from procurement.selectors import requisitions as selectors
from procurement.services import requisitions as services
from procurement.views import fetch


def requisition_list(request):
    fetch.section(request)
    policy.require(request.user, "requisition.list")
    filterset, page = filtered_page(request, RequisitionFilter, selectors.requisition_list(request.user))
    context = {
        "filter": filterset,
        "page": page,
        "querystring": querystring_without_page(request),
        "export_querystring": querystring_without(request, "page"),
        "actions": fetch.actions(request),
    }
    return render(request, "procurement/requisition_list.html", context)


def requisition_export(request):
    """The list as filtered, as CSV: only the rows the user may see, only the list's columns, formula-safe."""
    fetch.section(request)
    policy.require(request.user, "requisition.export")
    filterset = RequisitionFilter(request.GET, queryset=selectors.requisition_list(request.user), request=request)
    if not filterset.is_valid():
        messages.error(request, "The list could not be downloaded because the filters have a problem.")
        return redirect(f"{reverse('procurement:requisition_list')}?{querystring_without(request, 'page')}")
    return spreadsheets.download(selectors.export_rows(filterset.qs), "csv", "requisitions")


def _form_page(request, form, do, *, title: str, success: str, requisition=None):
    """The requisition form: "Add another line" shows it again with one more row, checking and saving nothing."""
    context = {"title": title, "requisition": requisition, "actions": fetch.actions(request, requisition)}
    if form.adding:
        return render(request, "procurement/requisition_form.html", {"form": form, **context})
    return form_action(
        request,
        form,
        do,
        success=success,
        redirect_to=lambda saved: saved.get_absolute_url(),
        template="procurement/requisition_form.html",
        context=context,
    )


@require_http_methods(["GET", "POST"])
def requisition_create(request):
    fetch.section(request)
    policy.require(request.user, "requisition.create")
    form = forms.RequisitionForm(request.POST or None, user=request.user)

    def do(data):
        return services.requisition_create(actor=request.user, **form.service_data())

    return _form_page(request, form, do, title="Raise a requisition", success="The requisition has been saved")


def requisition(request, pk):
    found = fetch.requisition(request, pk)
    context = {"requisition": found, **selectors.requisition_page(request.user, found)}
    return render(request, "procurement/requisition.html", context)


@require_http_methods(["GET", "POST"])
def requisition_edit(request, pk):
    found = fetch.requisition(request, pk, action="requisition.edit")
    initial = forms.RequisitionForm.initial_for(found)
    rows = max(forms.ROWS, len(found.lines.all()) + 1)
    form = forms.RequisitionForm(request.POST or None, user=request.user, rows=rows, creating=False, initial=initial)

    def do(data):
        data = form.service_data()
        return services.requisition_update(
            actor=request.user, requisition=found, expected_version=form.cleaned_data["version"], **data
        )

    return _form_page(
        request, form, do, title="Change the requisition", success="Your changes have been saved", requisition=found
    )


@require_http_methods(["GET", "POST"])
def quote_add(request, pk):
    found = fetch.requisition(request, pk, action="requisition.add_quote")
    form = forms.QuoteForm(request.POST or None, request.FILES or None)

    def do(data):
        return services.quote_add(actor=request.user, requisition=found, **data)

    context = {"requisition": found, "title": "Add a quote", "action": "requisition.add_quote", "multipart": True}
    return form_action(
        request,
        form,
        do,
        success="The quote has been added",
        redirect_to=f"{found.get_absolute_url()}#quotes",
        template="procurement/requisition_action.html",
        context={**context, "actions": fetch.actions(request, found)},
    )


def quote_file(request, pk):
    """A quote's PDF, only to those who may see its requisition."""
    quote = fetch.quote(request, pk)
    if not quote.file:
        raise Http404("This quote has no file")
    try:
        handle = quote.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The stored file is missing") from exc
    response = FileResponse(
        handle, as_attachment=True, filename=quote.file_name or "quote.pdf", content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def requisition_submit(request, pk):
    found = fetch.requisition(request, pk, action="requisition.submit")
    page = selectors.submit_page(request.user, found)
    form = forms.SubmitForm(request.POST or None, split=bool(page["split"]), initial={"version": found.version})

    def do(data):
        return services.requisition_submit(
            actor=request.user,
            requisition=found,
            split_reason=data.get("split_reason", ""),
            expected_version=data["version"],
        )

    context = {"requisition": found, "title": "Submit for approval", "action": "requisition.submit", **page}
    return _action(request, found, form, do, "The requisition has been submitted for approval", context)


def _action(request, requisition, form, do, success: str, context: dict):
    """An action page on a requisition: the form, the service's refusal on it, or back to the requisition."""
    return form_action(
        request,
        form,
        do,
        success=success,
        redirect_to=requisition.get_absolute_url(),
        template="procurement/requisition_action.html",
        context={"requisition": requisition, "actions": fetch.actions(request, requisition), **context},
    )


@require_http_methods(["GET", "POST"])
def requisition_cancel(request, pk):
    found = fetch.requisition(request, pk, action="requisition.cancel")
    form = forms.CancelForm(request.POST or None, initial={"version": found.version})

    def do(data):
        return services.requisition_cancel(
            actor=request.user, requisition=found, reason=data["reason"], expected_version=data["version"]
        )

    context = {"title": "Cancel the requisition", "action": "requisition.cancel", "warning": "cancel"}
    return _action(request, found, form, do, "The requisition has been cancelled", context)
