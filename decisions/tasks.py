"""Scheduled decisions jobs. Each takes plain values and calls a job; each is also a management command."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from decisions.incidents import verify
from decisions.models import Incident, IncidentEntry
from mayoral_office.outbox import queue_email
from mayoral_office.roles import Role


@shared_task
def check_incident_logs() -> int:
    """Verify every incident log's hash chain (schedule: nightly); if any has been altered behind the app's back,
    email the Head of Mayor's Office which and how. Reads and emails only: not a service. Returns how many logs
    have been altered."""
    incidents = Incident.objects.order_by("pk").prefetch_related(
        Prefetch("entries", queryset=IncidentEntry.objects.order_by("sequence"))
    )
    lines = []
    for incident in incidents.iterator(chunk_size=200):
        result = verify(incident, incident.entries.all())
        if not result.ok:
            lines.append(f"Incident {incident.pk}, {incident.title}:")
            lines += [f"  entry {problem.sequence}: {problem.detail}" for problem in result.problems]
    if lines:
        heads = get_user_model().objects.filter(groups__name=Role.HEAD_OF_OFFICE.label, is_active=True)
        queue_email(
            to=list(heads.values_list("email", flat=True)),
            subject="An incident log has been altered",
            body="The nightly check of the incident logs found entries changed outside the system:\n\n"
            + "\n".join(lines)
            + "\n\nThe logs' pages show the same. Keep the database backups from before the change.",
            kind="decisions.incident_log_altered",
        )
    return sum(1 for line in lines if line.startswith("Incident "))
