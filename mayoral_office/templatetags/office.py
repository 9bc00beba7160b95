from datetime import date

from django import template
from django.utils import timezone
from django.utils.html import format_html

register = template.Library()

_WIDGET_CLASSES = {
    "select": "govuk-select",
    "nullbooleanselect": "govuk-select",
    "selectmultiple": "govuk-select",
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
}


@register.filter
def govuk_widget(field):
    """Render a bound field's widget with the GOV.UK class for its type (used by filter panels)."""
    widget_type = field.widget_type
    css = _WIDGET_CLASSES.get(widget_type, "govuk-select" if "select" in widget_type else "govuk-input")
    if field.errors:
        css += " govuk-input--error" if css == "govuk-input" else " govuk-select--error"
    return field.as_widget(attrs={"class": css})


@register.filter
def uk_date(value):
    """3 April 2026 — the date format UK officers expect."""
    if not value:
        return ""
    if hasattr(value, "astimezone") and timezone.is_aware(value):
        value = timezone.localtime(value)
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    return value


@register.simple_tag(takes_context=True)
def sort_link(context, field, label):
    """A column heading link that sorts by `field`, toggling direction, keeping the other query parameters."""
    request = context["request"]
    params = request.GET.copy()
    current = params.get("ordering", "")
    params["ordering"] = f"-{field}" if current == field else field
    params.pop("page", None)
    state = "ascending" if current == field else ("descending" if current == f"-{field}" else "")
    arrow = {"ascending": " ▲", "descending": " ▼"}.get(state, "")
    hidden = f" (sorted {state})" if state else ""
    return format_html(
        '<a class="govuk-link app-sort" href="?{}">{}{}<span class="govuk-visually-hidden">{}</span></a>',
        params.urlencode(),
        label,
        arrow,
        hidden,
    )


@register.simple_tag
def history_link(record, label="History"):
    """A record page's link to the record's own changes (`record-history`: open to anyone who may see it)."""
    from mayoral_office.audit_display import history_url_for

    return format_html(
        '<a class="govuk-link app-no-print" data-action="record.history" href="{}">'
        '{}<span class="govuk-visually-hidden"> of {}</span></a>',
        history_url_for(record),
        label,
        record,
    )
