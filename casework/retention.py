"""The retention rule as dates: when each finished case will be anonymised (its type's retention period after it
was closed, or after the response was sent if it was never closed). Reads only; the run is
services.cases_apply_retention, from the retention screen or `manage.py casework_retention`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from casework.models import FINISHED_STATUSES, Case


@dataclass(frozen=True)
class Due:
    case: Case
    finished_on: date
    anonymise_on: date  # the first day it is past its retention period

    @property
    def years(self) -> int:
        return self.case.case_type.retention_years


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def finished_on(case: Case) -> date | None:
    return (case.closed_at and timezone.localtime(case.closed_at).date()) or case.response_sent_on


def anonymise_on(case: Case) -> date | None:
    """The day the retention job first anonymises the case (selectors.retention_due: held longer than the period)."""
    finished = finished_on(case)
    return _years_after(finished, case.case_type.retention_years) + timedelta(days=1) if finished else None


def schedule(today: date | None = None, *, within_days: int = 365) -> tuple[list[Due], list[Due]]:
    """(due now, due within the next `within_days` days), each soonest first."""
    today = today or timezone.localdate()
    finished = Case.objects.filter(status__in=FINISHED_STATUSES, anonymised_at__isnull=True).select_related(
        "case_type", "member"
    )
    rows = []
    for case in finished.only(
        "pk",
        "reference",
        "status",
        "closed_at",
        "response_sent_on",
        "case_type__name",
        "case_type__retention_years",
        "member__name",
    ):
        on = anonymise_on(case)
        if on is not None and on <= today + timedelta(days=within_days):
            rows.append(Due(case, finished_on(case), on))
    rows.sort(key=lambda row: (row.anonymise_on, row.case.reference))
    return [r for r in rows if r.anonymise_on <= today], [r for r in rows if r.anonymise_on > today]
