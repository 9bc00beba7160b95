"""How-to guides: the list (search, owner, reviews due), a guide's page, writing and changing one (the office's
officers), and recording its review (its owner or the Head). Everyone signed in reads them."""

from __future__ import annotations

from datetime import timedelta

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from mayoral_office import guides
from mayoral_office.access import get_visible_or_404
from mayoral_office.forms import GuideForm, GuideReviewForm
from mayoral_office.lists import filtered_page, querystring_without_page
from mayoral_office.models import Guide, User
from mayoral_office.views_support import form_action

REVIEW_SOON_DAYS = 30


class GuideFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search the guides", method="by_words")
    owner = django_filters.ModelChoiceFilter(
        queryset=User.objects.filter(guides_owned__isnull=False).distinct().order_by("full_name"),
        label="Owner",
        empty_label="Anyone",
    )
    review = django_filters.ChoiceFilter(
        label="Review",
        choices=[("due", "Due now"), ("soon", f"Due in the next {REVIEW_SOON_DAYS} days")],
        method="by_review",
        empty_label="Any",
    )

    class Meta:
        model = Guide
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner"].field.label_from_instance = lambda user: user.full_name
        self.filters["q"].field.widget = forms.TextInput(attrs={"type": "search"})

    def by_words(self, queryset, name, value):
        return guides.search_guides(queryset, value)

    def by_review(self, queryset, name, value):
        today = timezone.localdate()
        last = today if value == "due" else today + timedelta(days=REVIEW_SOON_DAYS)
        return queryset.filter(review_on__lte=last)


def guide_list(request):
    filterset, page = filtered_page(request, GuideFilter, guides.guide_list(request.user))
    context = {
        "filter": filterset,
        "page": page,
        "querystring": querystring_without_page(request),
        "actions": guides.available_actions(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "mayoral_office/guide_list.html", context)


@require_http_methods(["GET", "POST"])
def guide_detail(request, slug):
    guide = get_visible_or_404(request, guides.guide_list(request.user).select_related("updated_by"), slug=slug)
    actions = guides.available_actions(request.user, guide)
    form = None
    if "guide.review" in actions:
        form = GuideReviewForm(
            request.POST or None, initial={"next_review_on": guides.a_year_after(timezone.localdate())}
        )
    elif request.method == "POST":
        raise PermissionDenied
    explains = dict(guides.page_choices()).get(guide.page, guide.page)
    context = {"guide": guide, "actions": actions, "explains": explains, "today": timezone.localdate()}
    if form is None:
        return render(request, "mayoral_office/guide_detail.html", {"form": None, **context})
    return form_action(
        request,
        form,
        lambda data: guides.guide_reviewed(actor=request.user, guide=guide, next_review_on=data["next_review_on"]),
        success=lambda g: f"The review is recorded. The next is due by {g.review_on:%-d %B %Y}.",
        redirect_to=guide.get_absolute_url(),
        template="mayoral_office/guide_detail.html",
        context=context,
    )


def guide_by_pk(request, pk):
    """A guide's address by number (the chase emails link to it)."""
    guide = get_visible_or_404(request, Guide.objects.all(), pk=pk)
    return redirect(guide.get_absolute_url())


@require_http_methods(["GET", "POST"])
def guide_edit(request, slug=None):
    if not guides.may_write(request.user):
        raise PermissionDenied
    guide = get_visible_or_404(request, Guide.objects.all(), slug=slug) if slug else None
    initial = {"owner": request.user, "review_on": guides.a_year_after(timezone.localdate())}
    if guide:
        initial = {f: getattr(guide, f) for f in ("title", "summary", "body", "page", "owner", "review_on")}
    form = GuideForm(
        request.POST or None, initial=initial, pages=guides.page_choices(), owners=guides.possible_owners()
    )
    return form_action(
        request,
        form,
        lambda data: guides.guide_save(actor=request.user, guide=guide, **data),
        success=lambda g: f"'{g.title}' is saved.",
        redirect_to=lambda g: g.get_absolute_url(),
        template="mayoral_office/guide_form.html",
        context={"guide": guide},
    )
