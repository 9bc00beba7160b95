"""Procurement's template tags: money as pounds (`{{ amount|gbp }}`) and a requisition's status as a GOV.UK tag
(`{% status_tag requisition %}`)."""

from django import template
from django.utils.html import format_html

from procurement.models import Status
from procurement.money import gbp as _gbp

register = template.Library()

COLOURS = {
    Status.DRAFT: "grey",
    Status.SUBMITTED: "blue",
    Status.RETURNED: "yellow",
    Status.REJECTED: "red",
    Status.APPROVED: "turquoise",
    Status.ORDERED: "purple",
    Status.RECEIVED: "pink",
    Status.INVOICED: "green",
    Status.CANCELLED: "grey",
}


@register.filter
def gbp(amount):
    return _gbp(amount)


@register.simple_tag
def status_tag(requisition):
    colour = COLOURS.get(requisition.status, "grey")
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, requisition.get_status_display())


WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


@register.filter
def quantity(value):
    """A quantity without trailing zeros: 2, 2.5, 0.25."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@register.simple_tag
def quotes_needed(band):
    """What a band asks for, in words: "Three written quotes", "One quote", "A tender through the procurement team"."""
    n = band.quotes
    count = WORDS[n] if 0 <= n < len(WORDS) else str(n)
    plural = "" if n == 1 else "s"
    if band.quote_kind == "tender":
        return "A tender through the procurement team"
    if band.quote_kind == "written":
        return f"{count.capitalize()} written quote{plural}"
    if band.quote_kind == "formal":
        return f"{count.capitalize()} formal quotation{plural}"
    return f"{count.capitalize()} quote{plural}"


@register.simple_tag
def tier_label(tier):
    """An approval tier's name: "Budget holder", "Head of Mayor's Office"."""
    from procurement.models.rules import TIER_LABELS

    return TIER_LABELS.get(tier, tier)
