"""Reads of the shared core that views and dashboards use."""

from auditlog.models import LogEntry
from django.urls import reverse

from mayoral_office.access import is_directorate_contact
from mayoral_office.models import AccessLog


def audit_entries():
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")


def access_log_entries():
    return AccessLog.objects.select_related("user", "content_type").order_by("-at")


def home_work_summary(user) -> list[tuple[str, int, str]]:
    """The signed-in user's to-do counts for the home page, read through the casework app's own selectors (so
    they follow the same access rules as its lists): (label, count, link)."""
    from casework.selectors import may_work_on_cases, queue_counts

    if is_directorate_contact(user):
        return []
    counts = queue_counts(user)
    url = reverse("casework:index")
    if getattr(user, "member", None) is not None and not may_work_on_cases(user):
        return [("Responses awaiting your approval", counts["approval"], f"{url}?queue=approval")]
    rows = [
        ("My open cases", counts["mine"], f"{url}?queue=mine"),
        ("Overdue", counts["overdue"], f"{url}?queue=overdue"),
        ("Due this week", counts["week"], f"{url}?queue=week"),
        ("Awaiting member approval", counts["approval"], f"{url}?queue=approval"),
    ]
    if counts["unallocated"]:
        rows.insert(1, ("Unallocated", counts["unallocated"], f"{url}?queue=unallocated"))
    return rows
