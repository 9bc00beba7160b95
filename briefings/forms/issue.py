"""Issuing a pack (the change summary, required from version 2 on), and choosing the version to compare with on
"what changed". Plain-English messages; a summary longer than the limit is refused, never cut."""

from __future__ import annotations

from django import forms

from mayoral_office.form_fields import text_field
from mayoral_office.forms import GovFormMixin

CHANGE_SUMMARY_LIMIT = 2000


class IssueForm(GovFormMixin, forms.Form):
    submit_label = "Issue the pack"

    change_summary = text_field(
        "What has changed since the last version",
        what="what has changed since the last version",
        called="the change summary",
        limit=CHANGE_SUMMARY_LIMIT,
        rows=5,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, pack, **kwargs):
        super().__init__(*args, **kwargs)
        if pack.latest_version:
            self.fields["change_summary"].required = True
            self.fields[
                "change_summary"
            ].help_text = f"The members are told what changed since version {pack.latest_version}."
        else:
            self.fields["change_summary"].label = "Note for the members (optional)"
            self.fields["change_summary"].help_text = "This is the first version: a note is not needed."


class CompareForm(forms.Form):
    """`?since=N` on the changes page: an earlier version of the same pack."""

    since = forms.TypedChoiceField(
        label="Compare with version",
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Choose an earlier version of this pack"},
    )

    def __init__(self, *args, number: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["since"].choices = [(n, f"Version {n}") for n in range(number - 1, 0, -1)]


def posted_version(data) -> int | None:
    """The pack's version a one-button form was shown with (a hidden field), or None if absent or not a number."""
    value = (data.get("version") or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None
