"""The background proposed from the office's own records: the lines found, as a checklist grouped by source and
kind (all ticked); accepting the ticked ones makes (or replaces the text of) the pack's Background section, which
the officer then edits or removes like any other section."""

from __future__ import annotations

from django.views.decorators.http import require_http_methods

from briefings.forms import background as forms
from briefings.selectors import background as selectors
from briefings.services import background as services
from briefings.views import fetch
from mayoral_office.views_support import form_action


@require_http_methods(["GET", "POST"])
def background_propose(request, pk):
    pack = fetch.record(request, selectors.pack_for_background(), action="background.propose", pk=pk)
    proposal = selectors.proposal(pack, request.user)
    form = forms.BackgroundForm(request.POST or None, keys=[proposed.key for proposed in proposal])

    def do(data):
        return services.background_accept(actor=request.user, pack=pack, lines=data["lines"], intro=data["intro"])

    context = {
        "pack": pack,
        "groups": selectors.grouped(proposal),
        "ticked": set(form["lines"].value() or ()),
        "existing": selectors.background_section(pack),
        "actions": fetch.actions(request, pack),
    }
    return form_action(
        request,
        form,
        do,
        success="The background has been added to the pack. Edit it or remove it like any other section.",
        redirect_to=lambda section: section.get_absolute_url(),
        template="briefings/background_propose.html",
        context=context,
    )
