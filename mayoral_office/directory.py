"""The stakeholder directory: organisations, the people in them and the partnerships they sit on, with who in the
office owns each relationship, and on each page the history the apps hold of them (their cases, engagements and
actions, through `registry.register_directory_history`, as the reader may see them).

Who may do what: everyone who works in or for the Mayor's Office reads it; the office's officers (the Head and the
Executive and Cabinet Support Officers) add and change entries."""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.db.models import Count, Prefetch
from django.utils import timezone

from mayoral_office import registry
from mayoral_office.access import office_roles, office_staff
from mayoral_office.audit import service
from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.models import Organisation, OrganisationKind, Partnership, Stakeholder, User, Ward
from mayoral_office.registry import SearchHit
from mayoral_office.word_search import matching

PER_KIND = 5
TAGS_LENGTH = 200  # the tags field's length, after tidying ("a,b" becomes "a, b")


def may_read(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and office_roles(user))


def may_write(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and office_staff(user))


def available_actions(user) -> set[str]:
    return {"directory.edit"} if may_write(user) else set()


# --- reads ---------------------------------------------------------------------------------------------------------
def organisations(user):
    return (
        Organisation.objects.visible_to(user)
        .select_related("ward", "owner")
        .annotate(people_count=Count("people", distinct=True))
        .order_by("name", "pk")
    )


def people(user):
    return Stakeholder.objects.visible_to(user).select_related("organisation", "ward", "owner").order_by("name", "pk")


def partnerships(user):
    return (
        Partnership.objects.visible_to(user)
        .select_related("owner")
        .annotate(
            organisations_count=Count("organisations", distinct=True), people_count=Count("people", distinct=True)
        )
        .order_by("name", "pk")
    )


def organisation_page():
    return Organisation.objects.select_related("ward", "owner").prefetch_related(
        Prefetch("people", Stakeholder.objects.order_by("name", "pk")), "partnerships"
    )


def person_page():
    return Stakeholder.objects.select_related("organisation", "ward", "owner").prefetch_related("partnerships")


def partnership_page():
    return Partnership.objects.select_related("owner").prefetch_related(
        Prefetch("organisations", Organisation.objects.order_by("name")),
        Prefetch("people", Stakeholder.objects.select_related("organisation").order_by("name")),
    )


def history(user, entry) -> list[registry.MemberViewSection]:
    """The apps' records about an organisation (by its name and address, and its people's) or a person."""
    if isinstance(entry, Organisation):
        emails = [entry.email, *(person.email for person in entry.people.all())]
        people_ids = tuple(person.pk for person in entry.people.all())
        query = registry.DirectoryQuery((entry.name,), tuple(e for e in emails if e), people_ids)
    else:
        query = registry.DirectoryQuery((entry.name,), (entry.email,) if entry.email else (), (entry.pk,))
    return registry.directory_history(user, query)


class _DirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=200)
    ward = django_filters.ModelChoiceFilter(queryset=Ward.objects.order_by("name"), label="Ward", empty_label="Any")
    owner = django_filters.ModelChoiceFilter(
        queryset=User.objects.filter(is_active=True).order_by("full_name"),
        label="Relationship owner",
        empty_label="Anyone",
    )
    tag = django_filters.CharFilter(label="Tag", method="by_tag", max_length=50)
    search_words: tuple[str, ...] = ("name",)  # full-text on PostgreSQL (mayoral_office.word_search)
    search_also: tuple[str, ...] = ()  # "contains" only

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner"].field.label_from_instance = lambda user: user.full_name
        self.filters["q"].field.widget = forms.TextInput(attrs={"type": "search"})

    def search(self, queryset, name, value):
        return matching(queryset, value, words=self.search_words, also=self.search_also)

    def by_tag(self, queryset, name, value):
        """The whole tag, in any case: "art" finds "art", not "arts" or "party"."""
        return queryset.filter(tags__iregex=rf"(^|, ){re.escape(value.strip())}(,|$)")


class OrganisationFilter(_DirectoryFilter):
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices, label="Type", empty_label="Any")
    search_words = ("name", "tags", "notes")
    search_also = ("email",)

    class Meta:
        model = Organisation
        fields = []


class PersonFilter(_DirectoryFilter):
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.order_by("name"), label="Organisation", empty_label="Any"
    )
    search_words = ("name", "role", "tags")
    search_also = ("organisation__name", "email")

    class Meta:
        model = Stakeholder
        fields = []


class PartnershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=200)

    class Meta:
        model = Partnership
        fields = []

    def search(self, queryset, name, value):
        return matching(queryset, value, words=("name", "purpose"))


# --- services ------------------------------------------------------------------------------------------------------
def _check_write(actor) -> None:
    if not may_write(actor):
        raise PermissionDenied


def _save(record, data: dict, required: str):
    """The entry with the form's values, its tags tidied ("a,b , c" is "a, b, c"); not saved yet."""
    if not (data.get(required) or "").strip():
        raise ServiceError(f"Enter the {required}", field=required)
    for field, value in data.items():
        setattr(record, field, value.strip() if isinstance(value, str) else value)
    record.tags = ", ".join(record.tag_list)
    if len(record.tags) > TAGS_LENGTH:
        raise ServiceError(f"Keep the tags to {TAGS_LENGTH} characters with their commas and spaces", field="tags")
    record.updated_at = timezone.now()
    return record


@service
def organisation_save(*, actor, organisation: Organisation | None = None, **data) -> Organisation:
    """A new organisation in the directory, or a change to one."""
    _check_write(actor)
    organisation = _save(organisation or Organisation(), data, "name")
    clash = Organisation.objects.filter(name__iexact=organisation.name).exclude(pk=organisation.pk).first()
    if clash is not None:
        raise ServiceError(f"'{clash.name}' is in the directory already", field="name")
    organisation.save()
    return organisation


@service
def person_save(*, actor, person: Stakeholder | None = None, **data) -> Stakeholder:
    """A new person in the directory, or a change to one."""
    _check_write(actor)
    person = _save(person or Stakeholder(), data, "name")
    person.save()
    return person


@service
def partnership_save(
    *, actor, partnership: Partnership | None = None, organisations=(), people=(), **data
) -> Partnership:
    """A new partnership, or a change to one, with its member organisations and people."""
    _check_write(actor)
    partnership = partnership or Partnership()
    if not (data.get("name") or "").strip():
        raise ServiceError("Enter the name", field="name")
    for field, value in data.items():
        setattr(partnership, field, value.strip() if isinstance(value, str) else value)
    clash = Partnership.objects.filter(name__iexact=partnership.name).exclude(pk=partnership.pk).first()
    if clash is not None:
        raise ServiceError(f"'{clash.name}' is in the directory already", field="name")
    partnership.save()
    partnership.organisations.set(organisations)
    partnership.people.set(people)
    return partnership


# --- the header search ---------------------------------------------------------------------------------------------
def search_organisations(user, text: str, limit: int) -> tuple[list[SearchHit], int]:
    filterset = OrganisationFilter({"q": text}, queryset=organisations(user))
    if not filterset.is_valid():
        return [], 0
    found = filterset.qs
    hits = [SearchHit(o.name, o.get_absolute_url(), o.get_kind_display()) for o in found[:limit]]
    return hits, found.count()


def search_people(user, text: str, limit: int) -> tuple[list[SearchHit], int]:
    filterset = PersonFilter({"q": text}, queryset=people(user))
    if not filterset.is_valid():
        return [], 0
    found = filterset.qs
    hits = [
        SearchHit(
            p.name, p.get_absolute_url(), ", ".join(filter(None, [p.role, p.organisation and p.organisation.name]))
        )
        for p in found[:limit]
    ]
    return hits, found.count()
