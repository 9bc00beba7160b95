"""`{% chase_history record %}`: the record's chase history in a few sentences, on its page (nothing at all when it
was never chased). One query (mayoral_office.chasing.history; the content type comes from Django's cache)."""

from django import template

from mayoral_office import chasing, chasing_display

register = template.Library()

_HEADING_CLASSES = {2: "govuk-heading-m", 3: "govuk-heading-s", 4: "govuk-heading-s"}


@register.inclusion_tag("mayoral_office/includes/chase_history.html")
def chase_history(record, level=2):
    """`level`: the heading's level in the page's scale (2, the default, for an <h2>; 3 under a page's <h2>)."""
    lines = chasing_display.condense(chasing.history(record)) if record is not None and record.pk else []
    level = level if level in _HEADING_CLASSES else 2
    return {"lines": lines, "level": level, "heading_class": _HEADING_CLASSES[level]}
