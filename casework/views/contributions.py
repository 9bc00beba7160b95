"""Contribution requests: asking a directorate, the directorate's list, and answering."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from casework import deadlines, forms, policy, selectors, services
from casework.filters import ContributionFilter
from casework.views import fetch
from casework.views.cases import _action
from mayoral_office.lists import filtered_page, querystring_without_page
from mayoral_office.views_support import form_action


@require_http_methods(["GET", "POST"])
def contribution_create(request, pk):
    case = fetch.case(request, pk, action="case.request_contribution")
    initial = {"due_on": deadlines.default_contribution_due(case)}
    form = forms.ContributionForm(request.POST or None, initial=initial, case=case)

    def do(data):
        return services.contribution_request(
            actor=request.user,
            case=case,
            directorate=data["directorate"],
            question=data["question"],
            due_on=data["due_on"],
            confirmed=data["confirm"],
        )

    return _action(request, case, form, "Ask a directorate for a contribution", do, "The contribution request is sent.")


def contributions(request):
    """Directorate contacts: requests sent to their directorate. Officers: every request on their cases."""
    policy.require(request.user, "casework.contributions")
    qs = selectors.contributions_for_contact(request.user)
    filterset, page = filtered_page(request, ContributionFilter, qs)
    context = {"filter": filterset, "page": page, "querystring": querystring_without_page(request)}
    return render(request, "casework/contributions.html", context)


@require_http_methods(["GET", "POST"])
def contribution_detail(request, contribution_pk):
    contribution = fetch.contribution(request, contribution_pk)
    form = forms.ContributionAnswerForm(request.POST or None)
    back = (
        (contribution.case.get_absolute_url(), f"Back to {contribution.case.reference}")
        if selectors.sees_case(request.user, contribution.case_id)
        else (reverse("casework:contributions"), "Back to contribution requests")  # a contact never sees the case
    )

    def do(data):
        return services.contribution_answer(actor=request.user, contribution=contribution, answer=data["answer"])

    return form_action(
        request,
        form,
        do,
        success="Thank you. Your contribution has been sent to the Mayor's Office.",
        redirect_to=reverse("casework:contributions"),
        template="casework/contribution_detail.html",
        context={"contribution": contribution, "back": back, "actions": fetch.actions(request, contribution)},
    )
