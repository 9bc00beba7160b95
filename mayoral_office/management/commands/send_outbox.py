from django.core.management.base import BaseCommand

from mayoral_office.tasks import send_outbox


class Command(BaseCommand):
    help = "Send pending outbox emails and retry failed ones (the Celery beat job 'send-outbox', without Celery)."

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {send_outbox()} email(s).")
