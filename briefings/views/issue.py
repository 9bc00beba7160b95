"""Clearance, issue and revision of a pack; its issued versions (the page, the PDF, the progress box the page polls
while the PDF is made, "what changed since version N"); the latest issued PDF a member opens; and the draft PDF
the office reads before clearance. Thin: fetch (404 for what the user may not see), check, one service, redirect."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from briefings import pdf
from briefings.forms import issue as forms
from briefings.selectors import versions as read
from briefings.services import issue as services
from briefings.views import fetch
from mayoral_office.lists import parse_pk
from mayoral_office.pdf import pdf_response
from mayoral_office.views_support import form_action, post_action


def _pack(request, pk, action):
    return fetch.record(request, read.packs_for_issue(), action=action, pk=pk)


def _version(request, pk, number, queryset=None):
    if parse_pk(number) is None:  # a number no database integer can hold
        raise Http404("Not found")
    queryset = read.version_for_page() if queryset is None else queryset
    return fetch.record(request, queryset, pack_id=pk, number=number)


def _one_button(request, pk, action, service, success):
    pack = _pack(request, pk, action)
    expected = forms.posted_version(request.POST)
    return post_action(
        request,
        lambda: service(actor=request.user, pack=pack, expected_version=expected),
        success=success,
        redirect_to=pack.get_absolute_url(),
    )


@require_POST
def pack_clear(request, pk):
    return _one_button(request, pk, "pack.clear", services.pack_clear, "The pack is cleared and can be issued")


@require_POST
def pack_reopen(request, pk):
    return _one_button(request, pk, "pack.reopen", services.pack_reopen, "The pack is back in preparation")


@require_POST
def pack_revise(request, pk):
    success = "The pack is back in preparation: the members keep the latest issued version until the next one"
    return _one_button(request, pk, "pack.revise", services.pack_revise, success)


@require_http_methods(["GET", "POST"])
def pack_issue(request, pk):
    pack = _pack(request, pk, "pack.issue")
    form = forms.IssueForm(request.POST or None, initial={"version": pack.version}, pack=pack)

    def do(data):
        return services.pack_issue(
            actor=request.user, pack=pack, change_summary=data["change_summary"], expected_version=data["version"]
        )

    return form_action(
        request,
        form,
        do,
        success=lambda v: f"Version {v.number} issued: the members have been told",
        redirect_to=lambda v: v.get_absolute_url(),
        template="briefings/pack_issue.html",
        context={"pack": pack, "actions": fetch.actions(request, pack)},
    )


@require_GET
def pack_latest_pdf(request, pk):
    """The member always gets the latest issued version (its page, while its PDF is being made)."""
    pack = fetch.record(request, read.packs_for_pdf(), action="pack.versions", pk=pk)
    version = read.latest_of(pack)
    if version is None:
        raise Http404("This pack has not been issued")
    return _file_or_page(version)


@require_GET
def version(request, pk, number):
    found = _version(request, pk, number)
    context = {
        "version": found,
        "pack": found.pack,
        "versions": read.versions_of(found.pack),
        "progress": read.progress_of(found),
        "actions": fetch.actions(request, found) | fetch.actions(request, found.pack),
    }
    return render(request, "briefings/version.html", context)


@require_GET
def version_pdf(request, pk, number):
    return _file_or_page(_version(request, pk, number, read.version_for_file()))


@require_GET
def version_progress(request, pk, number):
    """The progress box alone, for htmx to poll; without the polling attributes once the PDF is ready or failed."""
    found = _version(request, pk, number, read.version_for_file())
    context = {"version": found, "progress": read.progress_of(found)}
    return render(request, "briefings/_version_progress.html", context)


@require_GET
def version_changes(request, pk, number):
    found = _version(request, pk, number)
    form = forms.CompareForm(request.GET or None, number=number)
    since = (form.is_bound and not form.errors and form.cleaned_data["since"]) or number - 1
    older = None if form.errors else found.pack.versions.filter(number=since).first()
    changes = read.changes_between(older.snapshot, found.snapshot) if older else []
    context = {"version": found, "pack": found.pack, "form": form, "older": older, "changes": changes}
    context["actions"] = fetch.actions(request, found)
    return render(request, "briefings/version_changes.html", context)


@require_GET
def pack_draft_pdf(request, pk):
    """The live sections as they stand, marked DRAFT on every page, for the office to read before clearance."""
    pack = _pack(request, pk, "pack.pdf")
    sections, papers = read.draft_material(pack)
    blob = pdf.render_pack(pack=pack, sections=sections, version_number=None, papers=papers, draft=True)
    return pdf_response(blob, f"{pack.reference}-draft.pdf")


def _file_or_page(found):
    """A READY version's stored file, as it was made; otherwise its page, which shows where the PDF has got to."""
    if not found.pdf:
        return redirect(found.get_absolute_url())
    try:
        handle = found.pdf.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The stored file is missing") from exc
    name = f"{found.pack.reference}-version-{found.number}.pdf"
    response = FileResponse(handle, filename=name, content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response
