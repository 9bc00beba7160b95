"""Email officers their overdue cases, directorates their overdue contributions, the Head of Office the cases
past their escalation date. Run every working day (or schedule casework.tasks.chase_overdue)."""

from django.core.management.base import BaseCommand

from casework import reminders


class Command(BaseCommand):
    help = "Chase overdue cases and contribution requests by email."

    def handle(self, *args, **options):
        sent = reminders.cases_chase_overdue()
        self.stdout.write(self.style.SUCCESS(f"{sent} chasing email(s) queued."))
