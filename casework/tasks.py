"""Celery tasks: each calls one service or job. Every scheduled job is also a management command (see
casework/management/commands), so it can run without Celery. The beat schedule is in settings."""

from celery import shared_task

from casework import services


@shared_task
def apply_retention() -> int:
    return services.cases_apply_retention(actor=None)
