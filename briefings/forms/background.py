"""The background proposal's checklist: which of the lines found to keep (keys of lines the server found; any other
value posted is dropped, never shown or saved), and an optional introduction."""

from __future__ import annotations

from crispy_forms_gds.layout import Layout
from django import forms

from mayoral_office.form_fields import text_field
from mayoral_office.forms import GovFormMixin

INTRO_LIMIT = 2_000


class KnownKeysField(forms.MultipleChoiceField):
    """Ticked lines: only keys of the proposal's lines are kept; an unknown value is ignored, not an error."""

    def clean(self, value):
        known = {str(key) for key, _ in self.choices}
        kept = [v for v in self.to_python(value) if v in known]
        if self.required and not kept:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return kept


class BackgroundForm(GovFormMixin, forms.Form):
    submit_label = "Add to the pack"

    lines = KnownKeysField(
        label="What to include",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one record to include in the background"},
    )
    intro = text_field(
        "Introduction (optional)",
        what="an introduction",
        called="the introduction",
        limit=INTRO_LIMIT,
        rows=3,
        help_text="A sentence or two above the list, for example what the member should know first",
    )

    def __init__(self, *args, keys: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].choices = [(key, key) for key in keys]
        if not self.is_bound:
            self.initial.setdefault("lines", list(keys))  # every line ticked to begin with
        self.helper.layout = Layout()  # the template lays out the checklist, grouped by source

    def layout_fields(self):
        return []
