"""The case page and the actions on a case."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework import deadlines, forms, letters, policy, selectors, services, stakeholders
from casework.models import Attachment, Case, Status
from casework.views import fetch
from mayoral_office.access import get_visible_or_404
from mayoral_office.errors import ServiceError
from mayoral_office.views_support import add_service_error, form_action, post_action

ACTION_TEMPLATE = "casework/action_form.html"


def _action(request, case, form, title, do, success, **extra):
    """An action page of a case: its form, and the case page again once the service accepts it."""
    return form_action(
        request,
        form,
        do,
        success=success,
        redirect_to=case.get_absolute_url(),
        template=extra.pop("template", ACTION_TEMPLATE),
        context={"case": case, "title": title, **extra},
    )


def case_detail(request, pk):
    case = fetch.case(request, pk, page=True)
    actions = fetch.actions(request, case)
    context = {
        "case": case,
        "actions": actions,
        "drafts": list(case.drafts.all()),
        "events": list(case.events.all())[::-1],
        "explain": deadlines.explain_deadlines(case),
        "duplicates": selectors.possible_duplicates(request.user, case) if "case.find_duplicates" in actions else [],
        "related": case.related_cases.visible_to(request.user).select_related("case_type"),
        "approved": letters.approved_draft(case),
    }
    return render(request, "casework/case_detail.html", context)


@require_http_methods(["GET", "POST"])
def case_create(request):
    policy.require(request.user, "casework.log")
    known = fetch.known_correspondent(request)
    initial = fetch.from_directory(request) if known is None and request.method == "GET" else {}
    form = forms.CaseIntakeForm(
        request.POST or None, request.FILES or None, user=request.user, correspondent=known, initial=initial
    )
    if request.method == "POST" and not form.reading and form.is_valid():
        try:
            case, message = _log_or_follow_up(request.user, form)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            form.logged()
            messages.success(request, message)
            return redirect(case)
    return render(request, "casework/case_form.html", {"form": form, "title": "Log correspondence", "known": known})


def _log_or_follow_up(user, form) -> tuple[Case, str]:
    """A new case (for a new correspondent, or one we already hold), or a follow-up on an open case."""
    if form.follow_up is not None:
        case = services.case_follow_up(actor=user, **form.follow_up_arguments())
        return case, f"Added to {case.reference} as a follow-up. No new case was opened."
    case = services.case_log(actor=user, **form.service_arguments())
    return case, f"Case {case.reference} logged. The response is due by {case.response_due_text}."


@require_GET
def correspondent_matches(request):
    """htmx, as the officer types while logging correspondence: the correspondents we already hold who match, with
    their open cases (the radios of the intake form's "Is this someone we already know?")."""
    policy.require(request.user, "casework.log")
    terms = forms.match_terms(request.GET)
    found = selectors.correspondent_matches(request.user, **terms)
    directory = stakeholders.matches(request.user, email=terms["email"], name=terms["name"])
    kind, pk = forms.match_choice(request.GET)  # a choice already made stays made while they type on
    context = {"matches": found, "directory": directory, "choice_kind": kind, "choice_pk": pk}
    return render(request, "casework/includes/correspondent_matches.html", context)


@require_http_methods(["GET", "POST"])
def case_edit(request, pk):
    case = fetch.case(request, pk, action="case.edit")
    form = forms.CaseEditForm(request.POST or None, user=request.user, case=case)

    def do(data):
        return services.case_update(actor=request.user, case=case, expected_version=data["version"], **form.changes())

    return _action(request, case, form, "Change case details", do, "The case details are saved.")


@require_http_methods(["GET", "POST"])
def case_allocate(request, pk):
    case = fetch.case(request, pk, action="case.allocate")
    form = forms.AllocateForm(request.POST or None, initial={"version": case.version, "officer": case.officer_id})

    def do(data):
        return services.case_allocate(
            actor=request.user, case=case, officer=data["officer"], expected_version=data["version"]
        )

    return _action(request, case, form, "Allocate the case", do, "The case is allocated.")


@require_POST
def case_acknowledge(request, pk):
    case = fetch.case(request, pk)
    return post_action(
        request,
        lambda: services.case_acknowledge(actor=request.user, case=case, expected_version=fetch.version(request)),
        success="The acknowledgement is recorded.",
        redirect_to=case.get_absolute_url(),
    )


# The plain stage moves: (status, page title and button, whether a reason is required, the reason's label).
MOVES = {
    "drafting": (Status.DRAFTING, "Start drafting", False, "Note (optional)"),
    "with-directorate": (Status.WITH_DIRECTORATE, "Mark as with the directorate", False, "Note (optional)"),
    "no-reply": (Status.NO_REPLY_NEEDED, "No reply needed", True, "Why is no reply needed?"),
    "close": (Status.CLOSED, "Close the case", False, "Closing note (optional)"),
    "reopen": (Status.REOPENED, "Reopen the case", True, "Why is the case being reopened?"),
}


@require_http_methods(["GET", "POST"])
def case_move(request, pk, move):
    if move not in MOVES:
        raise Http404
    to_status, title, required, label = MOVES[move]
    case = fetch.case(request, pk, action=policy.MOVE_ACTIONS[to_status])
    form = forms.ReasonForm(
        request.POST or None, initial={"version": case.version}, submit_label=title, required=required, label=label
    )

    def do(data):
        return services.case_move(
            actor=request.user, case=case, to_status=to_status, reason=data["reason"], expected_version=data["version"]
        )

    return _action(request, case, form, title, do, f"The case is now '{to_status.label.lower()}'.")


@require_http_methods(["GET", "POST"])
def case_hold(request, pk):
    case = fetch.case(request, pk, action="case.hold")
    form = forms.ReasonForm(
        request.POST or None,
        initial={"version": case.version},
        submit_label="Stop the clock",
        label="What are you waiting for from the correspondent?",
    )

    def do(data):
        return services.case_hold(
            actor=request.user, case=case, reason=data["reason"], expected_version=data["version"]
        )

    return _action(request, case, form, "Put the case on hold", do, "The case is on hold and the clock is stopped.")


@require_POST
def case_resume(request, pk):
    case = fetch.case(request, pk)
    return post_action(
        request,
        lambda: services.case_resume(actor=request.user, case=case, expected_version=fetch.version(request)),
        success=lambda c: f"The clock has restarted. The response is now due by {c.response_due_text}.",
        redirect_to=case.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def case_extend(request, pk):
    case = fetch.case(request, pk, action="case.extend")
    form = forms.ExtensionForm(request.POST or None)

    def do(data):
        return services.case_extend(actor=request.user, case=case, **data)

    return _action(request, case, form, "Extend the response target", do, "The target is extended.")


@require_http_methods(["GET", "POST"])
def case_event(request, pk):
    case = fetch.case(request, pk, action="case.add_note")
    form = forms.EventForm(request.POST or None)

    def do(data):
        return services.case_add_event(
            actor=request.user, case=case, kind=data["kind"], text=data["text"], at=form.moment()
        )

    return _action(request, case, form, "Add to the timeline", do, "Added to the timeline.")


@require_http_methods(["GET", "POST"])
def attachment_add(request, pk):
    case = fetch.case(request, pk, action="case.add_document")
    form = forms.AttachmentForm(request.POST or None, request.FILES or None)

    def do(data):
        return services.attachment_add(
            actor=request.user, case=case, upload=data["file"], description=data["description"]
        )

    return _action(request, case, form, "Add a document", do, "The document is added.", multipart=True)


def attachment_download(request, pk, attachment_pk):
    """Served only through the case's access rules: a case the user may not see gives 404."""
    case = fetch.case(request, pk)
    attachment = get_visible_or_404(
        request, Attachment.objects.filter(case=case), pk=attachment_pk, log_read=lambda a: False
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The stored file is missing") from exc
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def case_link(request, pk):
    case = fetch.case(request, pk, action="case.link")
    form = forms.LinkForm(request.POST or None, user=request.user)

    def do(data):
        return services.case_link(actor=request.user, case=case, other=data["reference"])

    return _action(request, case, form, "Link another case", do, "The cases are linked.")


@require_POST
def case_link_to(request, pk, other_pk):
    case, other = fetch.case(request, pk), fetch.case(request, other_pk)
    if request.POST.get("merge"):
        return post_action(
            request,
            lambda: services.case_merge(actor=request.user, duplicate=case, into=other),
            success=f"This case is merged into {other.reference}.",
            redirect_to=other.get_absolute_url(),
            redirect_on_error=case.get_absolute_url(),
        )
    return post_action(
        request,
        lambda: services.case_link(actor=request.user, case=case, other=other),
        success=f"Linked to {other.reference}.",
        redirect_to=case.get_absolute_url(),
    )
