"""An email file (.eml, or Outlook's .msg) dropped or chosen on the intake form: read the same way as a message from
a casework mailbox (casework/email_intake.py), the fields the officer left blank filled in from it, and its
attachments logged with the case. The file is kept between the form's pages (casework/email_files.py)."""

from __future__ import annotations

import contextlib

from crispy_forms_gds.layout import HTML, Div, Field, Fieldset, Size
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from casework import email_files
from casework.email_intake import UnreadableEmail
from casework.models import Channel

# An email file dropped or chosen on the form: read at once with this button (the form comes back filled in), or
# with "Log the case". What it read is shown under it (casework/includes/email_file.html).
EMAIL_FILE_READ = (
    '<button type="submit" name="read_email" value="1" class="govuk-button govuk-button--secondary" '
    'data-module="govuk-button" data-email-read>Read the email</button>'
    '{% include "casework/includes/email_file.html" with email=form.email_read %}'
)
# What an email fills in when the officer has left it blank.
EMAIL_DATE_PARTS = ("received_date_0", "received_date_1", "received_date_2")


def email_fills(parsed) -> dict:
    """The intake form's fields as an email gives them: how it arrived, when, the sender, subject and text."""
    now = timezone.now()
    sent = timezone.localtime(min(parsed.sent_at or now, now))
    fills = {
        "channel": Channel.EMAIL,
        **dict(zip(EMAIL_DATE_PARTS, (str(sent.day), str(sent.month), str(sent.year)), strict=True)),
        "received_time": sent.strftime("%H:%M"),
        "subject": parsed.case_subject,
        "body": parsed.body,
    }
    try:
        validate_email(parsed.sender_email)
    except ValidationError:
        address = ""
    else:
        address = fills["email"] = parsed.sender_email
    name = " ".join(parsed.sender_name.split())[:150] or address
    if name:
        fills["name"] = name
    return fills


class EmailFileForm(forms.Form):
    """The intake form's email file: `email_read` (an email_files.EmailFile) once read, `email_error` if it could not
    be, `reading` when the officer pressed "Read the email" with a new file (nothing is logged then)."""

    email_file = forms.FileField(
        label="Email file (optional)",
        required=False,
        help_text="Drop an email here, or choose one saved from Outlook (.msg) or another mail program (.eml). "
        "Its sender, subject, text, date and attachments fill in this form; check them, then log the case.",
        error_messages={"empty": "The chosen file is empty", "invalid": "Choose the email file again"},
    )
    email_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, files=None, *, user, **kwargs):
        self.email_read, self.email_error, self.reading = None, "", False
        if data is not None:
            data = self._read_email(data, files, user)
        super().__init__(data, files, **kwargs)

    def _read_email(self, data, files, user):
        """An email file just chosen (or kept from the form's last page): read, and the fields the officer left
        blank filled in from it (a second email chosen instead of the first replaces what the first filled in).
        "Read the email" only reads (nothing is logged); with no new file and none kept it logs as usual, so Enter
        in a field of a form without an email still logs the case."""
        upload = files.get("email_file") if files else None
        token = (data.get("email_token") or "").strip()
        self.reading = bool(data.get("read_email")) and (upload is not None or bool(token))
        data = data.copy()
        data["email_token"] = ""  # kept only while its file is
        previous = {}
        try:
            if upload is not None:
                if not upload.size:
                    raise UnreadableEmail("The chosen file is empty")
                if upload.size > settings.MAX_UPLOAD_BYTES:
                    raise UnreadableEmail(f"The email file must be smaller than {settings.MAX_UPLOAD_BYTES >> 20} MB")
                if token:
                    with contextlib.suppress(UnreadableEmail):
                        previous = email_fills(email_files.read_again(user, token).parsed)
                self.email_read = email_files.read(user, upload.name, upload.read())
            elif token:
                self.email_read = email_files.read_again(user, token)
        except UnreadableEmail as exc:
            self.email_error = str(exc)
        if self.email_read is None:
            return data
        data["email_token"] = self.email_read.token

        def left(name) -> bool:  # blank, or as the email chosen before filled it in
            value = (data.get(name) or "").strip()
            return not value or (name in previous and value == str(previous[name]).strip())

        fills = email_fills(self.email_read.parsed)
        date_left = all(left(part) for part in EMAIL_DATE_PARTS)
        for name, value in fills.items():
            if date_left if name in EMAIL_DATE_PARTS else left(name):
                data[name] = value
        return data

    def email_problem(self) -> str:
        """Why the email cannot be logged (unreadable, an automatic reply, a bounce), or ""."""
        return self.email_error or (self.email_read.refusal if self.email_read else "")

    def logged(self) -> None:
        """The case is logged: the email file kept between the form's visits is no longer needed."""
        if self.email_read is not None:
            email_files.forget(self.email_read.token)

    def clean_email_file(self):
        problem = self.email_problem()
        if problem:
            raise ValidationError(problem)
        return None

    def email_fieldset(self):
        return Fieldset(
            Div(Field("email_file"), HTML(EMAIL_FILE_READ), css_class="cw-email-drop", data_email_drop=""),
            Field("email_token"),
            legend="From an email (optional)",
            legend_size=Size.MEDIUM,
        )
