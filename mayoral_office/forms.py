from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fixed, Layout
from django import forms
from django.contrib.auth.forms import AuthenticationForm

from mayoral_office.form_fields import date_field
from mayoral_office.lists import parse_pk


class ModelChoiceField(forms.ModelChoiceField):
    """A pick-list of records where a tampered value (a 40-digit id, '²', 'abc') is "not a valid choice", never a
    database error: only keys a database integer can hold reach the query."""

    def to_python(self, value):
        if value not in self.empty_values and not self.to_field_name and parse_pk(value) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes or a multiple select of records, refusing tampered values the same way as ModelChoiceField."""

    def _check_values(self, value):
        if not self.to_field_name:
            for item in value:
                if parse_pk(item) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                    )
        return super()._check_values(value)


class GovFormMixin:
    """A crispy-forms-gds helper with a GOV.UK error summary and one submit button."""

    submit_label = "Continue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template owns the <form>, its CSRF token and hidden fields
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def layout_fields(self):
        return list(self.fields)


class SignInForm(GovFormMixin, AuthenticationForm):
    submit_label = "Sign in"
    error_messages = {
        "invalid_login": "Enter a correct email address and password.",
        "inactive": "This account has been disabled. Ask the Head of Mayor's Office to re-enable it.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def layout_fields(self):
        return [Field.text("username"), Field.text("password")]


class TokenForm(GovFormMixin, forms.Form):
    submit_label = "Continue"
    token = forms.CharField(
        label="Security code",
        help_text="The 6-digit code shown in your authenticator app, or one of your 8-character backup codes.",
        max_length=12,
        error_messages={
            "required": "Enter the 6-digit security code",
            "max_length": "Enter the 6-digit security code, or an 8-character backup code",
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "").replace("-", "").lower()
        if token.isdigit() and len(token) == 6:
            return token
        if len(token) == 8 and token.isascii() and token.isalnum():
            return token  # a backup code (django-otp's static tokens)
        raise forms.ValidationError("Enter the 6-digit security code, or an 8-character backup code")

    def layout_fields(self):
        return [Field.text("token", field_width=Fixed.TEN)]


class EmailSettingsForm(GovFormMixin, forms.Form):
    submit_label = "Save your email settings"
    chase_alerts = forms.BooleanField(
        label="Email me at once when something new is due for me, as well as the daily digest",
        required=False,
        help_text="One email for each new item, on working days from the time the digest is written.",
    )

    def layout_fields(self):
        return [Field.checkbox("chase_alerts")]


class DashboardPeriodForm(forms.Form):
    """The dashboard's period: one of the standard ones, or the officer's own dates."""

    period = forms.ChoiceField(
        choices=[
            ("this_week", "This week"),
            ("last_week", "Last week"),
            ("last_4_weeks", "Last 4 weeks"),
            ("year_to_date", "Year to date (from 1 April)"),
            ("custom", "Dates I choose"),
        ],
        required=False,
        label="Period",
    )
    start = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].initial = "last_4_weeks"
        self.fields["period"].error_messages["invalid_choice"] = "Choose a period from the list"
        for name in ("start", "end"):
            self.fields[name].error_messages["invalid"] = "Enter a real date"

    def clean(self):
        data = super().clean()
        if data.get("period") == "custom":
            for name in ("start", "end"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, f"Enter the date the period {'starts' if name == 'start' else 'ends'}")
            if data.get("start") and data.get("end") and data["start"] > data["end"]:
                self.add_error("start", "The period must start on or before the day it ends")
        return data


class ObjectiveUpdateForm(GovFormMixin, forms.Form):
    submit_label = "Save this quarter's update"
    rag = forms.ChoiceField(
        label="RAG status",
        choices=[("green", "Green: on track"), ("amber", "Amber: at risk, with a plan"), ("red", "Red: off track")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose red, amber or green"},
    )
    summary = forms.CharField(
        label="Progress and next steps",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        error_messages={"required": "Say what progress has been made and what comes next"},
    )

    def layout_fields(self):
        return [Field.radios("rag", legend_size="s"), Field.textarea("summary")]


class GuideForm(GovFormMixin, forms.Form):
    submit_label = "Save the guide"
    title = forms.CharField(
        label="Title", max_length=200, help_text="Put it as the question it answers: 'How do I log a case?'"
    )
    summary = forms.CharField(label="Summary (optional)", max_length=250, required=False)
    body = forms.CharField(
        label="The guide",
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=20000,
        help_text="Markdown: a heading starts with ##, a list item with - or 1., a link is [text](address).",
        error_messages={"required": "Write the guide"},
    )
    page = forms.ChoiceField(label="Page it explains (optional)", required=False)
    owner = ModelChoiceField(label="Owner", queryset=None, help_text="Who keeps it right and is reminded to review it.")
    review_on = date_field("Review date", help_text="For example, 3 12 2027")

    def __init__(self, *args, pages=(), owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].choices = [("", "None"), *((name, f"{route} ({name})") for name, route in pages)]
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda user: user.full_name

    def layout_fields(self):
        return [
            Field.text("title"),
            Field.text("summary"),
            Field.textarea("body"),
            Field.select("page"),
            Field.select("owner"),
            Field("review_on"),
        ]


class GuideReviewForm(GovFormMixin, forms.Form):
    submit_label = "Record the review"
    next_review_on = date_field("Next review", help_text="For example, 3 12 2027")


class AbsenceForm(GovFormMixin, forms.Form):
    submit_label = "Record the absence"
    officer = ModelChoiceField(label="Who is away", queryset=None, error_messages={"required": "Choose who is away"})
    cover = ModelChoiceField(
        label="Who covers",
        queryset=None,
        help_text="They see the items due on their home page and are chased for them.",
        error_messages={"required": "Choose who covers"},
    )
    starts_on = date_field("First day away")
    ends_on = date_field("Last day away")
    note = forms.CharField(
        label="Note (optional)", max_length=200, required=False, help_text="Annual leave, training..."
    )

    def __init__(self, *args, officers, covers, **kwargs):
        super().__init__(*args, **kwargs)
        for name, people in (("officer", officers), ("cover", covers)):
            self.fields[name].queryset = people
            self.fields[name].label_from_instance = lambda user: user.full_name

    def layout_fields(self):
        return [
            Field.select("officer"),
            Field.select("cover"),
            Field("starts_on"),
            Field("ends_on"),
            Field.text("note"),
        ]


class _DirectoryForm(GovFormMixin, forms.ModelForm):
    submit_label = "Save"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from mayoral_office.models import User

        if "owner" in self.fields:
            self.fields["owner"].queryset = User.objects.filter(is_active=True).order_by("full_name")
            self.fields["owner"].label_from_instance = lambda user: user.full_name

    def layout_fields(self):
        fields = []
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.Textarea):
                fields.append(Field.textarea(name, rows=4))
            elif isinstance(field.widget, forms.CheckboxSelectMultiple):
                fields.append(Field.checkboxes(name, small=True))
            elif isinstance(field.widget, forms.Select):
                fields.append(Field.select(name))
            else:
                fields.append(Field.text(name))
        return fields


def _directory_field(field, **kwargs):
    """The directory forms' fields: pick-lists that refuse a tampered id (this module's choice fields), and a website
    typed without its scheme taken as https (Django 6's default)."""
    from django.db import models

    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    elif isinstance(field, models.ManyToManyField):
        kwargs["form_class"] = ModelMultipleChoiceField
    elif isinstance(field, models.ForeignKey):
        kwargs["form_class"] = ModelChoiceField
    return field.formfield(**kwargs)


class OrganisationForm(_DirectoryForm):
    class Meta:
        from mayoral_office.models import Organisation

        model = Organisation
        formfield_callback = _directory_field
        fields = ["name", "kind", "address", "ward", "email", "phone", "website", "owner", "tags", "notes"]


class PersonForm(_DirectoryForm):
    class Meta:
        from mayoral_office.models import Stakeholder

        model = Stakeholder
        formfield_callback = _directory_field
        fields = ["name", "role", "organisation", "email", "phone", "ward", "owner", "tags", "notes"]


class PartnershipForm(_DirectoryForm):
    class Meta:
        from mayoral_office.models import Partnership

        model = Partnership
        formfield_callback = _directory_field
        fields = ["name", "purpose", "owner", "organisations", "people"]
        widgets = {"organisations": forms.CheckboxSelectMultiple, "people": forms.CheckboxSelectMultiple}
