from datetime import date

from django.core.management.base import BaseCommand, CommandError

from diary.tasks import next_monday, send_week_ahead


class Command(BaseCommand):
    help = "Email each member and the officers who support them the coming week (once per member and week)."

    def add_arguments(self, parser):
        parser.add_argument("--week", help="Any date in the week to send, YYYY-MM-DD (default: next week)")

    def handle(self, *args, **options):
        week = options.get("week")
        if week:
            try:
                date.fromisoformat(week)
            except ValueError as exc:
                raise CommandError("Give the week as a date, for example 2026-04-06") from exc
        sent = send_week_ahead(week or next_monday().isoformat())
        self.stdout.write(self.style.SUCCESS(f"Week-ahead emails queued: {sent}"))
