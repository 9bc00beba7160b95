"""Calendar subscriptions: the page that makes and turns off a member's secret address, the feed itself, and the
member's choice of whether the officers who keep their diary see private titles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from diary import forms, policy, selectors, services
from diary.ical import feed_ics
from diary.models import shares_private_titles
from diary.views import fetch
from mayoral_office.views_support import form_action

FEED_CACHE_SECONDS = 3600


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
    # Nor to an officer who may not read the private titles the feed shows (the member's own address shows them).
    show = token is not None and "feed.manage" in actions
    show = show and (token.created_by_id == request.user.pk or policy.sees_private_titles_of(request.user, member))
    feed_url = request.build_absolute_uri(reverse("diary:feed", args=[token.token])) if show else ""
    shared = shares_private_titles(member)
    context = {"member": member, "token": token, "feed_url": feed_url, "shared": shared, "actions": actions}
    return render(request, "diary/feed_manage.html", context)


@login_not_required
def feed(request, token):
    """The iCalendar feed a calendar subscribes to: no sign-in (the secret address is the key)."""
    feed_token = selectors.live_feed_token(token)
    if feed_token is None:
        raise Http404
    # Calendars ask again every few minutes and the diary seldom changes between: the file is kept under a digest
    # of everything it is made from, read without building the records (selectors.feed_fingerprint).
    rows = selectors.feed_rows(feed_token)
    key = f"diary-feed:{selectors.feed_fingerprint(feed_token, rows)}"
    body = cache.get(key)
    if body is None:
        engagements, series = selectors.feed_engagements(rows)
        name = f"{feed_token.member.name} – diary"
        body = feed_ics(name=name, engagements=engagements, series=series, masked=policy.feed_masking(feed_token))
        cache.set(key, body, FEED_CACHE_SECONDS)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="diary.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_http_methods(["GET", "POST"])
def preferences(request, member_pk):
    member = fetch.member(request, member_pk, action="preferences.edit")
    initial = {"officers_see_private_titles": shares_private_titles(member)}
    form = forms.PreferenceForm(request.POST or None, initial=initial)

    def do(data):
        return services.diary_preference_set(
            actor=request.user, member=member, officers_see_private_titles=data["officers_see_private_titles"]
        )

    return form_action(
        request,
        form,
        do,
        success="Private engagements setting saved",
        redirect_to=reverse("diary:feed-manage", args=[member.pk]),
        template="diary/preferences.html",
        context={"member": member, "actions": fetch.actions(request, member)},
    )
