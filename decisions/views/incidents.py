"""The incident log: the list of incidents, an incident's log with the form for the next entry, opening, closing,
signing off, and the log as a signed-off PDF. Nothing here changes or removes an entry: there is no such page."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from decisions import policy
from decisions.forms import incidents as forms
from decisions.selectors import incidents as selectors
from decisions.services import incidents as services
from decisions.views import fetch
from mayoral_office.lists import filtered_page, querystring_without_page
from mayoral_office.pdf import pdf_response, render_pdf
from mayoral_office.views_support import form_action


def _posted(request):
    """The form's data on a POST, even an empty one (a confirmation button has no fields); None on a GET."""
    return request.POST if request.method == "POST" else None


def incident_list(request):
    fetch.section(request)
    policy.require(request.user, "incident.list")
    filterset, page = filtered_page(request, forms.IncidentFilter, selectors.incidents_for(request.user))
    context = {
        "filter": filterset,
        "page": page,
        "querystring": querystring_without_page(request),
        "actions": fetch.actions(request),
    }
    return render(request, "decisions/incidents/list.html", context)


@require_http_methods(["GET", "POST"])
def incident_create(request):
    fetch.section(request)
    policy.require(request.user, "incident.open")
    form = forms.IncidentForm(_posted(request))
    return form_action(
        request,
        form,
        lambda data: services.incident_open(actor=request.user, **form.service_kwargs()),
        success=lambda incident: f"Incident log opened: {incident.title}",
        redirect_to=lambda incident: incident.get_absolute_url(),
        template="decisions/incidents/form.html",
        context={"actions": fetch.actions(request)},
    )


@require_http_methods(["GET", "POST"])
def incident_detail(request, pk):
    """The log, newest entry last, verified; the form for the next entry below it (POST writes it)."""
    writing = request.method == "POST"
    incident = fetch.record(request, selectors.incident_queryset(), pk, action="incident.write" if writing else None)
    form = forms.EntryForm(_posted(request), incident=incident)
    return form_action(
        request,
        form,
        lambda data: services.incident_write(actor=request.user, incident=incident, **form.service_kwargs()),
        success=lambda entry: f"Entry {entry.sequence} written in the log",
        redirect_to=lambda entry: f"{incident.get_absolute_url()}#entry-{entry.sequence}",
        template="decisions/incidents/detail.html",
        context={"log": selectors.incident_log(incident), "actions": fetch.actions(request, incident)},
    )


def _confirm(request, pk, *, action: str, label: str, do, success: str, template: str):
    incident = fetch.record(request, selectors.incident_queryset(), pk, action=action)
    return form_action(
        request,
        forms.ConfirmForm(_posted(request), submit_label=label),
        lambda data: do(actor=request.user, incident=incident),
        success=success,
        redirect_to=incident.get_absolute_url(),
        template=template,
        context={"incident": incident, "log": selectors.incident_log(incident), "actions": {action}},
    )


@require_http_methods(["GET", "POST"])
def incident_close(request, pk):
    return _confirm(
        request,
        pk,
        action="incident.close",
        label="Close the incident",
        do=services.incident_close,
        success="The incident is closed: its log takes no more entries",
        template="decisions/incidents/close.html",
    )


@require_http_methods(["GET", "POST"])
def incident_sign_off(request, pk):
    return _confirm(
        request,
        pk,
        action="incident.sign_off",
        label="Sign off the log",
        do=services.incident_sign_off,
        success="The incident log is signed off",
        template="decisions/incidents/sign_off.html",
    )


def incident_pdf(request, pk):
    incident = fetch.record(request, selectors.incident_queryset(), pk, action="incident.export")
    pdf = render_pdf("decisions/pdf/incident_log.html", {"log": selectors.incident_log(incident)})
    return pdf_response(pdf, f"incident-log-{incident.pk}.pdf")


urlpatterns = [
    path("incidents/", incident_list, name="incidents"),
    path("incidents/new/", incident_create, name="incident-create"),
    path("incidents/<int:pk>/", incident_detail, name="incident"),
    path("incidents/<int:pk>/close/", incident_close, name="incident-close"),
    path("incidents/<int:pk>/sign-off/", incident_sign_off, name="incident-sign-off"),
    path("incidents/<int:pk>/pdf/", incident_pdf, name="incident-pdf"),
]
