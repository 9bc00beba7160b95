"""Section forms: adding a section of a kind, writing its heading and text (Markdown), moving it up or down, and
uploading a background paper."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Size
from django import forms

from briefings.models import SectionKind
from mayoral_office.form_fields import text_field
from mayoral_office.forms import GovFormMixin

BODY_LIMIT = 100_000


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SectionAddForm(GovFormMixin, forms.Form):
    submit_label = "Add the section"

    kind = forms.ChoiceField(
        label="What kind of section?",
        choices=SectionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of section", "invalid_choice": "Choose a kind from the list"},
    )
    title = text_field(
        "Heading",
        what="the heading",
        limit=200,
        help_text="Leave it empty to use the kind's name, such as “Key messages”",
    )

    def layout_fields(self):
        return [Field.radios("kind", legend_size=Size.SMALL, small=True), Field.text("title")]


class SectionForm(GovFormMixin, VersionMixin):
    submit_label = "Save the section"

    title = text_field("Heading", what="the heading", required=True, limit=200)
    body = text_field(
        "Text",
        what="the text",
        limit=BODY_LIMIT,
        rows=18,
        help_text="Markdown: **bold**, *italic*, lines starting “- ” for a list, “## ” for a subheading. "
        "HTML is removed",
    )

    def layout_fields(self):
        return [Field("version"), Field.text("title"), Field.textarea("body", rows=18)]


class MoveForm(forms.Form):
    section = forms.IntegerField(min_value=1, error_messages={"required": "Choose a section to move"})
    direction = forms.ChoiceField(
        choices=[("up", "Up"), ("down", "Down")], error_messages={"invalid_choice": "Move a section up or down"}
    )


class PaperForm(GovFormMixin, forms.Form):
    submit_label = "Upload the paper"

    paper = forms.FileField(
        label="Background paper (PDF)",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        help_text="A PDF of up to 20 MB and 200 pages, not password-protected",
        error_messages={"required": "Choose the background paper to upload", "empty": "The file is empty"},
    )

    def layout_fields(self):
        return [Field("paper")]


class RemoveForm(GovFormMixin, VersionMixin):
    submit_label = "Remove the section"

    def layout_fields(self):
        return [Field("version")]
