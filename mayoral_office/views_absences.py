"""Absences and their cover: the list of the absences the user may see (their own, those they cover, their team's;
all for the Head), recording one, and ending or cancelling one."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mayoral_office import absences
from mayoral_office.forms import AbsenceForm
from mayoral_office.lists import PER_PAGE, Paginator
from mayoral_office.views_support import form_action, post_action


@require_http_methods(["GET", "POST"])
def absence_list(request):
    user = request.user
    if not absences.may_use(user):
        raise PermissionDenied
    form = AbsenceForm(
        request.POST or None,
        initial={"officer": user, "starts_on": timezone.localdate()},
        officers=absences.officers_for(user),
        covers=absences.people_who_may_cover(),
    )
    page = Paginator(absences.absences_for(user), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "manageable": absences.may_end(user, page),
        "today": timezone.localdate(),
        "covering": absences.covering_now(user),
    }
    return form_action(
        request,
        form,
        lambda data: absences.absence_record(actor=user, **data),
        success=lambda a: (
            f"{a.officer.full_name} is away from {a.starts_on:%-d %B} to {a.ends_on:%-d %B %Y}; "
            f"{a.cover.full_name} covers."
        ),
        redirect_to=request.path,
        template="mayoral_office/absences.html",
        context=context,
    )


@require_POST
def absence_cancel(request, pk):
    if not absences.may_use(request.user):
        raise PermissionDenied
    absence = absences.absences_for(request.user).filter(pk=pk).first()
    if absence is None:
        raise Http404("Not found")
    return post_action(
        request,
        lambda: absences.absence_cancel(actor=request.user, absence=absence),
        success="The absence is ended: the items go back to their officer.",
        redirect_to=reverse("absences"),
    )
