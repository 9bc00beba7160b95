"""Calendar subscriptions: the page that makes and turns off a member's secret address, and the feed itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from diary import policy, selectors, services
from diary.ical import feed_ics
from diary.views import fetch


def _change(request, member):
    """Turn the address off, or make a new one (which turns off any earlier one)."""
    policy.require(request.user, "feed.manage", member)
    if request.POST.get("action") == "revoke":
        token = fetch.feed_token(request, member, request.POST.get("token", ""))
        services.feed_token_revoke(actor=request.user, token=token)
        messages.success(request, "The subscription address has been turned off. It no longer works.")
    else:
        services.feed_token_create(actor=request.user, member=member)
        messages.success(request, "A new subscription address has been made. Any earlier address has stopped.")
    return redirect("diary:feed-manage", member_pk=member.pk)


@require_http_methods(["GET", "POST"])
def feed_manage(request, member_pk):
    member = fetch.member(request, member_pk)
    if request.method == "POST":
        return _change(request, member)
    actions = fetch.actions(request, member)
    token = selectors.active_feed_token(member)
    # The secret address is shown only to those who may manage it: a read-only viewer could otherwise keep a
    # working link after their access ends.
    show = token is not None and "feed.manage" in actions
    feed_url = request.build_absolute_uri(reverse("diary:feed", args=[token.token])) if show else ""
    context = {"member": member, "token": token, "feed_url": feed_url, "actions": actions}
    return render(request, "diary/feed_manage.html", context)


@login_not_required
def feed(request, token):
    """The iCalendar feed a calendar subscribes to: no sign-in (the secret address is the key)."""
    member, engagements = selectors.feed_engagements(token)
    if member is None:
        raise Http404
    body = feed_ics(name=f"{member.name} – diary", engagements=engagements)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="diary.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
