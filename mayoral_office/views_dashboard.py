"""The dashboard: every app's figures for a period, each linking to the list behind it, and each table as CSV or
Excel. Office staff see it (403 for anyone else); every figure counts only what the viewer may see."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mayoral_office import dashboard, registry, reports
from mayoral_office.forms import DashboardPeriodForm
from mayoral_office.pdf import pdf_response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(request):
    """(form, period): the period asked for, or the default one when the form has a problem (its errors shown)."""
    form = DashboardPeriodForm(request.GET or None)
    return form, dashboard.period_asked(form)


def _require_dashboard(user):
    if not registry.dashboard_panels(user):
        raise PermissionDenied


@require_GET
def dashboard_page(request):
    _require_dashboard(request.user)
    form, chosen = _period(request)
    context = {
        "form": form,
        "period": chosen,
        "panels": dashboard.panels(request.user, chosen),
        "querystring": request.GET.urlencode(),
    }
    return render(request, "mayoral_office/dashboard.html", context)


@require_GET
def dashboard_export(request, key: str, fmt: str):
    """One table of the dashboard, for the same period, as CSV or Excel."""
    _require_dashboard(request.user)
    _, chosen = _period(request)
    table = dashboard.find_table(request.user, chosen, key)
    if table is None:
        raise Http404("No such table")
    name = f"{key.replace('.', '-')}-{chosen.start.isoformat()}-to-{chosen.end.isoformat()}"
    if fmt == "xlsx":
        response = HttpResponse(dashboard.table_xlsx(table, chosen), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    else:
        response = HttpResponse(dashboard.table_csv(table, chosen), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@require_GET
def dashboard_report(request):
    """The dashboard for the period as a printed performance report (PDF, charts as SVG beside their tables)."""
    _require_dashboard(request.user)
    _, chosen = _period(request)
    pdf = reports.performance_report(request.user, chosen)
    return pdf_response(pdf, f"performance-report-{chosen.start.isoformat()}-to-{chosen.end.isoformat()}.pdf")
