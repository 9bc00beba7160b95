"""Thin views: fetch through the access rules (404 for what the user may not see), validate the form, call one
service, redirect or render."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from casework import forms, selectors, services
from casework.filters import CaseFilter, ContributionFilter
from casework.models import Attachment, Case, ContributionRequest, Correspondent, Draft, Status
from casework.services import CaseworkError
from mayoral_office.access import is_directorate_contact, is_draft_only, sees_everything
from mayoral_office.audit import log_access
from mayoral_office.lists import filtered_page, parse_pk, querystring_without_page
from mayoral_office.models import AccessLog
from mayoral_office.working_days import add_working_days


def _case(request, pk, *, for_page=False) -> Case:
    qs = selectors.case_for_page(request.user, pk) if for_page else selectors.list_cases(request.user).filter(pk=pk)
    case = qs.first()
    if case is None:
        raise Http404("No case found")
    if case.is_confidential:
        log_access(user=request.user, obj=case, request=request)
    return case


def _require(condition: bool):
    if not condition:
        raise PermissionDenied


def _add_error(form, exc: Exception):
    form.add_error(None, str(exc))


def _default_queue(user) -> str:
    if sees_everything(user):
        return "open"
    if selectors.may_work_on_cases(user):
        return "mine"
    if getattr(user, "member", None) is not None:
        return "approval"
    return "team"


# --- lists --------------------------------------------------------------------------------------------------
def _filtered_cases(request):
    queue_name = request.GET.get("queue") or _default_queue(request.user)
    if queue_name not in dict(selectors.QUEUES):
        queue_name = "all"
    qs = selectors.queue(selectors.list_cases(request.user), queue_name, request.user)
    if not request.GET.get("ordering"):
        qs = qs.order_by("response_due", "received_at", "pk")
    return queue_name, qs


def index(request):
    """The officer's work queue: mine, my team's, unallocated, overdue, due this week, awaiting approval."""
    if is_directorate_contact(request.user):
        return redirect("casework:contributions")
    queue_name, qs = _filtered_cases(request)
    filterset, page = filtered_page(request, CaseFilter, qs)
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("queue", None)
    counts = selectors.queue_counts(request.user)
    return render(
        request,
        "casework/index.html",
        {
            "filter": filterset,
            "page": page,
            "querystring": querystring_without_page(request),
            "filters_querystring": params.urlencode(),
            "queue": queue_name,
            "queue_label": dict(selectors.queues_for(request.user)).get(queue_name)
            or dict(selectors.QUEUES)[queue_name],
            "queue_tabs": [(key, label, counts[key]) for key, label in selectors.queues_for(request.user)],
            "can_work": selectors.may_work_on_cases(request.user),
            "bulk_form": forms.BulkAllocateForm(user=request.user)
            if selectors.may_work_on_cases(request.user)
            else None,
            "today": timezone.localdate(),
        },
    )


def by_member(request):
    """The work queue by member: open, overdue and awaiting approval for each member the user may see."""
    _require(not is_directorate_contact(request.user))
    return render(request, "casework/by_member.html", {"rows": list(selectors.member_summary(request.user))})


EXPORT_COLUMNS = [
    ("Reference", lambda c: c.reference),
    ("Type", lambda c: c.case_type.name),
    ("Stage", lambda c: c.get_status_display()),
    ("Received", lambda c: c.received_on.isoformat()),
    ("Channel", lambda c: c.get_channel_display()),
    ("Member", lambda c: c.member.name),
    ("Correspondent", lambda c: str(c.correspondent)),
    ("Correspondent type", lambda c: c.correspondent.get_kind_display()),
    ("Ward", lambda c: c.ward.name if c.ward else ""),
    ("Subject", lambda c: c.subject),
    ("Officer", lambda c: c.officer.full_name if c.officer else ""),
    ("Sensitivity", lambda c: c.get_sensitivity_display()),
    ("Priority", lambda c: c.get_priority_display()),
    ("Acknowledge by", lambda c: c.acknowledge_due.isoformat() if c.acknowledge_due else ""),
    ("Respond by", lambda c: c.response_due.isoformat() if c.response_due else ""),
    ("Response sent", lambda c: c.response_sent_on.isoformat() if c.response_sent_on else ""),
    ("Overdue", lambda c: "Yes" if c.is_overdue() else "No"),
]


def _safe_cell(value: str) -> str:
    """Stop a spreadsheet treating a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export(request, fmt: str):
    """CSV or Excel of any filtered list, through the same visibility rule as the page."""
    _require(not is_directorate_contact(request.user))
    queue_name, qs = _filtered_cases(request)
    filterset = CaseFilter(request.GET or None, queryset=qs, request=request)
    if filterset.is_bound and not filterset.is_valid():
        messages.error(request, "The export could not be made because the filters have a problem.")
        return redirect(f"{reverse('casework:index')}?{request.GET.urlencode()}")
    cases = list(filterset.qs if filterset.is_bound else qs)
    confidential = [c for c in cases if c.is_confidential]
    if confidential:
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_model(Case)
        AccessLog.objects.bulk_create(
            AccessLog(
                user=request.user,
                ip_address=request.META.get("REMOTE_ADDR"),
                content_type=ct,
                object_id=str(c.pk),
                object_repr=str(c)[:250],
                action="exported",
            )
            for c in confidential
        )
    headers = [name for name, _ in EXPORT_COLUMNS]
    rows = [[_safe_cell(get(c)) for _, get in EXPORT_COLUMNS] for c in cases]
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="cases-{queue_name}-{stamp}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(headers)
        writer.writerows(rows)
        return response
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Cases"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="cases-{queue_name}-{stamp}.xlsx"'
    return response


@require_POST
def bulk_allocate(request):
    _require(selectors.may_work_on_cases(request.user))
    form = forms.BulkAllocateForm(request.POST, user=request.user)
    back = request.POST.get("back") or ""
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("casework:index")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        count = services.cases_bulk_allocate(
            actor=request.user, cases=form.cleaned_data["cases"], officer=form.cleaned_data["officer"]
        )
    except (CaseworkError, PermissionDenied) as exc:
        messages.error(request, f"No cases were allocated. {exc}".strip())
        return redirect(back)
    messages.success(request, f"{count} case(s) allocated to {form.cleaned_data['officer']}.")
    return redirect(back)


# --- intake -------------------------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def case_create(request):
    _require(selectors.may_work_on_cases(request.user))
    known = None
    chosen = (request.POST.get("correspondent") or request.GET.get("correspondent") or "").strip()
    if chosen:
        correspondent_pk = parse_pk(chosen)
        if correspondent_pk is not None:
            known = selectors.visible_correspondents(request.user).filter(pk=correspondent_pk).first()
        if known is None:
            raise Http404("No correspondent found")
    form = forms.CaseIntakeForm(request.POST or None, request.FILES or None, user=request.user, correspondent=known)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_log(
                actor=request.user,
                case_type=data["case_type"],
                received_at=data["received_at"],
                channel=data["channel"],
                member=data["member"],
                correspondent=known,
                correspondent_details=form.correspondent_details(),
                subject=data["subject"],
                summary=data["summary"],
                body=data["body"],
                portfolio=data["portfolio"],
                ward=data.get("ward"),
                sensitivity=data["sensitivity"],
                priority=data["priority"],
                officer=data["officer"],
                files=data["attachments"],
            )
        except CaseworkError as exc:
            _add_error(form, exc)
        else:
            messages.success(
                request,
                f"Case {case.reference} logged. The response is due by {case.response_due:%-d %B %Y}.",
            )
            return redirect("casework:detail", pk=case.pk)
    return render(request, "casework/case_form.html", {"form": form, "title": "Log correspondence", "known": known})


# --- the case page ------------------------------------------------------------------------------------------
def case_detail(request, pk):
    case = _case(request, pk, for_page=True)
    user = request.user
    can_work = selectors.may_work_on_cases(user)
    drafts = list(case.drafts.all())
    latest = drafts[0] if drafts else None
    is_member = bool(case.member.user_id and case.member.user_id == user.pk)
    context = {
        "case": case,
        "can_work": can_work,
        "can_draft": selectors.may_draft(user) and case.is_open and case.status != Status.AWAITING_APPROVAL,
        "can_review": bool(latest and latest.state == Draft.State.SUBMITTED and (is_member or can_work)),
        "is_member": is_member,
        "latest_draft": latest,
        "drafts": drafts,
        "events": list(case.events.all())[::-1],
        "contributions": list(case.contributions.all()),
        "attachments": list(case.attachments.all()),
        "extensions": list(case.extensions.all()),
        "holds": list(case.holds.all()),
        "explain": services.explain_deadlines(case),
        "duplicates": selectors.possible_duplicates(user, case) if can_work and case.is_open else [],
        "related": case.related_cases.visible_to(user).select_related("case_type"),
        "next_statuses": case.next_statuses(),
        "Status": Status,
        "today": timezone.localdate(),
        "approved": services.approved_draft(case),
        "is_draft_only": is_draft_only(user),
    }
    return render(request, "casework/case_detail.html", context)


@require_http_methods(["GET", "POST"])
def case_edit(request, pk):
    _require(selectors.may_work_on_cases(request.user))
    case = _case(request, pk)
    form = forms.CaseEditForm(request.POST or None, user=request.user, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(
                actor=request.user, case=case, expected_version=form.cleaned_data["version"], **form.changes()
            )
        except CaseworkError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, "The case details are saved.")
            return redirect("casework:detail", pk=case.pk)
    return render(request, "casework/action_form.html", {"form": form, "case": case, "title": "Change case details"})


def _simple_action(
    request,
    case,
    form,
    title,
    do,
    success,
    *,
    multipart=False,
    template="casework/action_form.html",
    extra=None,
):
    if request.method == "POST" and form.is_valid():
        try:
            result = do(form.cleaned_data)
        except CaseworkError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, success)
            return result if isinstance(result, HttpResponse) else redirect("casework:detail", pk=case.pk)
    context = {"form": form, "case": case, "title": title, "multipart": multipart, **(extra or {})}
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def case_allocate(request, pk):
    _require(selectors.may_work_on_cases(request.user))
    case = _case(request, pk)
    form = forms.AllocateForm(request.POST or None, initial={"version": case.version, "officer": case.officer_id})
    return _simple_action(
        request,
        case,
        form,
        "Allocate the case",
        lambda d: services.case_allocate(
            actor=request.user, case=case, officer=d["officer"], expected_version=d["version"]
        ),
        "The case is allocated.",
    )


@require_POST
def case_acknowledge(request, pk):
    _require(selectors.may_work_on_cases(request.user))
    case = _case(request, pk)
    try:
        services.case_acknowledge(actor=request.user, case=case, expected_version=_version(request))
        messages.success(request, "The acknowledgement is recorded.")
    except CaseworkError as exc:
        messages.error(request, str(exc))
    return redirect("casework:detail", pk=case.pk)


def _version(request) -> int | None:
    version = parse_pk(request.POST.get("version", ""))
    # a tampered or missing version never matches, so the save is refused as a conflict
    return -1 if version is None else version


MOVES = {
    "drafting": (Status.DRAFTING, "Start drafting", False, "Note (optional)"),
    "with-directorate": (Status.WITH_DIRECTORATE, "Mark as with the directorate", False, "Note (optional)"),
    "no-reply": (Status.NO_REPLY_NEEDED, "No reply needed", True, "Why is no reply needed?"),
    "close": (Status.CLOSED, "Close the case", False, "Closing note (optional)"),
    "reopen": (Status.REOPENED, "Reopen the case", True, "Why is the case being reopened?"),
}


@require_http_methods(["GET", "POST"])
def case_move(request, pk, move):
    _require(selectors.may_work_on_cases(request.user))
    if move not in MOVES:
        raise Http404
    to_status, title, required, label = MOVES[move]
    case = _case(request, pk)
    form = forms.ReasonForm(
        request.POST or None,
        initial={"version": case.version},
        submit_label=title,
        required=required,
        label=label,
    )
    return _simple_action(
        request,
        case,
        form,
        title,
        lambda d: services.case_move(
            actor=request.user,
            case=case,
            to_status=to_status,
            reason=d["reason"],
            expected_version=d["version"],
        ),
        f"The case is now '{to_status.label.lower()}'.",
    )


@require_http_methods(["GET", "POST"])
def case_hold(request, pk):
    _require(selectors.may_work_on_cases(request.user))
    case = _case(request, pk)
    form = forms.ReasonForm(
        request.POST or None,
        initial={"version": case.version},
        submit_label="Stop the clock",
        label="What are you waiting for from the correspondent?",
    )
    return _simple_action(
        request,
        case,
        form,
        "Put the case on hold",
        lambda d: services.case_hold(actor=request.user, case=case, reason=d["reason"], expected_version=d["version"]),
        "The case is on hold and the clock is stopped.",
    )


@require_POST
def case_resume(request, pk):
    _require(selectors.may_work_on_cases(request.user))
    case = _case(request, pk)
    try:
        case = services.case_resume(actor=request.user, case=case, expected_version=_version(request))
        messages.success(request, f"The clock has restarted. The response is now due by {case.response_due:%-d %B %Y}.")
    except CaseworkError as exc:
        messages.error(request, str(exc))
    return redirect("casework:detail", pk=case.pk)


@require_http_methods(["GET", "POST"])
def case_extend(request, pk):
    _require(selectors.may_work_on_cases(request.user))
    case = _case(request, pk)
    form = forms.ExtensionForm(request.POST or None)
    return _simple_action(
        request,
        case,
        form,
        "Extend the response target",
        lambda d: services.case_extend(
            actor=request.user, case=case, kind=d["kind"], working_days=d["working_days"], reason=d["reason"]
        ),
        "The target is extended.",
    )


@require_http_methods(["GET", "POST"])
def case_event(request, pk):
    _require(not is_directorate_contact(request.user))
    case = _case(request, pk)
    form = forms.EventForm(request.POST or None)
    return _simple_action(
        request,
        case,
        form,
        "Add to the timeline",
        lambda d: services.case_add_event(
            actor=request.user, case=case, kind=d["kind"], text=d["text"], at=form.moment()
        ),
        "Added to the timeline.",
    )


@require_http_methods(["GET", "POST"])
def attachment_add(request, pk):
    _require(not is_directorate_contact(request.user))
    case = _case(request, pk)
    form = forms.AttachmentForm(request.POST or None, request.FILES or None)
    return _simple_action(
        request,
        case,
        form,
        "Add a document",
        lambda d: services.attachment_add(
            actor=request.user, case=case, upload=d["file"], description=d["description"]
        ),
        "The document is added.",
        multipart=True,
    )


def attachment_download(request, pk, attachment_pk):
    """Served only through the case's access rules: a case the user may not see gives 404."""
    case = _case(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, case=case)
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
    _require(selectors.may_work_on_cases(request.user))
    case = _case(request, pk)
    form = forms.LinkForm(request.POST or None)

    def do(d):
        other = Case.objects.visible_to(request.user).filter(reference__iexact=d["reference"].strip()).first()
        if other is None:
            form.add_error("reference", "There is no case with that reference that you can see")
            raise CaseworkError("There is no case with that reference that you can see")
        services.case_link(actor=request.user, case=case, other=other)

    if request.method == "POST" and form.is_valid():
        try:
            do(form.cleaned_data)
        except CaseworkError as exc:
            if not form.has_error("reference"):
                _add_error(form, exc)
        else:
            messages.success(request, "The cases are linked.")
            return redirect("casework:detail", pk=case.pk)
    return render(request, "casework/action_form.html", {"form": form, "case": case, "title": "Link another case"})


@require_POST
def case_link_to(request, pk, other_pk):
    _require(selectors.may_work_on_cases(request.user))
    case = _case(request, pk)
    other = _case(request, other_pk)
    try:
        if request.POST.get("merge"):
            services.case_merge(actor=request.user, duplicate=case, into=other)
            messages.success(request, f"This case is merged into {other.reference}.")
            return redirect("casework:detail", pk=other.pk)
        services.case_link(actor=request.user, case=case, other=other)
        messages.success(request, f"Linked to {other.reference}.")
    except CaseworkError as exc:
        messages.error(request, str(exc))
    return redirect("casework:detail", pk=case.pk)


# --- contributions ------------------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def contribution_create(request, pk):
    _require(selectors.may_work_on_cases(request.user))
    case = _case(request, pk)
    today = timezone.localdate()
    default_due = add_working_days(today, 5, calendar=case.calendar)
    if case.response_due and default_due > case.response_due:
        # before the response is due if there is still time; otherwise the next working day
        default_due = case.response_due if case.response_due >= today else add_working_days(today, 1)
    form = forms.ContributionForm(request.POST or None, initial={"due_on": default_due}, case=case)
    return _simple_action(
        request,
        case,
        form,
        "Ask a directorate for a contribution",
        lambda d: services.contribution_request(
            actor=request.user,
            case=case,
            directorate=d["directorate"],
            question=d["question"],
            due_on=d["due_on"],
            confirmed=d["confirm"],
        ),
        "The contribution request is sent.",
    )


def contributions(request):
    """Directorate contacts: requests sent to their directorate. Officers: every request on their cases."""
    qs = selectors.contributions_for_contact(request.user)
    filterset, page = filtered_page(request, ContributionFilter, qs)
    return render(
        request,
        "casework/contributions.html",
        {
            "filter": filterset,
            "page": page,
            "querystring": querystring_without_page(request),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def contribution_detail(request, contribution_pk):
    contribution = get_object_or_404(
        ContributionRequest.objects.visible_to(request.user).select_related("case", "directorate", "case__member"),
        pk=contribution_pk,
    )
    form = forms.ContributionAnswerForm(request.POST or None)
    if request.method == "POST":
        if contribution.answered_at or contribution.no_longer_needed_at:
            messages.error(
                request,
                "This request has already been answered."
                if contribution.answered_at
                else "This request is no longer needed.",
            )
            return redirect("casework:contribution", contribution_pk=contribution.pk)
        if form.is_valid():
            try:
                services.contribution_answer(
                    actor=request.user, contribution=contribution, answer=form.cleaned_data["answer"]
                )
            except CaseworkError as exc:
                _add_error(form, exc)
            else:
                messages.success(request, "Thank you. Your contribution has been sent to the Mayor's Office.")
                return redirect("casework:contributions")
    if Case.objects.visible_to(request.user).filter(pk=contribution.case_id).exists():
        back = (reverse("casework:detail", args=[contribution.case_id]), f"Back to {contribution.case.reference}")
    else:  # a directorate contact sees the request, never the case
        back = (reverse("casework:contributions"), "Back to contribution requests")
    return render(
        request,
        "casework/contribution_detail.html",
        {"contribution": contribution, "form": form, "today": timezone.localdate(), "back": back},
    )


# --- drafting, approval, response ---------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def draft_create(request, pk):
    _require(selectors.may_draft(request.user))
    case = _case(request, pk)
    latest = case.drafts.order_by("-version").first()
    form = forms.DraftForm(request.POST or None, initial={"body": latest.body if latest else ""})
    return _simple_action(
        request,
        case,
        form,
        "Draft the response",
        lambda d: services.draft_save(actor=request.user, case=case, body=d["body"]),
        "The draft is saved as a new version.",
        template="casework/draft_form.html",
    )


@require_POST
def draft_submit(request, pk, draft_pk):
    _require(selectors.may_work_on_cases(request.user))
    case = _case(request, pk)
    draft = get_object_or_404(Draft, pk=draft_pk, case=case)
    try:
        services.draft_submit(actor=request.user, draft=draft)
        messages.success(request, f"Draft version {draft.version} is sent to {case.member.name} for approval.")
    except CaseworkError as exc:
        messages.error(request, str(exc))
    return redirect("casework:detail", pk=case.pk)


@require_http_methods(["GET", "POST"])
def draft_review(request, pk, draft_pk):
    case = _case(request, pk)
    draft = get_object_or_404(Draft, pk=draft_pk, case=case)
    if draft.state != Draft.State.SUBMITTED:
        messages.error(request, "This draft is not waiting for approval.")
        return redirect("casework:detail", pk=case.pk)
    form = forms.ReviewForm(request.POST or None)
    return _simple_action(
        request,
        case,
        form,
        f"Approve the response to {case.correspondent}",
        lambda d: services.draft_review(
            actor=request.user, draft=draft, approve=d["decision"] == "approve", comments=d["comments"]
        ),
        "Your decision is recorded.",
        template="casework/review_form.html",
        extra={
            "draft": draft,
            "is_member": bool(case.member.user_id and case.member.user_id == request.user.pk),
        },
    )


@require_http_methods(["GET", "POST"])
def response_record(request, pk):
    _require(selectors.may_work_on_cases(request.user))
    case = _case(request, pk)
    form = forms.ResponseForm(
        request.POST or None,
        initial={"version": case.version, "sent_on": timezone.localdate(), "method": "letter"},
    )
    return _simple_action(
        request,
        case,
        form,
        "Record the response",
        lambda d: services.response_record(
            actor=request.user,
            case=case,
            sent_on=d["sent_on"],
            method=d["method"],
            expected_version=d["version"],
        ),
        "The response is recorded.",
    )


def response_letter(request, pk):
    """The response letter on the council's letterhead as a PDF: the version sent, or else the latest version
    (marked as a draft unless the member approved exactly that version)."""
    from django.conf import settings

    from mayoral_office.pdf import pdf_response, render_pdf

    case = _case(request, pk)
    draft, is_final = services.letter_draft(case)
    if draft is None:
        messages.error(request, "Write a draft response before producing the letter.")
        return redirect("casework:detail", pk=case.pk)
    marking = "OFFICIAL-SENSITIVE" if case.sensitivity != "standard" else "OFFICIAL"
    pdf = render_pdf(
        "casework/pdf/letter.html",
        {
            "case": case,
            "draft": draft,
            "is_final": is_final,
            "letter_date": case.response_sent_on or timezone.localdate(),
            "protective_marking": marking,
            "council_name": settings.COUNCIL_NAME,
            **services.letter_frame(draft.body),
        },
    )
    return pdf_response(pdf, f"{case.reference.replace('/', '-')}-response.pdf")


# --- correspondents and personal data -----------------------------------------------------------------------
def correspondent_detail(request, correspondent_pk):
    correspondent = get_object_or_404(Correspondent, pk=correspondent_pk)
    cases = selectors.correspondent_cases(request.user, correspondent)
    if not sees_everything(request.user) and not cases.exists():
        raise Http404("No correspondent found")
    return render(
        request,
        "casework/correspondent_detail.html",
        {
            "correspondent": correspondent,
            "cases": cases,
            "can_export": sees_everything(request.user),
            "can_log": selectors.may_work_on_cases(request.user) and not correspondent.anonymised_at,
        },
    )


@require_POST
def subject_access_export(request, correspondent_pk):
    _require(sees_everything(request.user))
    correspondent = get_object_or_404(Correspondent, pk=correspondent_pk)
    data = services.subject_access_export(actor=request.user, correspondent=correspondent, request=request)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{correspondent.pk}.zip"'
    return response
