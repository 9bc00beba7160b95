from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from mayoral_office import dashboard

register = template.Library()


@register.filter
def chart_data(table):
    return dashboard.chart_data(table)


@register.filter
def dom_id(key: str) -> str:
    """A table's key ("casework.open_by_stage") as an element id."""
    return key.replace(".", "-").replace("_", "-")


@register.filter
def chart_for(charts: dict, key: str):
    """A table's SVG chart from the report's {table key: svg}."""
    return charts.get(key, "")


ROW_HEADER = '<th scope="row" class="govuk-table__header">{}</th>'
FIGURE = '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
LINKED = '<a class="govuk-link" href="{}">{}</a>'


@register.filter
def figure_rows(table):
    """A dashboard table's body: a row each, its first cell the row's header, the rest figures, each linking to the
    list behind it when it has one. One filter rather than a template loop per cell (a dashboard has hundreds), each
    cell's text and address escaped once, then put in the markup."""

    def cell(index, c):
        text = escape(str(c))
        return (ROW_HEADER if index == 0 else FIGURE).format(LINKED.format(escape(c.url), text) if c.url else text)

    rows = ("".join(cell(i, c) for i, c in enumerate(row)) for row in table.rows)
    return mark_safe("\n".join(f'<tr class="govuk-table__row">{cells}</tr>' for cells in rows))  # noqa: S308 escaped
