"""Report pages: the budget report (per cost centre and line, with a chart and the same figures as a table;
CSV and Excel), requisitions by status and age, the year-end commitments, and the spend over £500 the Local
Government Transparency Code 2015 asks the council to publish (the Head of Mayor's Office and finance approvers)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from mayoral_office import spreadsheets
from procurement import exports, policy
from procurement.forms import budgets as forms
from procurement.money import year_label
from procurement.selectors import reports as selectors


def _year(request, action: str) -> forms.YearForm:
    policy.require(request.user, action)
    return forms.YearForm(request.GET, user=request.user)


def _page(request, template: str, form, **context):
    context = {"form": form, "year": form.chosen, "year_label": year_label(form.chosen), **context}
    return render(request, template, {**context, "actions": policy.available_actions(request.user)})


def budget_report(request):
    form = _year(request, "budget.report")
    return _page(request, "procurement/budget_report.html", form, **selectors.budget_report(request.user, form.chosen))


def budget_report_export(request, fmt):
    if fmt not in spreadsheets.FORMATS:
        raise Http404("Not found")
    form = _year(request, "budget.report")
    rows = selectors.budget_report_rows(request.user, form.chosen)
    name = f"budget-report-{year_label(form.chosen).replace('/', '-')}"
    return spreadsheets.download(rows, fmt, name, sheet=f"Budgets {year_label(form.chosen).replace('/', '-')}")


def requisition_report(request):
    form = _year(request, "report.view")
    report = selectors.requisition_report(request.user, form.chosen)
    return _page(request, "procurement/report_requisitions.html", form, **report)


def year_end(request):
    form = _year(request, "budget.report")
    return _page(request, "procurement/report_year_end.html", form, **selectors.year_end(request.user, form.chosen))


def transparency(request):
    policy.require(request.user, "transparency.export")
    form = forms.TransparencyForm(request.GET or None, user=request.user)
    if form.is_bound and form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
        rows = exports.transparency_rows(selectors.spend_over_threshold(year, quarter))
        name = f"spend-over-500-{year_label(year).replace('/', '-')}-q{quarter}"
        return spreadsheets.download(rows, "csv", name)
    context = {"form": form, "quarters": selectors.QUARTERS, "threshold": selectors.SPEND_THRESHOLD}
    return render(
        request, "procurement/transparency.html", {**context, "actions": policy.available_actions(request.user)}
    )
