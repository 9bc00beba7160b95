"""A correspondent and their cases, and the subject access export."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from casework import selectors, services
from casework.views import fetch


def correspondent_detail(request, correspondent_pk):
    correspondent = fetch.correspondent(request, correspondent_pk)
    context = {
        "correspondent": correspondent,
        "cases": selectors.correspondent_cases(request.user, correspondent),
        "actions": fetch.actions(request, correspondent),
    }
    return render(request, "casework/correspondent_detail.html", context)


@require_POST
def subject_access_export(request, correspondent_pk):
    correspondent = fetch.correspondent(request, correspondent_pk)
    data = services.subject_access_export(actor=request.user, correspondent=correspondent, request=request)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{correspondent.pk}.zip"'
    return response
