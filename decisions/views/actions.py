"""The action tracker: the list (mine, my directorate's, everything I may see) with filters, sorting, export and
the bulk change of status; an action's page with its dated updates and the update form; adding, changing and
reopening an action."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from decisions import exports, policy
from decisions.filters_actions import ActionFilter
from decisions.forms import actions as forms
from decisions.models import ActionStatus
from decisions.selectors import actions as selectors
from decisions.services import actions as services
from decisions.views import fetch
from mayoral_office import spreadsheets
from mayoral_office.audit import log_access
from mayoral_office.errors import ServiceError
from mayoral_office.lists import filtered_page, parse_pk, querystring_without, querystring_without_page
from mayoral_office.views_support import add_service_error, form_action


def _list_context(request, filterset, page) -> dict:
    return {
        "filter": filterset,
        "page": page,
        "querystring": querystring_without_page(request),
        "export_querystring": querystring_without(request, "page", "format"),
        "actions": fetch.actions(request),
        "scope": _scope(request),
        "has_directorate": bool(getattr(request.user, "directorate_id", None)),
        "statuses": ActionStatus.choices,
        "today": timezone.localdate(),
    }


def _scope(request) -> str:
    """Which tab of the list is current: "mine", "directorate" or "" (everything the user may see)."""
    if request.GET.get("mine"):
        return "mine"
    return "directorate" if request.GET.get("directorate") == "me" else ""


def action_list(request):
    """Every action the user may see; `?mine=1` their own, `?directorate=me` their directorate's."""
    fetch.section(request)
    policy.require(request.user, "action.list")
    if not request.GET:  # the actions still to do, soonest due first
        return redirect(f"{request.path}?status=still_open")
    filterset, page = filtered_page(request, ActionFilter, selectors.actions_for(request.user))
    return render(request, "decisions/actions/list.html", _list_context(request, filterset, page))


def action_export(request):
    """CSV (`?format=csv`) or Excel (`?format=xlsx`) of the list as filtered: only the rows the user may see. The
    export of a restricted action is logged like reading it, before the download starts."""
    fetch.section(request)
    policy.require(request.user, "action.list")
    fmt = request.GET.get("format", "csv")
    if fmt not in spreadsheets.FORMATS:
        raise Http404("Choose CSV or Excel")
    qs = selectors.actions_for(request.user)
    filterset = ActionFilter(request.GET, queryset=qs, request=request)
    if not filterset.is_valid():
        messages.error(request, "The list could not be downloaded because the filters have a problem.")
        request.path = request.path_info = reverse("decisions:actions")
        filterset, page = filtered_page(request, ActionFilter, qs)
        return render(request, "decisions/actions/list.html", _list_context(request, filterset, page))
    rows = filterset.qs
    log_access(user=request.user, objs=exports.restricted(rows), request=request, action="exported")
    return spreadsheets.download(exports.action_rows(rows), fmt, "actions", sheet="Actions")


@require_POST
def action_bulk(request):
    """The status chosen, for the rows ticked on the list: one service call, all or nothing."""
    policy.require(request.user, "action.bulk_update")
    form = forms.BulkStatusForm(request.POST, user=request.user)
    back = request.POST.get("back") or ""
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("decisions:actions")
    if not form.is_valid():
        for error in (e for errors in form.errors.values() for e in errors):
            messages.error(request, error)
        return redirect(back)
    try:
        count = services.actions_bulk_status(actor=request.user, **form.cleaned_data)
    except ServiceError as exc:
        messages.error(request, f"No actions were changed. {exc.message}")
    else:
        label = dict(ActionStatus.choices)[form.cleaned_data["status"]]
        messages.success(request, f"{count} action{'' if count == 1 else 's'} set to {label}.")
    return redirect(back)


def _update_form(request, action, actions):
    """The update form, if the user may update the action now; a POST without that right is refused (403, or
    back to the page with the reason)."""
    if "action.update" not in actions:
        if request.method == "POST":
            fetch.record(request, selectors.action_for_page(), action.pk, action="action.update")
        return None
    return forms.UpdateForm(request.POST or None, initial={"version": action.version})


@require_http_methods(["GET", "POST"])
def action_detail(request, pk):
    action = fetch.record(request, selectors.action_for_page(), pk)
    actions = fetch.actions(request, action)
    form = _update_form(request, action, actions)
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.action_add_update(
                actor=request.user, action=action, expected_version=form.cleaned_data["version"], **_update(form)
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "Update added")
            return redirect(action)
    context = {
        "action": action,
        "form": form,
        "actions": actions,
        "updates": selectors.updates_of(action),
        "today": timezone.localdate(),
        **selectors.action_page(request.user, action),
    }
    return render(request, "decisions/actions/detail.html", context)


def _update(form) -> dict:
    data = form.cleaned_data
    return {"text": data["text"], "status": data["status"], "rag": data["rag"]}


def _source(request) -> dict:
    """The agenda item (`?item=`) or decision (`?decision=`) the new action arises from: 404 if the user may not
    see it."""
    found = {}
    for name, read in (("agenda_item", selectors.source_item), ("decision", selectors.source_decision)):
        raw = request.GET.get("item" if name == "agenda_item" else name)
        if raw:
            record = read(request.user, parse_pk(raw)) if parse_pk(raw) else None
            if record is None:
                raise Http404("Not found")
            found[name] = record
    return found


def _form_page(request, form, do, *, title: str, success: str, action=None, origin=None):
    """The action form (adding or changing): a valid POST calls `do(cleaned_data)`, one service call."""
    context = {"actions": fetch.actions(request, action), "action": action, "origin": origin, "title": title}
    return form_action(
        request,
        form,
        do,
        success=success,
        redirect_to=lambda saved: saved.get_absolute_url(),
        template="decisions/actions/form.html",
        context=context,
    )


@require_http_methods(["GET", "POST"])
def action_create(request):
    fetch.section(request)
    policy.require(request.user, "action.add")
    source = _source(request)
    origin = source.get("decision") or source.get("agenda_item")
    form = forms.NewActionForm(request.POST or None, user=request.user, source=origin)

    def do(data):
        data.pop("version", None)
        return services.action_create(actor=request.user, **data, **source)

    return _form_page(request, form, do, title="Add an action", success="Action added", origin=origin)


@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    action = fetch.record(request, selectors.action_for_page(), pk, action="action.edit")
    fields = ("description", "owner", "owner_directorate", "due_on", "version")
    initial = {name: getattr(action, name) for name in fields}
    form = forms.ActionForm(request.POST or None, user=request.user, editing=True, initial=initial)

    def do(data):
        version = data.pop("version")
        return services.action_edit(actor=request.user, action=action, expected_version=version, **data)

    return _form_page(request, form, do, title="Change the action", success="Action changed", action=action)


@require_http_methods(["GET", "POST"])
def action_reopen(request, pk):
    action = fetch.record(request, selectors.action_for_page(), pk, action="action.reopen")
    form = forms.ReopenForm(request.POST or None, initial={"version": action.version})

    def do(data):
        return services.action_reopen(
            actor=request.user, action=action, reason=data["reason"], expected_version=data["version"]
        )

    return form_action(
        request,
        form,
        do,
        success="Action reopened",
        redirect_to=action.get_absolute_url(),
        template="decisions/actions/reopen.html",
        context={"actions": fetch.actions(request, action), "action": action},
    )


urlpatterns = [
    path("actions/", action_list, name="actions"),
    path("actions/new/", action_create, name="action-create"),
    path("actions/export/", action_export, name="actions-export"),
    path("actions/bulk/", action_bulk, name="actions-bulk"),
    path("actions/<int:pk>/", action_detail, name="action"),
    path("actions/<int:pk>/edit/", action_edit, name="action-edit"),
    path("actions/<int:pk>/reopen/", action_reopen, name="action-reopen"),
]
