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
