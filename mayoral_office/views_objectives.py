"""The Mayor's objectives: the list (filter by status and lead), each objective's page with its milestones and
quarterly updates, and the lead's (or the Head's) update and milestone ticks. Reads for everyone in the office."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_POST

from mayoral_office import objectives
from mayoral_office.access import get_visible_or_404
from mayoral_office.forms import ObjectiveUpdateForm
from mayoral_office.lists import filtered_page, parse_pk, querystring_without_page
from mayoral_office.models import Milestone, Objective, Rag
from mayoral_office.views_support import form_action, post_action


class ObjectiveFilter(django_filters.FilterSet):
    rag = django_filters.ChoiceFilter(
        choices=[*Rag.choices, (objectives.NOT_YET, "Not yet reported")],
        method="by_rag",
        label="Status",
        empty_label="Any",
    )

    class Meta:
        model = Objective
        fields = []

    def by_rag(self, queryset, name, value):
        return queryset.filter(rag="" if value == objectives.NOT_YET else value)


def _readers_only(request):
    if not objectives.may_read(request.user):
        raise PermissionDenied


def objective_list(request):
    _readers_only(request)
    filterset, page = filtered_page(request, ObjectiveFilter, objectives.objective_list(request.user))
    context = {"filter": filterset, "page": page, "querystring": querystring_without_page(request)}
    return render(request, "mayoral_office/objective_list.html", context)


@require_http_methods(["GET", "POST"])
def objective_detail(request, pk):
    _readers_only(request)
    objective = get_visible_or_404(request, objectives.objective_page(), pk=pk)
    reports = objectives.may_report(request.user, objective)
    quarter = objectives.quarter_of_today()
    this_quarter = next((u for u in objective.updates.all() if u.quarter == quarter), None)
    initial = {"rag": this_quarter.rag, "summary": this_quarter.summary} if this_quarter else None
    form = ObjectiveUpdateForm(request.POST or None, initial=initial) if reports else None
    context = {"objective": objective, "reports": reports, "quarter": quarter}
    if form is None:
        if request.method == "POST":
            raise PermissionDenied
        return render(request, "mayoral_office/objective_detail.html", {"form": None, **context})
    return form_action(
        request,
        form,
        lambda data: objectives.objective_report(
            actor=request.user, objective=objective, rag=data["rag"], summary=data["summary"]
        ),
        success="This quarter's update is saved.",
        redirect_to=objective.get_absolute_url(),
        template="mayoral_office/objective_detail.html",
        context=context,
    )


@require_POST
def milestone_done(request, pk, milestone_pk):
    _readers_only(request)
    objective = get_visible_or_404(request, Objective.objects.all(), pk=pk)
    milestone = get_object_or_404(Milestone, objective=objective, pk=parse_pk(milestone_pk) or 0)
    return post_action(
        request,
        lambda: objectives.milestone_done(actor=request.user, milestone=milestone),
        success=f"'{milestone.title}' is marked done.",
        redirect_to=objective.get_absolute_url(),
    )
