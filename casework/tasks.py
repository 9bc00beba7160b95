"""Celery tasks: each calls one service. Every scheduled job is also a management command (see
casework/management/commands), so it can run without Celery. Schedule them with django-celery-beat, e.g.
casework.tasks.chase_overdue every weekday at 08:00 and casework.tasks.apply_retention nightly."""

from celery import shared_task

from casework import services


@shared_task
def chase_overdue() -> int:
    return services.cases_chase_overdue()


@shared_task
def apply_retention() -> int:
    return services.cases_apply_retention(actor=None)
