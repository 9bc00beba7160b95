"""Anonymise cases closed longer than their type's retention period (statistics stay; personal data goes). The
same service as the retention screen (casework:retention); `--dry-run` lists what would go, changing nothing.
Also deletes email files read on the intake form and left there (casework/email_files.py)."""

from django.core.management.base import BaseCommand

from casework import email_files, retention, services
from casework.deadlines import fmt


class Command(BaseCommand):
    help = "Anonymise closed cases past their case type's retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the cases that would be anonymised.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            due, _upcoming = retention.schedule(within_days=0)
            for row in due:
                self.stdout.write(f"{row.case.reference}  {row.case.case_type.name}  finished {fmt(row.finished_on)}")
            self.stdout.write(f"{len(due)} case(s) would be anonymised.")
            return
        count = services.cases_apply_retention(actor=None)
        self.stdout.write(self.style.SUCCESS(f"{count} case(s) anonymised."))
        forgotten = email_files.forget_stale()
        self.stdout.write(
            f"{forgotten} email file(s) read on the intake form more than a day ago and never logged, deleted."
        )
