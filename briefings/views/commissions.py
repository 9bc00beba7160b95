"""Commissioning: asking someone for a section of a pack, the list of commissions ("asked of you", "late", all on
the packs the user may see), the commission's page (for the person asked: only the pack's title, marking, members
and due date, the brief, the comments and the section asked of them), writing the section, submitting it, and the
office's accept, return and cancel. A directorate contact is not in the briefings section, so every commission
page fetches with `whole_section=False`: the commission's own visibility decides."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from briefings import policy
from briefings.forms import commissions as forms
from briefings.models import Pack
from briefings.selectors import commissions as selectors
from briefings.services import commissions as services
from briefings.views import fetch
from mayoral_office.errors import ServiceError
from mayoral_office.lists import filtered_page, parse_pk, querystring_without_page
from mayoral_office.text import clean_markdown, render_markdown
from mayoral_office.views_support import form_action, post_action


def _commission(request, pk, action=None):
    return fetch.record(request, selectors.commission_detail_queryset(), action=action, pk=pk, whole_section=False)


def _section(request, pk):
    """The section (through its pack's authorising fetch: 404 if the user may not open the pack), if the user may
    commission it now (403, or back to the pack with the reason)."""
    pack = fetch.record(request, Pack.objects.all(), sections__pk=pk)
    section = selectors.section_for_commission(pack, pk)
    if section is None:
        raise Http404("Not found")
    try:
        policy.require(request.user, "section.commission", section, seen=True)
    except ServiceError as exc:
        exc.redirect_to = section.get_absolute_url()
        raise
    return section


@require_http_methods(["GET", "POST"])
def commission_create(request, pk):
    section = _section(request, pk)
    default_due = selectors.default_due(section.pack)
    form = forms.CommissionForm(request.POST or None, initial={"due_on": default_due})

    def do(data):
        return services.commission_create(actor=request.user, section=section, **data)

    return form_action(
        request,
        form,
        do,
        success=lambda c: f"{c.assignee} has been asked to write “{section.title}”",
        redirect_to=lambda c: c.get_absolute_url(),
        template="briefings/commission_create.html",
        context={
            "section": section,
            "pack": section.pack,
            "default_due": default_due,
            "actions": fetch.actions(request, section),
        },
    )


def commission_list(request):
    """The commissions the user may see: `?scope=mine` those asked of them, `?scope=late` the late ones they chase."""
    policy.require(request.user, "commission.list_mine")
    filterset, page = filtered_page(request, forms.CommissionFilter, selectors.commissions_for(request.user))
    context = {
        "filter": filterset,
        "page": page,
        "querystring": querystring_without_page(request),
        "actions": policy.available_actions(request.user, None),
        "scope": request.GET.get("scope", ""),
        "today": timezone.localdate(),
    }
    return render(request, "briefings/commission_list.html", context)


def commission(request, pk):
    commission = _commission(request, pk)
    context = {
        "commission": commission,
        "actions": policy.available_actions(request.user, commission),
        "body_html": render_markdown(commission.section.body),
        **selectors.commission_page(request.user, commission),
    }
    return render(request, "briefings/commission.html", context)


@require_http_methods(["GET", "POST"])
def commission_draft(request, pk):
    """The section's text in a Markdown box, with a preview of it as the pack will show it ("Preview" shows the
    text typed, unsaved; "Save draft" saves it)."""
    commission = _commission(request, pk, "commission.draft")
    initial = {"body": commission.section.body, "version": commission.version}
    form = forms.DraftForm(request.POST or None, initial=initial)
    previewing = "preview" in request.POST and form.is_valid()
    text = form.cleaned_data["body"] if previewing else commission.section.body
    context = {"commission": commission, "preview": render_markdown(clean_markdown(text)), "previewing": previewing}
    if previewing:
        return render(request, "briefings/commission_draft.html", {"form": form, **context})

    def do(data):
        return services.commission_save_draft(
            actor=request.user, commission=commission, body=data["body"], expected_version=data["version"]
        )

    page = "briefings/commission_draft.html"
    url = commission.get_absolute_url()
    return form_action(
        request, form, do, success="Your draft has been saved", redirect_to=url, template=page, context=context
    )


@require_POST
def commission_submit(request, pk):
    commission = _commission(request, pk, "commission.submit")
    version = parse_pk(request.POST.get("version"))

    def do():
        return services.commission_submit(actor=request.user, commission=commission, expected_version=version)

    url = commission.get_absolute_url()
    return post_action(request, do, success="Your section has been submitted to the Mayor's Office", redirect_to=url)


@require_POST
def commission_accept(request, pk):
    commission = _commission(request, pk, "commission.accept")
    version = parse_pk(request.POST.get("version"))

    def do():
        return services.commission_accept(actor=request.user, commission=commission, expected_version=version)

    return post_action(request, do, success="The section has been accepted", redirect_to=commission.get_absolute_url())


def _decide(request, commission, form, do, *, title: str, success: str, action: str):
    return form_action(
        request,
        form,
        do,
        success=success,
        redirect_to=commission.get_absolute_url(),
        template="briefings/commission_decide.html",
        context={"commission": commission, "title": title, "form_action": action},
    )


@require_http_methods(["GET", "POST"])
def commission_return(request, pk):
    commission = _commission(request, pk, "commission.return")
    form = forms.ReturnForm(request.POST or None, initial={"version": commission.version})

    def do(data):
        return services.commission_return(
            actor=request.user, commission=commission, comments=data["comments"], expected_version=data["version"]
        )

    title, done = "Return the section with comments", "The section has been returned with your comments"
    return _decide(request, commission, form, do, title=title, success=done, action="commission.return")


@require_http_methods(["GET", "POST"])
def commission_cancel(request, pk):
    commission = _commission(request, pk, "commission.cancel")
    form = forms.CancelForm(request.POST or None, initial={"version": commission.version})

    def do(data):
        return services.commission_cancel(
            actor=request.user, commission=commission, reason=data["reason"], expected_version=data["version"]
        )

    title, done = "Cancel the commission", "The commission has been cancelled"
    return _decide(request, commission, form, do, title=title, success=done, action="commission.cancel")
