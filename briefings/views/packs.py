"""Packs: the list (filters, search, sorting, pages), making a pack (for an engagement `?engagement=`, a meeting
`?meeting=`, or standalone), the pack page, changing a pack and withdrawing it. Thin: fetch, check, one service."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from briefings import policy
from briefings.filters import WITHDRAWN, EngagementBriefingFilter, PackFilter
from briefings.forms import packs as forms
from briefings.selectors import diary as diary_selectors
from briefings.selectors import packs as selectors
from briefings.services import packs as services
from briefings.views import fetch
from mayoral_office.lists import filtered_page, parse_pk, querystring_without_page
from mayoral_office.views_support import form_action


def pack_list(request):
    fetch.section(request)
    policy.require(request.user, "pack.list")
    packs = selectors.pack_list(request.user, withdrawn=request.GET.get("stage") == WITHDRAWN)
    filterset, page = filtered_page(request, PackFilter, packs)
    context = {
        "filter": filterset,
        "page": page,
        "rows": selectors.with_stages(page),
        "querystring": querystring_without_page(request),
        "actions": fetch.actions(request),
    }
    return render(request, "briefings/pack_list.html", context)


def _source(request) -> dict:
    """The engagement (`?engagement=`) or meeting (`?meeting=`) the new pack is for: 404 if the user may not see it."""
    for name, read in (("engagement", selectors.engagement_for), ("meeting", selectors.meeting_for)):
        raw = request.GET.get(name)
        if raw:
            record = read(request.user, parse_pk(raw)) if parse_pk(raw) else None
            if record is None:
                raise Http404("Not found")
            return {name: record}
    return {}


def _form_page(request, form, do, *, title: str, success: str, pack=None, source=None):
    context = {"title": title, "pack": pack, "source": source or {}, "actions": fetch.actions(request, pack)}
    return form_action(
        request,
        form,
        do,
        success=success,
        redirect_to=lambda saved: saved.get_absolute_url(),
        template="briefings/pack_form.html",
        context=context,
    )


@require_http_methods(["GET", "POST"])
def pack_create(request):
    fetch.section(request)
    policy.require(request.user, "pack.create")
    source = _source(request)
    initial = selectors.new_pack_initial(request.user, **source)
    form = forms.PackForm(request.POST or None, kind=next(iter(source), "standalone"), initial=initial)

    def do(data):
        return services.pack_create(actor=request.user, **source, **data)

    return _form_page(request, form, do, title="Create a pack", success="The pack has been created", source=source)


def pack(request, pk):
    pack = fetch.record(request, selectors.pack_detail_queryset(), pk=pk)
    context = {"pack": pack, **selectors.pack_page(request.user, pack)}
    return render(request, "briefings/pack.html", context)


@require_http_methods(["GET", "POST"])
def pack_edit(request, pk):
    pack = fetch.record(request, selectors.pack_detail_queryset(), pk=pk, action="pack.edit")
    initial = forms.PackForm.initial_for(pack)
    form = forms.PackForm(request.POST or None, kind=pack.kind, creating=False, initial=initial)

    def do(data):
        version = data.pop("version")
        return services.pack_update(actor=request.user, pack=pack, expected_version=version, **data)

    return _form_page(request, form, do, title="Change the pack", success="The pack has been changed", pack=pack)


@require_http_methods(["GET", "POST"])
def pack_withdraw(request, pk):
    pack = fetch.record(request, selectors.pack_detail_queryset(), pk=pk, action="pack.withdraw")
    form = forms.WithdrawForm(request.POST or None, initial={"version": pack.version})

    def do(data):
        return services.pack_withdraw(
            actor=request.user, pack=pack, reason=data["reason"], expected_version=data["version"]
        )

    context = {"pack": pack, "actions": fetch.actions(request, pack)}
    return form_action(
        request,
        form,
        do,
        success="The pack has been withdrawn",
        redirect_to=pack.get_absolute_url(),
        template="briefings/pack_withdraw.html",
        context=context,
    )


def engagement_list(request):
    """The engagements that need a briefing, with the stage of each one's pack: by default the next 14 days."""
    fetch.section(request)
    policy.require(request.user, "pack.create")
    engagements = selectors.engagements_to_brief(request.user)
    filterset, page = filtered_page(request, EngagementBriefingFilter, engagements)
    badges = diary_selectors.engagement_badges(request.user, page.object_list)
    context = {
        "filter": filterset,
        "page": page,
        "rows": [(engagement, badges.get(engagement.pk)) for engagement in page],
        "querystring": querystring_without_page(request),
    }
    return render(request, "briefings/engagement_list.html", context)
