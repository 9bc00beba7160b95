"""Logging correspondence and changing a case's details."""

from __future__ import annotations

from datetime import datetime, time

from crispy_forms_gds.layout import HTML, Field, Fieldset, Size
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join

from casework import selectors, stakeholders
from casework.deadlines import RECEIVED_MAX_YEARS, years_ago
from casework.forms.email_file import EmailFileForm
from casework.forms.fields import (
    MultipleFileField,
    UKDateField,
    UKPhoneNumberField,
    UKPostcodeField,
    VersionMixin,
    check_files,
    parse_time,
    phone_or_none,
    postcode_or_none,
)
from casework.letters import TITLE_SUGGESTIONS
from casework.models import (
    Case,
    CaseType,
    Channel,
    Correspondent,
    Priority,
    Sensitivity,
)
from casework.selectors import allocatable_officers, members_for
from mayoral_office.access import may_see_sensitive
from mayoral_office.forms import GovFormMixin, ModelChoiceField
from mayoral_office.lists import parse_pk
from mayoral_office.models import Portfolio, Ward

CORRESPONDENT_FORM_FIELDS = [
    "kind", "title", "name", "salutation", "organisation", "address", "postcode", "ward", "email", "phone"
]  # fmt: skip
# What the officer types that is matched against the correspondents already held (selectors.correspondent_matches).
MATCH_FIELDS = ("email", "phone", "name", "postcode")
# Fields a follow-up to an open case does not need: the case it joins has them.
CASE_ONLY_FIELDS = ("case_type", "member", "sensitivity", "priority")
MATCH_REQUIRED = "Choose whether this is someone we already know, or someone new"
TITLE_DATALIST = '<datalist id="title-suggestions">{}</datalist>'.format(
    format_html_join("", '<option value="{}">', ((t,) for t in TITLE_SUGGESTIONS))
)
# The live region the matches appear in as the officer types (and, after a submit, the choice still to make).
MATCHES_REGION = (
    '<div id="correspondent-matches" class="cw-matches" aria-live="polite">'
    '{% include "casework/includes/correspondent_matches.html" with matches=form.matches '
    "directory=form.directory_matches choice_kind=form.choice_kind choice_pk=form.choice_pk "
    "error=form.errors.match.0 %}</div>"
)


def match_choice(data) -> tuple[str, int | None]:
    """The choice made among the matches, as ("person" | "case" | "directory" | "new" | "", id or None)."""
    kind, _, number = (data.get("match") or "").strip().partition("-")
    return kind, parse_pk(number)


def match_terms(data) -> dict:
    """What has been typed so far, in the standard form the matching compares (an incomplete or unreal email
    address, phone number or postcode is left out rather than refused: the officer is still typing)."""
    email = " ".join((data.get("email") or "").split())
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    name = " ".join((data.get("name") or "").split())[:150]
    return {
        "email": email,
        "phone": phone_or_none(data.get("phone") or ""),
        "name": name if len(name) >= 3 else "",
        "postcode": postcode_or_none(data.get("postcode") or ""),
    }


class CaseIntakeForm(GovFormMixin, EmailFileForm):
    submit_label = "Log the case"

    case_type = ModelChoiceField(
        queryset=CaseType.objects.none(),
        label="Type of case",
        empty_label="Choose a type",
        error_messages={
            "required": "Choose the type of case",
            "invalid_choice": "Choose a type from the list",
        },
    )
    channel = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=Channel.choices,
        label="How did it arrive?",
        error_messages={"required": "Choose how the correspondence arrived"},
    )
    received_date = UKDateField(
        what="the date received",
        past_only=True,
        max_years_past=RECEIVED_MAX_YEARS,
        label="Date received",
        help_text="For example, 27 3 2026",
    )
    received_time = forms.CharField(
        label="Time received (optional)", required=False, help_text="For example, 9:30 or 14:05", max_length=8
    )
    member = ModelChoiceField(
        queryset=None,
        label="Addressed to",
        empty_label="Choose a member",
        error_messages={
            "required": "Choose the member it is addressed to",
            "invalid_choice": "Choose a member",
        },
    )
    kind = forms.ChoiceField(
        widget=forms.RadioSelect,
        initial=Correspondent.Kind.RESIDENT,
        choices=Correspondent.Kind.choices,
        label="Type of correspondent",
        error_messages={"required": "Choose the type of correspondent"},
    )
    title = forms.CharField(
        label="Title (optional)",
        max_length=30,
        required=False,
        help_text="For example Mr, Ms, Dr, Cllr, Sir or Baroness. The letter greets them by title and surname.",
        widget=forms.TextInput(attrs={"list": "title-suggestions", "autocomplete": "honorific-prefix"}),
    )
    name = forms.CharField(
        label="Correspondent's name",
        max_length=150,
        error_messages={"required": "Enter the correspondent's name"},
    )
    salutation = forms.CharField(
        label="Greeting in letters (optional)",
        max_length=100,
        required=False,
        help_text="Only if not the usual 'Dear' with title and surname: for example 'Dear Margaret'.",
    )
    organisation = forms.CharField(label="Organisation (optional)", max_length=150, required=False)
    address = forms.CharField(
        label="Address (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Without postcode",
    )
    postcode = UKPostcodeField(label="Postcode (optional)", required=False)
    ward = ModelChoiceField(
        queryset=Ward.objects.all(),
        label="Ward (optional)",
        required=False,
        empty_label="Not known",
        error_messages={"invalid_choice": "Choose a ward from the list"},
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    phone = UKPhoneNumberField(
        label="Phone number (optional)",
        required=False,
        help_text="For example, 020 7946 0000 or +44 20 7946 0000",
    )
    subject = forms.CharField(label="Subject", max_length=200, error_messages={"required": "Enter the subject"})
    summary = forms.CharField(
        label="Summary (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences an officer or directorate can act on.",
    )
    body = forms.CharField(
        label="Full text (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Paste the email or type the letter.",
    )
    portfolio = ModelChoiceField(
        queryset=Portfolio.objects.all(),
        label="Portfolio (optional)",
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a portfolio from the list"},
    )
    sensitivity = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=Sensitivity.choices,
        initial=Sensitivity.STANDARD,
        label="Sensitivity",
        error_messages={"invalid_choice": "Choose a sensitivity from the list"},
    )
    priority = forms.ChoiceField(
        choices=Priority.choices, initial=Priority.NORMAL, label="Priority", widget=forms.RadioSelect
    )
    officer = ModelChoiceField(
        queryset=None,
        label="Allocate to (optional)",
        required=False,
        empty_label="Leave unallocated",
        error_messages={"invalid_choice": "Choose an officer from the list"},
    )
    attachments = MultipleFileField(
        label="Attachments (optional)",
        required=False,
        help_text="PDF, images, Word documents or email files, up to 20 MB each.",
    )

    correspondent = ModelChoiceField(
        queryset=Correspondent.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Choose the correspondent again from their page"},
    )
    # The officer's answer to "is this someone we already know?": "person-<id>" (log it for them), "case-<id>" (add
    # it to their open case as a follow-up) or "new". Shown as radios by correspondent_matches.html, not the layout.
    match = forms.CharField(
        required=False,
        max_length=30,
        label="Is this someone we already know?",
        error_messages={"max_length": "Choose from the list, or choose someone new"},
    )

    def __init__(self, data=None, files=None, *, user, correspondent: Correspondent | None = None, **kwargs):
        # Logging new correspondence from a known correspondent: their details are kept, not asked again.
        self.known_correspondent = correspondent
        if correspondent is not None:
            kwargs.setdefault("initial", {})["correspondent"] = correspondent.pk
        super().__init__(data, files, user=user, **kwargs)
        self.user = user
        self.matches, self.chosen_person, self.follow_up = [], None, None
        self.directory_matches, self.chosen_stakeholder = [], None
        self.match_choice = (self.data.get("match") or "").strip() if self.is_bound else ""
        self.choice_kind, self.choice_pk = match_choice(self.data if self.is_bound else {})
        if correspondent is not None:
            for name in CORRESPONDENT_FORM_FIELDS:
                del self.fields[name]
            self.fields["correspondent"].queryset = Correspondent.objects.filter(pk=correspondent.pk)
        else:
            self._prepare_matching()
        self.fields["case_type"].queryset = CaseType.objects.filter(is_active=True)
        self.fields["member"].queryset = members_for(user)
        self.fields["officer"].queryset = allocatable_officers()
        if not may_see_sensitive(user):
            self.fields["sensitivity"].choices = [(Sensitivity.STANDARD, "Standard")]

    def full_clean(self):
        """Reading an email: nothing else is checked yet (the form comes back filled in, with any correspondents
        we already hold, and people of the directory, who match the sender)."""
        if not self.reading:
            return super().full_clean()
        self.cleaned_data = {}
        self._errors = forms.utils.ErrorDict()
        problem = self.email_problem()
        if problem:
            self.add_error("email_file", problem)
        elif self.known_correspondent is None:
            self._find_matches()
        return None

    def layout_fields(self):
        first = Fieldset(
            Field.select("case_type"),
            Field.radios("channel", inline=True, small=True),
            Field("received_date"),
            Field.text("received_time", field_width=5),
            Field.select("member"),
            legend="The correspondence",
            legend_size=Size.MEDIUM,
        )
        correspondent = (
            []
            if self.known_correspondent is not None
            else [
                Fieldset(
                    Field.radios("kind", inline=True, small=True),
                    Field.text("title", field_width=10),
                    HTML(TITLE_DATALIST),
                    Field.text("name"),
                    Field.text("email"),
                    Field.text("phone", field_width=20),
                    Field.text("postcode", field_width=10),
                    Field.textarea("address", rows=3),
                    Field.text("organisation"),
                    Field.select("ward"),
                    Field.text("salutation"),
                    legend="Correspondent",
                    legend_size=Size.MEDIUM,
                ),
                HTML(MATCHES_REGION),
            ]
        )
        return [
            Field("correspondent"),
            self.email_fieldset(),
            first,
            *correspondent,
            Fieldset(
                Field.text("subject"),
                Field.textarea("summary", rows=3),
                Field.textarea("body", rows=6),
                Field.select("portfolio"),
                Field.radios("sensitivity", inline=True),
                Field.radios("priority", inline=True),
                Field.select("officer"),
                Field("attachments"),
                legend="The case",
                legend_size=Size.MEDIUM,
            ),
        ]

    def _prepare_matching(self):
        """As the officer types the email address, phone, name or postcode, htmx asks for the correspondents we
        already hold who match (views.correspondent_matches) and shows them in the live region under the fields.
        Once one is chosen, their record is used and its details need not be typed again; a follow-up to an open
        case needs none of the case's own fields either."""
        url = reverse("casework:correspondent-matches")
        for name in MATCH_FIELDS:
            self.fields[name].widget.attrs.update(
                {
                    "hx-get": url,
                    # typing, pasting or autofill (not leaving the field, which would redraw the choices
                    # just as the officer clicks one)
                    "hx-trigger": "input changed delay:400ms",
                    "hx-target": "#correspondent-matches",
                    "hx-include": ", ".join([*(f"#id_{other}" for other in MATCH_FIELDS), "[name=match]:checked"]),
                    "hx-sync": "closest form:replace",
                }
            )
        if self.match_choice.startswith(("person-", "case-", "directory-")):
            for name in CORRESPONDENT_FORM_FIELDS:
                self.fields[name].required = False
        if self.match_choice.startswith("case-"):
            for name in CASE_ONLY_FIELDS:
                self.fields[name].required = False

    def clean_match(self):
        """The choice made among the matches, resolved through what the officer may see (a tampered id is refused)."""
        choice = self.match_choice
        if choice.startswith("person-"):
            self.chosen_person = (
                Correspondent.objects.visible_to(self.user)
                .filter(pk=parse_pk(choice.removeprefix("person-")) or 0, anonymised_at__isnull=True)
                .first()
            )
            if self.chosen_person is None:
                raise ValidationError("Choose the correspondent from the list")
        elif choice.startswith("case-"):
            self.follow_up = (
                Case.objects.visible_to(self.user)
                .open()
                .filter(pk=parse_pk(choice.removeprefix("case-")) or 0, merged_into__isnull=True)
                .select_related("correspondent")
                .first()
            )
            if self.follow_up is None:
                raise ValidationError("Choose an open case from the list")
        elif choice.startswith("directory-"):
            self.chosen_stakeholder = stakeholders.chosen(self.user, parse_pk(choice.removeprefix("directory-")))
            if self.chosen_stakeholder is None:
                raise ValidationError("Choose the person from the stakeholder directory again")
        elif choice not in ("", "new"):
            raise ValidationError(MATCH_REQUIRED)
        return choice

    def _find_matches(self):
        terms = match_terms(self.data)
        self.matches = selectors.correspondent_matches(self.user, **terms)
        self.directory_matches = stakeholders.matches(self.user, email=terms["email"], name=terms["name"])

    def _check_matches(self):
        """Without JavaScript (or if the officer did not choose): the same matching on submit, and a choice asked
        for before a second record is made for someone we already know."""
        self._find_matches()
        if self.matches and not self.match_choice and "match" not in self.errors:
            self.add_error("match", MATCH_REQUIRED)
        person = self.chosen_stakeholder
        if person is not None and person.email and "match" not in self.errors:
            held = selectors.correspondent_matches(self.user, email=person.email)
            if held:  # a second record for someone we already know, under their directory entry's address
                self.matches = held
                self.add_error(
                    "match", f"We already hold {held[0].name} with the email address of {person.name}: choose them"
                )

    def clean_received_time(self):
        return parse_time(self.cleaned_data["received_time"])

    def clean_attachments(self):
        return check_files(self.cleaned_data["attachments"])

    def clean(self):
        data = super().clean()
        if self.known_correspondent is None:
            self._check_matches()
        day = data.get("received_date")
        if day and "received_time" not in self.errors:
            moment = timezone.make_aware(datetime.combine(day, data.get("received_time") or time(9, 0)))
            if moment > timezone.now():
                if data.get("received_time"):
                    self.add_error("received_time", "The time received must be in the past")
                else:
                    moment = timezone.now()
            data["received_at"] = moment
        return data

    def correspondent_details(self) -> dict:
        """A new correspondent's details: as typed, and where left blank from their directory entry if chosen."""
        if self.known_correspondent is not None or self.chosen_person is not None:
            return {}
        typed = {k: self.cleaned_data.get(k) for k in CORRESPONDENT_FORM_FIELDS}
        if self.chosen_stakeholder is not None:
            directory = stakeholders.details(self.chosen_stakeholder)
            typed.update({k: v for k, v in directory.items() if v and not typed.get(k)})
            if typed["kind"] == Correspondent.Kind.RESIDENT:  # the default left as it was: the entry knows better
                typed["kind"] = directory["kind"]
        return typed

    def follow_up_arguments(self) -> dict:
        """What casework.services.case_follow_up takes: the open case chosen, and the correspondence itself."""
        data = self.cleaned_data
        names = ("channel", "received_at", "subject", "summary", "body")
        arguments = {name: data[name] for name in names}
        return {"case": self.follow_up, "files": data["attachments"], "email": self.email_read, **arguments}

    def service_arguments(self) -> dict:
        """What casework.services.case_log takes, from the cleaned form: the correspondent known or chosen, or the
        details of a new one."""
        data = self.cleaned_data
        return {
            "correspondent": self.known_correspondent or self.chosen_person,
            "case_type": data["case_type"],
            "received_at": data["received_at"],
            "channel": data["channel"],
            "member": data["member"],
            "correspondent_details": self.correspondent_details(),
            "subject": data["subject"],
            "summary": data["summary"],
            "body": data["body"],
            "portfolio": data["portfolio"],
            "ward": data.get("ward"),
            "sensitivity": data["sensitivity"],
            "priority": data["priority"],
            "officer": data["officer"],
            "files": data["attachments"],
            "email": self.email_read,
        }


class CaseEditForm(GovFormMixin, VersionMixin):
    submit_label = "Save changes"

    case_type = ModelChoiceField(
        queryset=CaseType.objects.none(),
        label="Type of case",
        error_messages={
            "required": "Choose the type of case",
            "invalid_choice": "Choose a type from the list",
        },
    )
    channel = forms.ChoiceField(choices=Channel.choices, label="How did it arrive?", widget=forms.RadioSelect)
    received_date = UKDateField(
        what="the date received",
        past_only=True,
        max_years_past=RECEIVED_MAX_YEARS,
        label="Date received",
        help_text="For example, 27 3 2026",
    )
    subject = forms.CharField(label="Subject", max_length=200, error_messages={"required": "Enter the subject"})
    summary = forms.CharField(
        label="Summary (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences.",
    )
    body = forms.CharField(
        label="Full text (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The correspondence.",
    )
    portfolio = ModelChoiceField(queryset=Portfolio.objects.all(), label="Portfolio (optional)", required=False)
    ward = ModelChoiceField(
        queryset=Ward.objects.all(),
        label="Ward (optional)",
        required=False,
        error_messages={"invalid_choice": "Choose a ward from the list"},
    )
    sensitivity = forms.ChoiceField(choices=Sensitivity.choices, label="Sensitivity", widget=forms.RadioSelect)
    priority = forms.ChoiceField(choices=Priority.choices, label="Priority", widget=forms.RadioSelect)

    def __init__(self, *args, user, case: Case, **kwargs):
        initial = {
            "version": case.version,
            "case_type": case.case_type_id,
            "channel": case.channel,
            "received_date": case.received_on,
            "subject": case.subject,
            "summary": case.summary,
            "body": case.body,
            "portfolio": case.portfolio_id,
            "ward": case.ward_id,
            "sensitivity": case.sensitivity,
            "priority": case.priority,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.case = case
        if case.received_on < years_ago(timezone.localdate(), RECEIVED_MAX_YEARS):
            # an old case can still be edited; a changed date is checked by the service (services.case_update)
            self.fields["received_date"].max_years_past = None
        self.fields["case_type"].queryset = CaseType.objects.filter(is_active=True) | CaseType.objects.filter(
            pk=case.case_type_id
        )
        if not may_see_sensitive(user):
            self.fields["sensitivity"].choices = [(Sensitivity.STANDARD, "Standard")]

    def layout_fields(self):
        return [
            Field("version"),
            Field.select("case_type"),
            Field.radios("channel"),
            Field("received_date"),
            Field.text("subject"),
            Field.textarea("summary", rows=3),
            Field.textarea("body", rows=6),
            Field.select("portfolio"),
            Field.select("ward"),
            Field.radios("sensitivity", inline=True),
            Field.radios("priority", inline=True),
        ]

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        received_date = data.pop("received_date")
        if received_date != self.case.received_on:
            local = timezone.localtime(self.case.received_at)
            data["received_at"] = timezone.make_aware(datetime.combine(received_date, local.time()))
            if data["received_at"] > timezone.now():
                data["received_at"] = timezone.now()
        return data
