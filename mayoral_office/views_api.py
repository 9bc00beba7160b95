"""The read-only dashboard API, for Power BI and other reporting tools: the dashboard's tables as JSON, for a period,
authenticated by a token (`Authorization: Bearer <token>`) that reads as the user it belongs to. A missing, unknown
or revoked token, or a disabled user, gets 401."""

from decimal import Decimal

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from mayoral_office import dashboard, registry, selectors
from mayoral_office.forms import DashboardPeriodForm
from mayoral_office.models import ApiToken


def _value(value):
    return float(value) if isinstance(value, Decimal) else value


def _table(table) -> dict:
    return {
        "key": table.key,
        "caption": table.caption,
        "note": table.note,
        "columns": list(table.columns),
        "rows": [
            {column: _value(cell.value) for column, cell in zip(table.columns, row, strict=True)} for row in table.rows
        ],
    }


@login_not_required
@require_GET
def dashboard_api(request, key: str | None = None):
    token = selectors.api_token(request.headers.get("Authorization", ""))
    if token is None:
        response = JsonResponse({"error": "A valid API token is needed: Authorization: Bearer <token>"}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="dashboard"'
        return response
    user = token.user
    if not registry.dashboard_panels(user):
        return JsonResponse({"error": "This token's user may not read the dashboard"}, status=403)
    form = DashboardPeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return JsonResponse({"error": "The period has a problem", "fields": form.errors}, status=400)
    chosen = dashboard.period_asked(form)
    if key is None:
        tables = [table for panel in dashboard.panels(user, chosen) for table in panel.tables]
    else:
        table = dashboard.find_table(user, chosen, key)
        if table is None:
            return JsonResponse({"error": f"No table {key!r}"}, status=404)
        tables = [table]
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    period = {"key": chosen.key, "label": chosen.label, "start": chosen.start, "end": chosen.end}
    return JsonResponse({"period": period, "tables": [_table(table) for table in tables]})
