"""Audit: django-auditlog records every create/update/delete with actor, time and IP (see
docs/decisions/0002-audit.md). This module adds the acting user for writes made outside a request (Celery,
management commands) and the access log for reads of confidential records."""

from __future__ import annotations

from contextlib import contextmanager

from auditlog.context import set_actor
from django.contrib.contenttypes.models import ContentType


@contextmanager
def acting_as(actor, remote_addr: str | None = None):
    """Attribute every audit entry written inside the block to `actor` (a User, or None for the system)."""
    if actor is None:
        yield
        return
    with set_actor(actor, remote_addr=remote_addr):
        yield


def client_ip(request) -> str | None:
    """The client's address. Behind PROXY_COUNT trusted proxies, the address the outermost of them saw (the
    PROXY_COUNT-th entry from the right of X-Forwarded-For); the header is ignored when no proxy is trusted."""
    if request is None:
        return None
    from django.conf import settings

    proxies = getattr(settings, "PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-proxies] if len(hops) >= proxies else hops[0]
    return request.META.get("REMOTE_ADDR")


def log_access(*, user, obj, request=None, action: str = "viewed"):
    """Record that `user` read a confidential record. Apps call this from their detail views and exports."""
    from mayoral_office.models import AccessLog

    return AccessLog.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        ip_address=client_ip(request),
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:250],
        action=action,
    )
