"""Agenda items: adding one to a meeting or to a body's forward planner, its page (with the minutes of it: the
discussion, the decisions taken and the actions arising), changing, moving, placing and removing it, and its paper."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from decisions import policy
from decisions.forms import meetings as forms
from decisions.models import Body, Meeting
from decisions.selectors import meetings as read
from decisions.services import meetings as services
from decisions.views import fetch
from mayoral_office.errors import ServiceError
from mayoral_office.lists import parse_pk
from mayoral_office.views_support import add_service_error, form_action, post_action

ITEM_FORM = "decisions/meetings/item_form.html"
ITEM_PAGE = "decisions/meetings/item_detail.html"


def _back(item) -> str:
    """The page an item belongs to: its meeting, or its body's planner."""
    return (
        item.meeting.get_absolute_url() if item.meeting_id else reverse("decisions:body-planner", args=[item.body_id])
    )


def _item(request, pk, action=None):
    return fetch.record(request, read.item_for_page(), pk, action=action)


@require_http_methods(["GET", "POST"])
def item_create(request, pk):
    meeting = fetch.record(request, read.meeting_for_page(), pk, action="agenda.add_item")
    form = forms.AgendaItemForm(request.POST or None, user=request.user)
    return form_action(
        request,
        form,
        lambda data: services.agenda_item_add(actor=request.user, meeting=meeting, data=data),
        success=lambda item: f"“{item.title}” added to the agenda",
        redirect_to=meeting.get_absolute_url(),
        template=ITEM_FORM,
        context={"title": "Add an agenda item", "meeting": meeting, "actions": fetch.actions(request)},
    )


@require_http_methods(["GET", "POST"])
def planner_item_create(request, pk):
    body = fetch.record(request, Body.objects.all(), pk, action="agenda.plan")
    form = forms.AgendaItemForm(request.POST or None, user=request.user)
    return form_action(
        request,
        form,
        lambda data: services.agenda_item_add(actor=request.user, body=body, data=data),
        success=lambda item: f"“{item.title}” is waiting for a meeting of {body}",
        redirect_to=reverse("decisions:body-planner", args=[body.pk]),
        template=ITEM_FORM,
        context={"title": f"Plan an item for {body}", "body": body, "actions": fetch.actions(request)},
    )


def _item_context(request, item, **forms_in_error) -> dict:
    meeting = item.meeting
    return {
        "item": item,
        "meeting": meeting,
        "decisions": list(item.decisions.visible_to(request.user)),
        "item_actions_list": list(item.actions.visible_to(request.user).select_related("owner", "owner_directorate")),
        "discussion_form": forms.DiscussionForm(initial={"discussion": item.discussion}),
        "decision_form": forms.DecisionForm(),
        **forms_in_error,
        "actions": fetch.actions(request, item)
        | (policy.available_actions(request.user, meeting) if meeting else set()),
        "meetings": read.upcoming_of(request.user, item.body) if meeting is None else [],
    }


def item_detail(request, pk):
    item = _item(request, pk)
    return render(request, ITEM_PAGE, _item_context(request, item))


@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = _item(request, pk, action="item.edit")
    form = forms.AgendaItemForm(request.POST or None, initial=forms.AgendaItemForm.initial_for(item), user=request.user)
    return form_action(
        request,
        form,
        lambda data: services.agenda_item_edit(actor=request.user, item=item, data=data),
        success="Agenda item changed",
        redirect_to=item.get_absolute_url(),
        template=ITEM_FORM,
        context={
            "title": f"Change “{item.title}”",
            "item": item,
            "meeting": item.meeting,
            "actions": fetch.actions(request, item),
        },
    )


@require_POST
def item_move(request, pk):
    item = _item(request, pk, action="item.edit")
    up = request.POST.get("direction") == "up"
    return post_action(
        request,
        lambda: services.agenda_item_move(actor=request.user, item=item, up=up),
        success=f"“{item.title}” moved {'up' if up else 'down'}",
        redirect_to=_back(item),
    )


@require_POST
def item_place(request, pk):
    item = _item(request, pk, action="item.edit")
    key = parse_pk(request.POST.get("meeting"))
    meeting = Meeting.objects.visible_to(request.user).filter(pk=key).first() if key else None
    if meeting is None:
        raise Http404("Choose a meeting from the list")
    return post_action(
        request,
        lambda: services.agenda_item_place(actor=request.user, item=item, meeting=meeting),
        success=f"“{item.title}” booked into {meeting}",
        redirect_to=meeting.get_absolute_url(),
        redirect_on_error=item.get_absolute_url(),
    )


@require_POST
def item_remove(request, pk):
    item = _item(request, pk, action="item.remove")
    back = _back(item)
    return post_action(
        request,
        lambda: services.agenda_item_remove(actor=request.user, item=item),
        success=f"“{item.title}” removed from the agenda",
        redirect_to=back,
        redirect_on_error=item.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def item_paper(request, pk):
    item = _item(request, pk, action="item.upload_paper")
    form = forms.PaperForm(request.POST or None, request.FILES or None)
    return form_action(
        request,
        form,
        lambda data: services.agenda_item_upload_paper(actor=request.user, item=item, **data),
        success="Paper uploaded",
        redirect_to=item.get_absolute_url(),
        template="decisions/meetings/paper_form.html",
        context={"title": "Upload the paper", "item": item, "actions": fetch.actions(request, item)},
    )


def item_paper_file(request, pk):
    """Served only through the item's access rules: an exempt paper is 404 to whoever may not see the item."""
    item = _item(request, pk)
    if not item.paper:
        raise Http404("This item has no paper")
    try:
        handle = item.paper.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The stored file is missing") from exc
    response = FileResponse(
        handle, as_attachment=True, filename=item.paper.name.rsplit("/", 1)[-1], content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def item_discussion(request, pk):
    if request.method == "GET":  # back from signing in again, say: the item's page, where the form is
        return redirect(_item(request, pk).get_absolute_url())
    item = _item(request, pk, action="item.edit")
    return _minutes_form(
        request,
        item,
        "discussion_form",
        forms.DiscussionForm(request.POST),
        lambda data: services.minutes_record_item(actor=request.user, item=item, discussion=data["discussion"]),
        lambda _: "The minutes of this item are saved",
    )


@require_http_methods(["GET", "POST"])
def item_decision(request, pk):
    if request.method == "GET":  # back from signing in again, say: the item's page, where the form is
        return redirect(_item(request, pk).get_absolute_url())
    item = _item(request, pk, action="item.edit")
    return _minutes_form(
        request,
        item,
        "decision_form",
        forms.DecisionForm(request.POST),
        lambda data: services.minutes_record_decision(actor=request.user, item=item, **data),
        lambda decision: f"Decision {decision.reference} recorded",
    )


def _minutes_form(request, item, name, form, do, success):
    """One of the minutes forms on the item's page: saved, or the page again with this form's errors (and the
    others as they were); nothing is saved from a form in error."""
    if form.is_valid():
        try:
            result = do(form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, success(result))
            return redirect(item.get_absolute_url())
    return render(request, ITEM_PAGE, _item_context(request, item, **{name: form}))


urlpatterns = [
    path("meetings/<int:pk>/items/new/", item_create, name="agenda-item-create"),
    path("bodies/<int:pk>/planner/new/", planner_item_create, name="planner-item-create"),
    path("items/<int:pk>/", item_detail, name="agenda-item"),
    path("items/<int:pk>/edit/", item_edit, name="agenda-item-edit"),
    path("items/<int:pk>/move/", item_move, name="agenda-item-move"),
    path("items/<int:pk>/place/", item_place, name="agenda-item-place"),
    path("items/<int:pk>/remove/", item_remove, name="agenda-item-remove"),
    path("items/<int:pk>/paper/", item_paper, name="agenda-item-paper"),
    path("items/<int:pk>/paper/file/", item_paper_file, name="agenda-item-paper-file"),
    path("items/<int:pk>/minutes/", item_discussion, name="agenda-item-minutes"),
    path("items/<int:pk>/decision/", item_decision, name="agenda-item-decision"),
]
