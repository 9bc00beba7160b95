"""Template filters of the briefings app: section text rendered from Markdown (sanitised: briefings/text.py), and
a pack's stage as a GOV.UK tag colour."""

from django import template
from django.utils.safestring import mark_safe

from briefings.models import Stage
from briefings.text import render_markdown

register = template.Library()

STAGE_COLOURS = {
    Stage.NONE: "grey",
    Stage.COMMISSIONED: "blue",
    Stage.IN_DRAFT: "yellow",
    Stage.CLEARED: "turquoise",
    Stage.ISSUED: "green",
    Stage.LATE: "red",
}


@register.filter
def markdown(text):
    """Section text as safe HTML: Markdown rendered with raw HTML off, then only a briefing's tags kept (no images,
    no scripts, links only to http, https and mailto addresses)."""
    return mark_safe(render_markdown(text or ""))  # noqa: S308 (sanitised by nh3 in render_markdown)


@register.filter
def stage_colour(stage) -> str:
    return STAGE_COLOURS.get(stage, "grey")


@register.filter
def stage_label(stage) -> str:
    try:
        return Stage(stage).label
    except ValueError:
        return ""
