"""The outbox page of the Head of Mayor's Office: every email the service has written, its delivery, and a retry or
an abandon for one that is stuck. Only those who configure the office open it (403 for anyone else, like the audit
trail)."""

from functools import partial

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from mayoral_office import outbox, selectors
from mayoral_office.access import require_perm
from mayoral_office.filters import OutboxFilter
from mayoral_office.lists import filtered_page, parse_pk, querystring_without_page
from mayoral_office.views_support import post_action


def _fetch(request, pk, queryset=None):
    """The email, for those who configure the office only (403 for anyone else; 404 for an unknown id)."""
    require_perm(request.user, "configure_office")
    return get_object_or_404(queryset if queryset is not None else selectors.outbox_emails(), pk=parse_pk(pk) or 0)


@require_GET
def outbox_list(request):
    require_perm(request.user, "configure_office")
    summary = selectors.outbox_summary()
    filters = partial(OutboxFilter, kinds=summary.kinds)
    filterset, page = filtered_page(request, filters, selectors.outbox_emails(), count=summary.total)
    context = {
        "filter": filterset,
        "page": page,
        "querystring": querystring_without_page(request),
        "summary": summary,
        "max_attempts": settings.OUTBOX_MAX_ATTEMPTS,
    }
    return render(request, "mayoral_office/outbox_list.html", context)


@require_GET
def outbox_detail(request, pk):
    notification = _fetch(request, pk, selectors.outbox_email())
    context = {
        "notification": notification,
        "actions": outbox.available_actions(request.user, notification),
        "chase_lines": selectors.outbox_chase_lines(notification),
        "max_attempts": settings.OUTBOX_MAX_ATTEMPTS,
        "default_from": settings.DEFAULT_FROM_EMAIL,
    }
    return render(request, "mayoral_office/outbox_detail.html", context)


@require_POST
def outbox_retry(request, pk):
    notification = _fetch(request, pk)
    return post_action(
        request,
        lambda: outbox.notification_retry(actor=request.user, notification=notification),
        success="The email is queued and will be sent again now.",
        redirect_to=reverse("outbox-detail", args=[notification.pk]),
    )


@require_POST
def outbox_abandon(request, pk):
    notification = _fetch(request, pk)
    return post_action(
        request,
        lambda: outbox.notification_abandon(actor=request.user, notification=notification),
        success="The email is abandoned: it will not be sent.",
        redirect_to=reverse("outbox-detail", args=[notification.pk]),
    )
