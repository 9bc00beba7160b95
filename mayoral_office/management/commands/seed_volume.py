"""Fill a benchmark database with ten years of a large borough's records, in bulk: `seed_volume --scale 1` makes
200,000 cases (see docs/performance.md). The demo office comes first (its people, members and logins); each app
then adds its volume through the registry. Never on live data: it refuses to run when DJANGO_ENV=production."""

import random
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings

from mayoral_office import registry


class Command(BaseCommand):
    help = "Bulk-load years of realistic records for the benchmark (PostgreSQL; --scale 1 is 200,000 cases)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 is ten years of a large borough (default).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed, for a repeatable data set.")
        parser.add_argument(
            "--allow-production", action="store_true", help="Run even when DJANGO_ENV=production (never on live data)."
        )

    def handle(self, *args, scale, seed, allow_production, **options):
        if settings.PRODUCTION and not allow_production:
            raise CommandError(
                "seed_volume fills the database with invented records, so it does not run when DJANGO_ENV=production."
            )
        if not 0 < scale <= 10:
            raise CommandError("--scale must be more than 0 and at most 10.")
        started = time.monotonic()
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):  # invented people
            call_command("seed_demo", verbosity=0, allow_production=allow_production)
        rng = random.Random(seed)  # noqa: S311 — invented data, not security
        counts: dict[str, int] = {}
        for seeder in registry.volume_seeders():  # each app registers its own, in AppConfig.ready()
            app_started = time.monotonic()
            with transaction.atomic():
                made = seeder.seed(scale, rng)
            counts.update(made)
            self.stdout.write(f"{seeder.name}: {time.monotonic() - app_started:.0f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # fresh statistics, and the visibility map that index-only scans need (VACUUM cannot run inside a
                # transaction, as in a test)
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        width = max((len(label) for label in counts), default=0)
        self.stdout.write(f"Rows inserted at scale {scale:g}:")
        for label, rows in counts.items():
            self.stdout.write(f"  {label.ljust(width)}  {rows:>10,}")
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.0f} s."))
