"""Briefings jobs run by Celery (immediately, in the web process, in the embedded default with no Redis). Each takes
primary keys and calls one service; each is also a management command (render_pack_version)."""

from celery import shared_task


@shared_task
def render_pack_version(version_pk: int) -> str:
    """Make an issued version's PDF (briefings.services.issue.version_render). Returns the version's state."""
    from briefings.models import PackVersion
    from briefings.services import issue

    version = PackVersion.objects.filter(pk=version_pk).first()
    if version is None:  # the issue was rolled back after the task was queued
        return "missing"
    return issue.version_render(actor=None, version=version).render_state
