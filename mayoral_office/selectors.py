"""Reads of the shared core that views and dashboards use."""

from auditlog.models import LogEntry

from mayoral_office.models import AccessLog


def audit_entries():
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")


def access_log_entries():
    return AccessLog.objects.select_related("user", "content_type").order_by("-at")
