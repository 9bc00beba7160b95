"""Logging a case from an email file an officer saved (.eml, or Outlook's .msg): read the same way as a message from
a casework mailbox (casework/email_intake.py)."""

from __future__ import annotations

from crispy_forms_gds.layout import Field
from django import forms
from django.conf import settings

from casework.email_intake import UnreadableEmail, parse_upload
from casework.models import CaseType, Sensitivity
from casework.selectors import members_for
from mayoral_office.access import may_see_sensitive
from mayoral_office.forms import GovFormMixin, ModelChoiceField


class EmailFileForm(GovFormMixin, forms.Form):
    submit_label = "Log the case"

    email_file = forms.FileField(
        label="Email file",
        help_text="An email saved as an .eml file, or an Outlook message saved as a .msg file, up to 20 MB. "
        "The sender, subject, text, date and attachments are taken from it.",
        error_messages={"required": "Choose the email file", "empty": "The chosen file is empty"},
    )
    case_type = ModelChoiceField(
        queryset=CaseType.objects.none(),
        label="Type of case",
        empty_label="Choose a type",
        error_messages={"required": "Choose the type of case", "invalid_choice": "Choose a type from the list"},
    )
    member = ModelChoiceField(
        queryset=None,
        label="Addressed to",
        empty_label="Choose a member",
        error_messages={"required": "Choose the member it is addressed to", "invalid_choice": "Choose a member"},
    )
    sensitivity = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=Sensitivity.choices,
        initial=Sensitivity.STANDARD,
        label="Sensitivity",
        error_messages={"required": "Choose the sensitivity", "invalid_choice": "Choose a sensitivity from the list"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_type"].queryset = CaseType.objects.filter(is_active=True)
        self.fields["member"].queryset = members_for(user)
        if not may_see_sensitive(user):
            self.fields["sensitivity"].choices = [(Sensitivity.STANDARD, "Standard")]

    def clean_email_file(self):
        upload = self.cleaned_data["email_file"]
        limit = settings.MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"The email file must be smaller than {limit // (1024 * 1024)} MB")
        try:
            upload.seek(0)
            self.cleaned_data["parsed"] = parse_upload(upload.name, upload.read())
        except UnreadableEmail as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload

    def layout_fields(self):
        return [
            Field("email_file"),
            Field.select("case_type"),
            Field.select("member"),
            Field.radios("sensitivity", inline=True),
        ]
