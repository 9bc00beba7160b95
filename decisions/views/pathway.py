"""The Decision Pathway (the list, an item with its stages, dates and history, and the changes to it), the Forward
Plan (page, CSV and PDF) and the decision register (list, CSV, a decision, and publishing, calling in, the outcome
of a call-in and implementing it). Every record comes through the authorising fetch; every change through one
service."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from decisions import pathway as helper
from decisions import policy
from decisions.forms import pathway as forms
from decisions.selectors import pathway as selectors
from decisions.services import pathway as services
from decisions.views import fetch
from mayoral_office import spreadsheets
from mayoral_office.audit import log_access
from mayoral_office.lists import filtered_page, querystring_without_page
from mayoral_office.pdf import pdf_response, render_pdf
from mayoral_office.views_support import form_action, post_action

ACTION_PAGE = "decisions/pathway/action.html"


def _app(request, action: str) -> None:
    fetch.section(request)
    policy.require(request.user, action)


def _filtered(request, filterset_class, queryset):
    """The rows of a list's export with its filters; None when the filters are invalid (the page says why)."""
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    if filterset.is_bound and not filterset.is_valid():
        return None
    return filterset.qs if filterset.is_bound else queryset


def _list_context(request, filterset, page, **extra) -> dict:
    return {
        "filter": filterset,
        "page": page,
        "querystring": querystring_without_page(request),
        "actions": fetch.actions(request),
        **extra,
    }


def _item_action(request, item, form, do, *, success: str, heading: str, action: str, intro: str = ""):
    """An action page on a pathway item: the form, then one service call and back to the item."""
    context = {
        "item": item,
        "heading": heading,
        "intro": intro,
        "data_action": action,
        "actions": fetch.actions(request),
    }
    url = item.get_absolute_url()
    return form_action(request, form, do, success=success, redirect_to=url, template=ACTION_PAGE, context=context)


# --- the pathway ----------------------------------------------------------------------------------------------
def pathway_list(request):
    _app(request, "pathway.list")
    filterset, page = filtered_page(request, forms.PathwayFilter, selectors.pathway_items(request.user))
    rows = selectors.with_flags(page.object_list, selectors.decision_settings())
    context = _list_context(request, filterset, page, rows=rows)
    return render(request, "decisions/pathway/list.html", context)


def pathway_item(request, pk):
    item = fetch.record(request, selectors.pathway_item_detail(), pk)
    context = {"item": item, "actions": fetch.actions(request, item), **selectors.item_page(request.user, item)}
    return render(request, "decisions/pathway/item.html", context)


def _form_page(request, form, do, *, item=None):
    context = {"item": item, "actions": fetch.actions(request, item)}
    return form_action(
        request,
        form,
        do,
        success=lambda saved: f"{saved.reference} saved: {saved.title}",
        redirect_to=lambda saved: saved.get_absolute_url(),
        template="decisions/pathway/form.html",
        context=context,
    )


@require_http_methods(["GET", "POST"])
def pathway_create(request):
    _app(request, "pathway.add")
    settings = selectors.decision_settings()
    form = forms.PathwayItemForm(request.POST or None, user=request.user, settings=settings)
    return _form_page(request, form, lambda data: services.pathway_create(actor=request.user, **form.service_kwargs()))


@require_http_methods(["GET", "POST"])
def pathway_edit(request, pk):
    item = fetch.record(request, selectors.pathway_item_for_change(), pk, action="pathway.edit")
    initial = forms.PathwayItemForm.initial_for(item)
    settings = selectors.decision_settings()
    form = forms.PathwayItemForm(request.POST or None, user=request.user, item=item, settings=settings, initial=initial)

    def do(data):
        return services.pathway_update(actor=request.user, item=item, **form.service_kwargs())

    return _form_page(request, form, do, item=item)


@require_http_methods(["GET", "POST"])
def pathway_step(request, pk, step_pk):
    item = fetch.record(request, selectors.pathway_item_for_change(), pk, action="pathway.edit")
    step = selectors.step_of(item, step_pk)
    if step is None:
        raise Http404("No such stage")
    initial = {"version": item.version, "meeting": step.meeting_id, "outcome": step.outcome, "note": step.note}
    form = forms.StepForm(request.POST or None, user=request.user, step=step, initial=initial)

    def do(data):
        version = data.pop("version")
        return services.pathway_record_step(actor=request.user, item=item, step=step, expected_version=version, **data)

    heading = f"{step.stage.name}: the meeting and its outcome"
    return _item_action(
        request, item, form, do, success=f"{step.stage.name} recorded", heading=heading, action="pathway.edit"
    )


@require_http_methods(["GET", "POST"])
def pathway_exception(request, pk):
    item = fetch.record(request, selectors.pathway_item_for_change(), pk, action="pathway.record_exception")
    initial = {"version": item.version, "kind": item.exception_kind or None, "reason": item.exception_reason}
    initial |= {"scrutiny_chair": item.scrutiny_chair, "agreed_on": item.exception_agreed_on}
    form = forms.ExceptionForm(request.POST or None, initial=initial)

    def do(data):
        version = data.pop("version")
        return services.pathway_record_exception(actor=request.user, item=item, expected_version=version, **data)

    intro = "Record the agreement of the chair of scrutiny: the Forward Plan breach is then shown as authorised."
    heading = "General exception or special urgency"
    return _item_action(
        request,
        item,
        form,
        do,
        success="Exception recorded",
        heading=heading,
        action="pathway.record_exception",
        intro=intro,
    )


@require_http_methods(["GET", "POST"])
def pathway_forward_plan_publish(request, pk):
    item = fetch.record(request, selectors.pathway_item_for_change(), pk, action="pathway.edit")
    form = forms.PublishedOnForm(request.POST or None, initial={"version": item.version, "on": timezone.localdate()})

    def do(data):
        return services.pathway_publish_forward_plan(
            actor=request.user, item=item, on=data["on"], expected_version=data["version"]
        )

    intro = "The first publication on the Forward Plan. Once recorded the date stands, so a late entry can be proven."
    heading = "Published on the Forward Plan"
    return _item_action(
        request,
        item,
        form,
        do,
        success="Publication on the Forward Plan recorded",
        heading=heading,
        action="pathway.edit",
        intro=intro,
    )


# --- the Forward Plan -----------------------------------------------------------------------------------------
def forward_plan(request):
    _app(request, "forward_plan.view")
    settings = selectors.decision_settings()
    items = selectors.forward_plan(request.user, settings)
    filterset, page = filtered_page(request, forms.ForwardPlanFilter, items)
    rows = selectors.forward_plan_entries(page.object_list, settings)
    context = _list_context(request, filterset, page, rows=rows, **selectors.forward_plan_context(settings))
    return render(request, "decisions/pathway/forward_plan.html", context)


def _forward_plan_entries(request, settings):
    """The Forward Plan's entries with the page's filters, or None (the page shows why)."""
    _app(request, "forward_plan.view")
    items = _filtered(request, forms.ForwardPlanFilter, selectors.forward_plan(request.user, settings))
    return None if items is None else selectors.forward_plan_entries(items, settings)


def _forward_plan_page(request):
    """The Forward Plan page in place of a download whose filters are invalid (never a redirect a browser would
    save as the file): its forms and links act on the page."""
    request.path = request.path_info = reverse("decisions:forward-plan")
    return forward_plan(request)


def forward_plan_csv(request):
    entries = _forward_plan_entries(request, selectors.decision_settings())
    if entries is None:
        return _forward_plan_page(request)
    log_access(
        user=request.user, objs=selectors.restricted(e["item"] for e in entries), request=request, action="exported"
    )
    return spreadsheets.download(helper.forward_plan_rows(entries), "csv", "forward-plan")


def forward_plan_pdf(request):
    """The publishable Forward Plan: ?public=1 keeps a key decision to be taken in private (the 2012 Regulations
    require it on the plan) but withholds its exempt or confidential details."""
    settings = selectors.decision_settings()
    entries = _forward_plan_entries(request, settings)
    if entries is None:
        return _forward_plan_page(request)
    public = request.GET.get("public") == "1"
    shown = selectors.public_forward_plan(entries) if public else entries
    restricted = [] if public else selectors.restricted(e["item"] for e in entries)
    log_access(user=request.user, objs=restricted, request=request, action="exported")
    context = {
        "entries": shown,
        "public": public,
        "private": sum(1 for e in shown if e.get("private")),
        "generated": timezone.localtime(),
    }
    context["protective_marking"] = "OFFICIAL-SENSITIVE" if restricted else "OFFICIAL"
    pdf = render_pdf("decisions/pdf/forward_plan.html", context | selectors.forward_plan_context(settings))
    return pdf_response(pdf, f"forward-plan-{timezone.localdate()}.pdf")


# --- the decision register ------------------------------------------------------------------------------------
def register(request):
    _app(request, "register.view")
    filterset, page = filtered_page(request, forms.RegisterFilter, selectors.register(request.user))
    return render(request, "decisions/pathway/register.html", _list_context(request, filterset, page))


def register_csv(request):
    _app(request, "register.view")
    decisions = _filtered(request, forms.RegisterFilter, selectors.register(request.user))
    if decisions is None:
        request.path = request.path_info = reverse("decisions:register")
        return register(request)
    restricted = decisions.filter(selectors.RESTRICTED).select_related(None).only("pk", "reference", "title")
    log_access(user=request.user, objs=restricted, request=request, action="exported")
    return spreadsheets.download(helper.register_rows(decisions.iterator(chunk_size=2000)), "csv", "decision-register")


def decision_detail(request, pk):
    decision = fetch.record(request, selectors.decision_detail(), pk)
    context = {"decision": decision, "actions": fetch.actions(request, decision)}
    return render(request, "decisions/pathway/decision.html", context | selectors.decision_page(request.user, decision))


def _decision_action(request, decision, form, do, *, success: str, heading: str, action: str, intro: str = ""):
    context = {"decision": decision, "heading": heading, "intro": intro, "data_action": action}
    context["actions"] = fetch.actions(request, decision)
    url = decision.get_absolute_url()
    return form_action(request, form, do, success=success, redirect_to=url, template=ACTION_PAGE, context=context)


@require_http_methods(["GET", "POST"])
def decision_publish(request, pk):
    decision = fetch.record(request, selectors.decision_detail(), pk, action="decision.publish")
    form = forms.PublishedOnForm(request.POST or None, initial={"on": timezone.localdate()})

    def do(data):
        return services.decision_publish(actor=request.user, decision=decision, on=data["on"])

    intro = "An executive decision's call-in period and the day it takes effect follow from this date."
    return _decision_action(
        request,
        decision,
        form,
        do,
        success="Decision published",
        heading="Publish the decision",
        action="decision.publish",
        intro=intro,
    )


@require_http_methods(["GET", "POST"])
def decision_call_in(request, pk):
    decision = fetch.record(request, selectors.decision_detail(), pk, action="decision.call_in")
    form = forms.CallInForm(request.POST or None)

    def do(data):
        return services.decision_call_in(actor=request.user, decision=decision, reason=data["reason"])

    return _decision_action(
        request,
        decision,
        form,
        do,
        success="Decision called in",
        heading="Call in the decision",
        action="decision.call_in",
    )


@require_http_methods(["GET", "POST"])
def decision_resolve_call_in(request, pk):
    decision = fetch.record(request, selectors.decision_detail(), pk, action="decision.resolve_call_in")
    form = forms.CallInOutcomeForm(request.POST or None)

    def do(data):
        return services.decision_resolve_call_in(actor=request.user, decision=decision, **data)

    return _decision_action(
        request,
        decision,
        form,
        do,
        success="Outcome of the call-in recorded",
        heading="The outcome of the call-in",
        action="decision.resolve_call_in",
        intro="Scrutiny confirms the decision or refers it back to the decision-maker, who reconsiders it.",
    )


@require_POST
def decision_implement(request, pk):
    decision = fetch.record(request, selectors.decision_detail(), pk, action="decision.implement")
    return post_action(
        request,
        lambda: services.decision_implement(actor=request.user, decision=decision),
        success="Decision marked as implemented",
        redirect_to=decision.get_absolute_url(),
    )


urlpatterns = [
    path("pathway/", pathway_list, name="pathway"),
    path("pathway/new/", pathway_create, name="pathway-create"),
    path("pathway/<int:pk>/", pathway_item, name="pathway-item"),
    path("pathway/<int:pk>/edit/", pathway_edit, name="pathway-edit"),
    path("pathway/<int:pk>/stages/<str:step_pk>/", pathway_step, name="pathway-step"),
    path("pathway/<int:pk>/exception/", pathway_exception, name="pathway-exception"),
    path("pathway/<int:pk>/forward-plan/", pathway_forward_plan_publish, name="pathway-forward-plan-publish"),
    path("forward-plan/", forward_plan, name="forward-plan"),
    path("forward-plan/csv/", forward_plan_csv, name="forward-plan-csv"),
    path("forward-plan/pdf/", forward_plan_pdf, name="forward-plan-pdf"),
    path("register/", register, name="register"),
    path("register/csv/", register_csv, name="register-csv"),
    path("register/<int:pk>/", decision_detail, name="decision"),
    path("register/<int:pk>/publish/", decision_publish, name="decision-publish"),
    path("register/<int:pk>/call-in/", decision_call_in, name="decision-call-in"),
    path("register/<int:pk>/call-in/outcome/", decision_resolve_call_in, name="decision-resolve-call-in"),
    path("register/<int:pk>/implement/", decision_implement, name="decision-implement"),
]
