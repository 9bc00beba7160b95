"""A pack's sections: adding one, moving one up or down, writing its text, removing it, uploading a background
paper and downloading it (served through the pack's authorising fetch, never from a public address). Each section
is reached through its pack: 404 if the user may not open the pack."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from briefings import policy
from briefings.forms import sections as forms
from briefings.selectors import packs as selectors
from briefings.services import sections as services
from briefings.views import fetch
from mayoral_office.errors import ServiceError
from mayoral_office.views_support import form_action, post_action


def _section(request, pk, action: str):
    """The section, through its pack's authorising fetch (404), if the user may do `action` to it now (403, or back
    to the pack with the reason)."""
    pack = fetch.record(request, selectors.section_pack_queryset(), sections__pk=pk)
    section = selectors.section_of(pack, pk)
    if section is None:
        raise Http404("Not found")
    section.pack = pack
    try:
        policy.require(request.user, action, section if action.startswith("section.") else pack, seen=True)
    except ServiceError as exc:
        exc.redirect_to = section.get_absolute_url()
        raise
    return section


def _page(request, section, form, do, *, template: str, success: str, redirect_to: str = ""):
    context = {"section": section, "pack": section.pack, "actions": fetch.actions(request, section)}
    return form_action(
        request,
        form,
        do,
        success=success,
        redirect_to=redirect_to or (lambda saved: saved.get_absolute_url()),
        template=template,
        context=context,
    )


@require_http_methods(["GET", "POST"])
def section_add(request, pk):
    pack = fetch.record(request, selectors.section_pack_queryset(), pk=pk, action="section.add")
    form = forms.SectionAddForm(request.POST or None)

    def do(data):
        return services.section_add(actor=request.user, pack=pack, kind=data["kind"], title=data["title"])

    return form_action(
        request,
        form,
        do,
        success=lambda s: f"“{s.title}” has been added",
        redirect_to=lambda s: s.get_absolute_url(),
        template="briefings/section_add.html",
        context={"pack": pack, "actions": fetch.actions(request, pack)},
    )


@require_POST
def section_reorder(request, pk):
    pack = fetch.record(request, selectors.section_pack_queryset(), pk=pk, action="section.reorder")
    form = forms.MoveForm(request.POST)
    section = selectors.section_of(pack, request.POST.get("section")) if form.is_valid() else None
    if section is None:
        raise Http404("Not found")
    return post_action(
        request,
        lambda: services.section_move(actor=request.user, section=section, direction=form.cleaned_data["direction"]),
        success=lambda s: f"“{s.title}” moved {form.cleaned_data['direction']}",
        redirect_to=section.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
def section_edit(request, pk):
    section = _section(request, pk, "section.edit")
    initial = {"title": section.title, "body": section.body, "version": section.version}
    form = forms.SectionForm(request.POST or None, initial=initial)

    def do(data):
        return services.section_update(
            actor=request.user,
            section=section,
            title=data["title"],
            body=data["body"],
            expected_version=data["version"],
        )

    return _page(
        request, section, form, do, template="briefings/section_form.html", success="The section has been saved"
    )


@require_http_methods(["GET", "POST"])
def section_remove(request, pk):
    section = _section(request, pk, "section.remove")
    form = forms.RemoveForm(request.POST or None, initial={"version": section.version})

    def do(data):
        return services.section_remove(actor=request.user, section=section, expected_version=data["version"])

    done = f"“{section.title}” has been removed"
    back = reverse("briefings:pack", args=[section.pack_id])
    return _page(request, section, form, do, template="briefings/section_remove.html", success=done, redirect_to=back)


@require_http_methods(["GET", "POST"])
def section_paper(request, pk):
    section = _section(request, pk, "section.upload_paper")
    form = forms.PaperForm(request.POST or None, request.FILES or None)

    def do(data):
        return services.section_upload_paper(actor=request.user, section=section, upload=data["paper"])

    return _page(
        request, section, form, do, template="briefings/section_paper.html", success="The paper has been uploaded"
    )


def section_paper_download(request, pk):
    """The paper, only to those who work on the pack (a member reads it in the issued PDF)."""
    section = _section(request, pk, "pack.work")
    if not section.paper:
        raise Http404("This section has no paper")
    try:
        handle = section.paper.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The stored file is missing") from exc
    name = section.paper_name or "paper.pdf"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response
