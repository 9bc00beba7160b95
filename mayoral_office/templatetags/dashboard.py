from django import template

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
