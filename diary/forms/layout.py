"""A GOV.UK details component as a crispy-forms layout object: a short, collapsible group of fields that opens by
itself when one of its fields is in error (so the error summary's links lead somewhere visible)."""

from __future__ import annotations

from crispy_forms.layout import LayoutObject
from crispy_forms.utils import TEMPLATE_PACK
from django.template.loader import render_to_string


class Details(LayoutObject):
    template = "diary/forms/details.html"

    def __init__(self, summary: str, *fields, css_id: str = "", open: bool = False):
        self.summary = summary
        self.fields = list(fields)
        self.css_id = css_id
        self.open = open

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        names = [pointer.name for pointer in self.get_field_names()]
        in_error = any(form[name].errors for name in names if name in form.fields)
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        return render_to_string(
            self.template,
            {"details": self, "fields": fields, "open": self.open or in_error},
        )
