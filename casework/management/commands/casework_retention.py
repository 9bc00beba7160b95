"""Anonymise cases closed longer than their type's retention period (statistics stay; personal data goes)."""

from django.core.management.base import BaseCommand

from casework import selectors, services


class Command(BaseCommand):
    help = "Anonymise closed cases past their case type's retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List how many cases would be anonymised.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            count = selectors.retention_due().count()
            self.stdout.write(f"{count} case(s) would be anonymised.")
            return
        count = services.cases_apply_retention(actor=None)
        self.stdout.write(self.style.SUCCESS(f"{count} case(s) anonymised."))
