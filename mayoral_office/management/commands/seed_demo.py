"""Create (or top up) a realistic demo office. Idempotent: running it twice changes nothing the second time."""

from io import StringIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from mayoral_office import demo, registry


class Command(BaseCommand):
    help = "Create demo data for the Mayor's Office and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production", action="store_true", help="Seed even when DJANGO_ENV=production (never on live data)."
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["allow_production"]:
            raise CommandError(
                "seed_demo creates accounts with a published password, so it does not run when DJANGO_ENV=production."
            )
        out = self.stdout if options["verbosity"] else StringIO()  # -v0: quiet (`make run` prints the logins last)
        with transaction.atomic():
            logins = demo.seed(out)
            for seeder in registry.demo_seeders():  # each app registers its own, in AppConfig.ready()
                seeder.seed(out)
        if not options["verbosity"]:
            return
        self.stdout.write(
            self.style.SUCCESS(f"Demo data is ready. Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        )
        width = max(len(email) for email, _, _ in logins)
        for email, name, role in logins:
            self.stdout.write(f"  {email.ljust(width)}  {name} — {role}")
