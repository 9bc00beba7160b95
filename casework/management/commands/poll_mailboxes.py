"""Take new messages from every active casework mailbox as cases, as the scheduled job does
(casework.tasks.poll_mailboxes), and print what was taken from each; a mailbox that cannot be reached is reported
and the others are still polled. Exits non-zero if any mailbox could not be polled."""

from django.core.management.base import BaseCommand, CommandError

from casework import mail_poll


class Command(BaseCommand):
    help = "Poll the casework mailboxes over IMAP and log each new message as a case."

    def handle(self, *args, **options):
        results = mail_poll.poll_all()
        if not results:
            self.stdout.write("No active mailboxes (Configuration > Casework > Mailboxes).")
            return
        for result in results:
            line = result.summary()
            self.stdout.write(self.style.ERROR(line) if result.error else self.style.SUCCESS(line))
        failed = [result.mailbox.name for result in results if result.error]
        if failed:
            raise CommandError(f"{len(failed)} mailbox(es) could not be polled: {', '.join(failed)}")
