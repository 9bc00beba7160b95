from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mayoral_office import chasing


class Command(BaseCommand):
    help = (
        "Write today's chase digests (the Celery beat job 'chase', without Celery): once a working day, from the "
        "digest time on; a second run does nothing. --alerts: the immediate alerts instead ('chase-alerts')."
    )

    def add_arguments(self, parser):
        parser.add_argument("--alerts", action="store_true", help="Send the alerts for newly due items instead.")
        parser.add_argument("--at", help="Run as at this London time, YYYY-MM-DD HH:MM (for a catch-up).")

    def handle(self, *args, alerts=False, at=None, **options):
        now = None
        if at:
            try:
                now = timezone.make_aware(datetime.strptime(at, "%Y-%m-%d %H:%M"))
            except ValueError as exc:
                raise CommandError("Give --at as YYYY-MM-DD HH:MM, for example 2026-12-04 08:00") from exc
        result = chasing.send_alerts(now) if alerts else chasing.run_chase(now)
        self.stdout.write(str(result))
