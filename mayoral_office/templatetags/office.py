from datetime import date, datetime

from django import template
from django.forms import ModelChoiceField
from django.forms.utils import flatatt
from django.forms.widgets import FileInput, Input
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from mayoral_office import choices
from mayoral_office.text import render_markdown

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
    if widget_type == "select" and not field.errors and not field.field.widget.attrs:
        return _select(field, css)
    if isinstance(field.field.widget, Input) and not isinstance(field.field.widget, FileInput):
        return _input(field, css)
    return field.as_widget(attrs={"class": css})


def _input(field, css: str) -> str:
    """A text, date or number <input> written directly, as Django's input template would write it (five of them on
    a queue's filter panel, each a template render)."""
    widget = field.field.widget
    attrs = field.build_widget_attrs({"class": css}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    value = "" if context["value"] is None else format_html(' value="{}"', context["value"])
    return format_html(
        '<input type="{}" name="{}"{}{}>', context["type"], context["name"], value, flatatt(context["attrs"])
    )


def _select(field, css: str) -> str:
    """A plain single <select> written directly, as Django's Select widget would write it: the widget renders each
    option through a template of its own, which cost a queue page with a filter panel about a third of its time."""
    value = field.value()
    chosen = "" if value is None else str(value)
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((str(v), mark_safe(" selected") if str(v) == chosen else "", label) for v, label in _choices(field.field)),  # noqa: S308
    )
    return format_html('<select name="{}" class="{}" id="{}">{}</select>', field.html_name, css, field.auto_id, options)


def _choices(formfield):
    """A model choice field's options: kept in the cache for reference tables (mayoral_office.choices), otherwise
    from one plain fetch (its own iterator opens a server-side cursor on PostgreSQL: three round trips a select)."""
    if not isinstance(formfield, ModelChoiceField) or getattr(formfield, "null_label", None):
        return formfield.choices
    empty = [] if formfield.empty_label is None else [("", formfield.empty_label)]
    return empty + choices.options(formfield, _records)


def _records(formfield) -> list[tuple]:
    return [(formfield.prepare_value(obj), formfield.label_from_instance(obj)) for obj in formfield.queryset]


@register.filter
def page_links(page):
    """The page numbers a GOV.UK pagination shows: the first, the last, two either side of this one, and an
    ellipsis for each gap (not one entry per page of a list ten years long)."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


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


@register.filter
def uk_when(value):
    """A date as uk_date; a date and time as '3 April 2026, 10:30' (London time)."""
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{uk_date(local)}, {local:%H:%M}"
    return uk_date(value)


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


@register.filter
def markdown(text):
    """Markdown written in the app (a briefing section, a guide) as safe HTML: rendered with raw HTML off, then only
    a document's tags kept (no images, no scripts, links only to http, https and mailto addresses)."""
    return mark_safe(render_markdown(text or ""))  # noqa: S308 (sanitised by nh3 in render_markdown)
