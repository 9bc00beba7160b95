"""The work queue, the by-member summary, exports and bulk allocation."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from casework import exports, forms, retention, selectors, services
from casework.filters import CaseFilter
from casework.policy import require
from casework.views.fetch import actions
from mayoral_office.audit import log_access_of
from mayoral_office.errors import ServiceError
from mayoral_office.lists import filtered_page, parse_pk, querystring_without, querystring_without_page
from mayoral_office.views_support import post_action


def _queue(request):
    """The queue asked for (?queue=), or the user's default, and its cases in due-date order unless sorted."""
    name = selectors.queue_name(request.user, request.GET.get("queue"))
    qs = selectors.queue(selectors.list_cases(request.user), name, request.user)
    return name, qs if request.GET.get("ordering") else qs.order_by("response_due", "received_at", "pk")


def index(request):
    """The officer's work queue: mine, my team's, unallocated, overdue, due this week, awaiting approval."""
    if "casework.work_queue" not in actions(request):
        return redirect("casework:contributions")  # a directorate contact's casework is their requests
    return _queue_page(request, *_queue(request))


def _queue_page(request, name, qs):
    tabs = selectors.queue_tabs(request.user, name)
    filterset, page = filtered_page(request, CaseFilter, qs, count=tabs["queue_count"])
    context = {
        "filter": filterset,
        "page": page,
        "querystring": querystring_without_page(request),
        "filters_querystring": querystring_without(request, "page", "queue"),
        "queue": name,
        **tabs,
        "actions": actions(request),
        "bulk_form": forms.BulkAllocateForm(user=request.user),
    }
    return render(request, "casework/index.html", context)


def by_member(request):
    """Open, overdue and awaiting approval for each member the user may see."""
    require(request.user, "casework.by_member")
    return render(request, "casework/by_member.html", {"rows": selectors.member_summary(request.user)})


def export(request, fmt: str):
    """CSV or Excel of any filtered list, through the same visibility rule as the page. Exporting a confidential
    case is logged like reading it."""
    require(request.user, "casework.export")
    name, qs = _queue(request)
    filterset = CaseFilter(request.GET or None, queryset=qs, request=request)
    if filterset.is_bound and not filterset.is_valid():
        # The list page itself, with the filters' errors: never a redirect that a browser saves as the download.
        messages.error(request, "The list could not be downloaded because the filters have a problem.")
        request.path = request.path_info = reverse("casework:index")  # its forms and links act on the list
        return _queue_page(request, name, qs)
    cases = filterset.qs if filterset.is_bound else qs
    # Logged before the download starts (one statement), whether or not it is read to the end.
    log_access_of(user=request.user, records=exports.confidential(cases), describe=exports.DESCRIBE, request=request)
    return exports.spreadsheet(cases, fmt, f"cases-{name}")  # streams: the cases are read as it is sent


@require_POST
def bulk_allocate(request):
    require(request.user, "casework.bulk_allocate")
    form = forms.BulkAllocateForm(request.POST, user=request.user)
    back = request.POST.get("back") or ""
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("casework:index")
    if not form.is_valid():
        for error in (e for errors in form.errors.values() for e in errors):
            messages.error(request, error)
        return redirect(back)
    try:
        count = services.cases_bulk_allocate(actor=request.user, **form.cleaned_data)
    except ServiceError as exc:
        messages.error(request, f"No cases were allocated. {exc.message}")
    else:
        messages.success(request, f"{count} case(s) allocated to {form.cleaned_data['officer']}.")
    return redirect(back)


@require_http_methods(["GET", "POST"])
def retention_screen(request):
    """What the retention rule will anonymise and when: the page is the dry run (nothing changes); its button runs
    the same service as the scheduled job, for exactly the number of cases the Head of Mayor's Office saw."""
    require(request.user, "casework.retention")
    if request.method == "POST":
        seen = parse_pk(request.POST.get("count")) or 0
        return post_action(
            request,
            lambda: services.cases_apply_retention(actor=request.user, expected_count=seen),
            success=lambda count: f"{count} case(s) anonymised. Each has an entry in the audit trail.",
            redirect_to=reverse("casework:retention"),
        )
    due, upcoming = retention.schedule()
    context = {"due": due, "upcoming": upcoming, "actions": actions(request)}
    return render(request, "casework/retention.html", context)
