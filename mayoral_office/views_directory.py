"""The stakeholder directory's pages: organisations, people and partnerships (lists with search and filters, each
entry's page with the history the apps hold of it), and adding or changing an entry (the office's officers)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from mayoral_office import directory
from mayoral_office.access import get_visible_or_404
from mayoral_office.forms import OrganisationForm, PartnershipForm, PersonForm
from mayoral_office.lists import filtered_page, querystring_without_page
from mayoral_office.models import Organisation, Partnership, Stakeholder
from mayoral_office.views_support import form_action

KINDS = {
    "organisation": (Organisation, OrganisationForm, directory.organisation_save, "organisation", "an organisation"),
    "person": (Stakeholder, PersonForm, directory.person_save, "person", "a person"),
    "partnership": (Partnership, PartnershipForm, directory.partnership_save, "partnership", "a partnership"),
}


def _readers_only(request):
    if not directory.may_read(request.user):
        raise PermissionDenied


def _list(request, filterset_class, queryset, tab: str):
    _readers_only(request)
    filterset, page = filtered_page(request, filterset_class, queryset)
    context = {
        "filter": filterset,
        "page": page,
        "tab": tab,
        "querystring": querystring_without_page(request),
        "actions": directory.available_actions(request.user),
    }
    return render(request, f"mayoral_office/directory/{tab}_list.html", context)


def organisation_list(request):
    return _list(request, directory.OrganisationFilter, directory.organisations(request.user), "organisation")


def person_list(request):
    return _list(request, directory.PersonFilter, directory.people(request.user), "person")


def partnership_list(request):
    return _list(request, directory.PartnershipFilter, directory.partnerships(request.user), "partnership")


def _detail(request, queryset, pk, template: str, with_history: bool = True):
    _readers_only(request)
    entry = get_visible_or_404(request, queryset, pk=pk)
    context = {
        "entry": entry,
        "history": directory.history(request.user, entry) if with_history else [],
        "actions": directory.available_actions(request.user),
    }
    return render(request, f"mayoral_office/directory/{template}.html", context)


def organisation_detail(request, pk):
    return _detail(request, directory.organisation_page(), pk, "organisation")


def person_detail(request, pk):
    return _detail(request, directory.person_page(), pk, "person")


def partnership_detail(request, pk):
    return _detail(request, directory.partnership_page(), pk, "partnership", with_history=False)


@require_http_methods(["GET", "POST"])
def entry_edit(request, kind: str, pk: int | None = None):
    if not directory.may_write(request.user):
        raise PermissionDenied
    model, form_class, save, name, label = KINDS[kind]
    entry = get_visible_or_404(request, model.objects.all(), pk=pk) if pk else None
    form = form_class(request.POST or None, instance=entry)

    def do(data):
        if kind == "partnership":
            return save(actor=request.user, partnership=entry, **data)
        return save(actor=request.user, **{name: entry}, **data)

    return form_action(
        request,
        form,
        do,
        success=lambda saved: f"'{saved}' is saved in the directory.",
        redirect_to=lambda saved: saved.get_absolute_url(),
        template="mayoral_office/directory/form.html",
        context={"entry": entry, "label": label},
    )
