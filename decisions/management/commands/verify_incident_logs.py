"""Verify every incident log (or one): each entry's hash recomputed and each link to the entry before it followed.
Prints one line per incident and each broken entry with the reason; exits non-zero if any log has been altered.
Reads only: safe to run at any time, for example nightly from cron or before an inquiry is sent the PDF."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Prefetch

from decisions.incidents import verify
from decisions.models import Incident, IncidentEntry


class Command(BaseCommand):
    help = "Verify the hash chain of every incident log (or --incident N); exits 1 if any log has been altered."

    def add_arguments(self, parser):
        parser.add_argument("--incident", type=int, metavar="N", help="Verify only the incident with this id")

    def handle(self, *args, **options):
        incidents = Incident.objects.order_by("pk").prefetch_related(
            Prefetch("entries", queryset=IncidentEntry.objects.order_by("sequence"))
        )
        if options.get("incident") is not None:
            incidents = incidents.filter(pk=options["incident"])
            if not incidents.exists():
                raise CommandError(f"There is no incident {options['incident']}")
        altered = checked = 0
        for incident in incidents.iterator(chunk_size=200):
            result = verify(incident, incident.entries.all())
            checked += 1
            if result.ok:
                self.stdout.write(f"Incident {incident.pk} ({incident.title}): {result.summary}")
                continue
            altered += 1
            self.stdout.write(self.style.ERROR(f"Incident {incident.pk} ({incident.title}): ALTERED"))
            for problem in result.problems:
                self.stdout.write(self.style.ERROR(f"  entry {problem.sequence}: {problem.detail}"))
        if altered:
            raise CommandError(f"{altered} of {checked} incident logs have been altered")
        self.stdout.write(self.style.SUCCESS(f"{checked} incident log{'s' if checked != 1 else ''} verified: intact"))
