"""The speech library: the list (search, kind, review due, owner, sorting, pages), adding and changing a passage,
a passage's page with where it was used (in the packs the user may open) and the Retire button, and inserting a
passage into a section (search with ?q=, choose, insert)."""

from __future__ import annotations

from datetime import timedelta

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from briefings import policy
from briefings.forms import library as forms
from briefings.selectors import library as selectors
from briefings.services import library as services
from briefings.views import fetch
from mayoral_office.errors import ServiceError
from mayoral_office.lists import filtered_page, querystring_without_page
from mayoral_office.text import render_markdown
from mayoral_office.views_support import form_action, post_action

FIELDS = ("title", "kind", "body", "source", "source_date", "review_on")


def _passage(request, pk, action="passage.view"):
    return fetch.record(request, selectors.passage_for_page(), action=action, pk=pk)


def passage_list(request):
    fetch.section(request)
    policy.require(request.user, "library.view")
    passages = selectors.passages_for(request.user, request.GET.get("retired", ""))
    filterset, page = filtered_page(request, forms.PassageFilter, passages)
    context = {
        "filter": filterset,
        "page": page,
        "querystring": querystring_without_page(request),
        "actions": fetch.actions(request),
        "today": timezone.localdate(),
    }
    return render(request, "briefings/passage_list.html", context)


def _form_page(request, form, do, *, title: str, success: str, passage=None):
    context = {"title": title, "passage": passage, "actions": fetch.actions(request, passage)}
    return form_action(
        request,
        form,
        do,
        success=success,
        redirect_to=lambda saved: saved.get_absolute_url(),
        template="briefings/passage_form.html",
        context=context,
    )


@require_http_methods(["GET", "POST"])
def passage_create(request):
    fetch.section(request)
    policy.require(request.user, "library.edit")
    form = forms.PassageForm(request.POST or None, initial={"review_on": timezone.localdate() + timedelta(days=365)})

    def do(data):
        return services.passage_create(actor=request.user, **data)

    return _form_page(request, form, do, title="Add a passage", success="The passage has been added to the library")


@require_http_methods(["GET", "POST"])
def passage(request, pk):
    """The passage and where it was used; a POST is its Retire button."""
    if request.method == "POST":
        found = _passage(request, pk, action="passage.edit")
        return post_action(
            request,
            lambda: services.passage_retire(actor=request.user, passage=found),
            success="The passage has been retired: it can no longer be inserted into a section",
            redirect_to=found.get_absolute_url(),
        )
    found = _passage(request, pk)
    context = {
        "passage": found,
        "body_html": render_markdown(found.body),
        "uses": selectors.where_used(request.user, found),
        "actions": fetch.actions(request, found),
    }
    return render(request, "briefings/passage.html", context)


@require_http_methods(["GET", "POST"])
def passage_edit(request, pk):
    found = _passage(request, pk, action="passage.edit")
    form = forms.PassageForm(
        request.POST or None, editing=True, initial={name: getattr(found, name) for name in FIELDS}
    )

    def do(data):
        return services.passage_update(actor=request.user, passage=found, **data)

    return _form_page(request, form, do, title="Change the passage", success="Passage saved", passage=found)


def _section(request, pk):
    """The section (through its pack's authorising fetch: 404 if the user may not open the pack), if the user may
    insert a passage into it now (403, or back to the pack with the reason)."""
    pack = fetch.record(request, selectors.pack_for_insert(), sections__pk=pk)
    section = selectors.section_of(pack, pk)
    if section is None:
        raise Http404("Not found")
    try:
        policy.require(request.user, "section.insert_passage", section, seen=True)
    except ServiceError as exc:
        exc.redirect_to = section.get_absolute_url()
        raise
    return section


@require_http_methods(["GET", "POST"])
def passage_insert(request, pk):
    section = _section(request, pk)
    text = request.GET.get("q", "")[:200]
    form = forms.InsertForm(request.POST or None, user=request.user, initial={"version": section.version})

    def do(data):
        return services.passage_insert(
            actor=request.user, section=section, passage=data["passage"], expected_version=data["version"]
        )

    found = list(selectors.insertable(request.user, text)[: selectors.INSERT_CHOICES])
    context = {"section": section, "pack": section.pack, "q": text, "found": found, "today": timezone.localdate()}
    context["actions"] = fetch.actions(request, section)
    return form_action(
        request,
        form,
        do,
        success=lambda s: "The passage has been added to the end of the section",
        redirect_to=section.get_absolute_url(),
        template="briefings/passage_insert.html",
        context=context,
    )
