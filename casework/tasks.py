"""Celery tasks: each calls one service or job. Every scheduled job is also a management command (see
casework/management/commands), so it can run without Celery. The beat schedule is in settings."""

from celery import shared_task

from casework import email_files, services


@shared_task
def apply_retention() -> int:
    anonymised = services.cases_apply_retention(actor=None)
    email_files.forget_stale()  # email files dropped on the intake form a day ago and never logged
    return anonymised


@shared_task
def poll_mailboxes() -> list[str]:
    """Take new messages from every active casework mailbox (casework/mail_poll.py); one line per mailbox."""
    from casework import mail_poll

    return [result.summary() for result in mail_poll.poll_all()]
