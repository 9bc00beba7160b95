"""People in the office's stakeholder directory (mayoral_office's Stakeholder) as casework's correspondents: found
as the officer types on the intake form (beside the correspondents we already hold), and their entry's details
used for a new correspondent when chosen, or from the link on their directory page."""

from __future__ import annotations

from django.db.models import Q

from mayoral_office.models import Stakeholder

# The directory's kinds of organisation as casework's kinds of correspondent (anyone else writes as a resident).
DIRECTORY_KINDS = {"mp": "mp", "business": "business", "media": "media", "government": "agency", "anchor": "agency"}


def matches(user, *, email: str = "", name: str = "", limit: int = 5) -> list[Stakeholder]:
    """People in the directory the user may read with the email address typed, or whose name contains the name
    typed (already in standard form, as selectors.correspondent_matches takes them). One query."""
    condition = Q()
    if email:
        condition |= Q(email__iexact=email)
    if name:
        condition |= Q(name__icontains=name)
    if not condition:
        return []
    found = Stakeholder.objects.visible_to(user).filter(condition).select_related("organisation", "ward")
    return list(found.order_by("name", "pk")[:limit])


def chosen(user, pk: int | None) -> Stakeholder | None:
    """A person of the directory the user may read (a tampered or unknown id is None)."""
    return Stakeholder.objects.visible_to(user).select_related("organisation", "ward").filter(pk=pk or 0).first()


def details(person: Stakeholder) -> dict:
    """The intake form's correspondent fields from their directory entry, as the form would take them: as long as
    a correspondent's fields may be, the phone number in its standard form (or none, if the entry's is not a UK
    number)."""
    from casework.forms.fields import phone_or_none

    organisation = person.organisation
    return {
        "name": person.name[:150],
        "organisation": organisation.name[:150] if organisation else "",
        "email": person.email,
        "phone": phone_or_none(person.phone),
        "ward": person.ward,
        "kind": DIRECTORY_KINDS.get(organisation.kind, "resident") if organisation else "resident",
    }
