"""Record bounces reported by the mail system: `manage.py outbox_bounced 42 --reason "550 5.1.1 No such user"`, or
by address, `--to someone@example.org` (the newest sent email to that address). The record the email was about
shows the bounce on its page."""

from django.core.management.base import BaseCommand, CommandError

from mayoral_office.errors import ServiceError
from mayoral_office.models import Notification
from mayoral_office.outbox import notification_mark_bounced


class Command(BaseCommand):
    help = "Mark a sent outbox email as bounced (by its id, or the newest sent to an address)."

    def add_arguments(self, parser):
        parser.add_argument("notification_id", nargs="?", type=int, help="The outbox row's id.")
        parser.add_argument("--to", default="", help="Instead of an id: the newest sent email to this address.")
        parser.add_argument("--reason", required=True, help="What the bounce message said.")

    def handle(self, *args, notification_id=None, to="", reason="", **options):
        sent = Notification.objects.filter(status=Notification.Status.SENT)
        if notification_id is not None:
            notification = sent.filter(pk=notification_id).first()
        elif to:
            candidates = sent.order_by("-sent_at", "-pk").only("pk", "to")
            notification = next((n for n in candidates if to.strip().lower() in [a.lower() for a in n.to]), None)
        else:
            raise CommandError("Give the outbox email's id or --to an address")
        if notification is None:
            raise CommandError("No sent email matches")
        try:
            notification_mark_bounced(actor=None, notification=notification, reason=reason)
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"Email {notification.pk} marked as bounced."))
