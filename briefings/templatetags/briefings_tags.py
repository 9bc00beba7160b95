"""Template filters of the briefings app: section text rendered from Markdown (sanitised: mayoral_office/text.py), and
a pack's stage as a GOV.UK tag colour."""

from django import template

from briefings.models import Stage
from mayoral_office.templatetags.office import markdown as office_markdown

register = template.Library()

STAGE_COLOURS = {
    Stage.NONE: "grey",
    Stage.COMMISSIONED: "blue",
    Stage.IN_DRAFT: "yellow",
    Stage.CLEARED: "turquoise",
    Stage.ISSUED: "green",
    Stage.LATE: "red",
}


register.filter("markdown", office_markdown)  # section text as safe HTML (the core's filter, for these templates)


@register.filter
def stage_colour(stage) -> str:
    return STAGE_COLOURS.get(stage, "grey")


@register.filter
def stage_label(stage) -> str:
    try:
        return Stage(stage).label
    except ValueError:
        return ""
