"""The briefings landing page: for the office the packs due soon and late, the late commissions and the sections
asked of the user; for a member the packs issued to them, with their PDFs."""

from __future__ import annotations

from django.shortcuts import render

from briefings.selectors import home as selectors
from briefings.views import fetch


def index(request):
    fetch.section(request)
    context = {"actions": fetch.actions(request), **selectors.landing(request.user)}
    return render(request, "briefings/index.html", context)
