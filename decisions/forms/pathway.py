"""Forms and filter panels of the Decision Pathway, the Forward Plan and the decision register (crispy-forms-gds,
plain-English messages). The services check everything again: a form only turns what was typed into values."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import django_filters
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.db.models import Q

from decisions.models import Body, Decision, DecisionStatus, ExceptionKind, PathwayStatus, StepOutcome
from decisions.models.meetings import EXEMPT_CATEGORIES
from decisions.selectors import pathway as selectors
from mayoral_office.form_fields import date_field, text_field
from mayoral_office.forms import GovFormMixin, ModelChoiceField, ModelMultipleChoiceField
from mayoral_office.models import Directorate, Portfolio, Ward
from mayoral_office.word_search import matching

MAX_VALUE = Decimal("999999999999.99")
YES_NO = [("yes", "Yes"), ("no", "No")]


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PoundsField(forms.Field):
    """An amount in pounds as officers type it ("750000", "£750,000", "1,250,000.50"): a Decimal, never a float."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})

    def to_python(self, value):
        text = str(value or "").strip().replace(",", "").replace("£", "").replace(" ", "")
        if not text:
            return None
        if len(text) > 40:
            raise forms.ValidationError("The value must be less than £1,000,000,000,000")
        try:
            amount = Decimal(text)
        except InvalidOperation as exc:
            raise forms.ValidationError("Enter the value in pounds, for example 750000") from exc
        if not amount.is_finite():
            raise forms.ValidationError("Enter the value in pounds, for example 750000")
        if amount < 0:
            raise forms.ValidationError("The value must be £0 or more")
        if amount > MAX_VALUE:
            raise forms.ValidationError("The value must be less than £1,000,000,000,000")
        if amount != amount.quantize(Decimal("0.01")):
            raise forms.ValidationError("The value can have at most 2 decimal places (pence)")
        return amount

    def prepare_value(self, value):
        return f"{value:f}" if isinstance(value, Decimal) else value


class PersonChoice(ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name}, {obj.job_title}" if obj.job_title else obj.full_name


class MeetingChoice(ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.body.name}, {obj.day:%A} {obj.day.day} {obj.day:%B %Y}"


def _yes_no(value) -> bool | None:
    return {"yes": True, "no": False}.get(value)


# --- the pathway ----------------------------------------------------------------------------------------------
class PathwayItemForm(GovFormMixin, VersionMixin):
    """A proposal, new or changed (`item`: the one changed, which adds the report's publication date)."""

    submit_label = "Save"

    title = text_field("Title", what="a title", required=True, limit=200, called="the title")
    summary = text_field("Summary", what="the summary", help_text="What is proposed, and what the decision is.")
    directorate = ModelChoiceField(
        queryset=Directorate.objects.filter(is_active=True),
        empty_label="Choose a directorate",
        error_messages={"required": "Choose the directorate", "invalid_choice": "Choose a directorate from the list"},
    )
    lead_officer = PersonChoice(
        queryset=None,
        required=False,
        empty_label="Not yet known",
        error_messages={"invalid_choice": "Choose a lead officer from the list"},
    )
    portfolio = ModelChoiceField(
        queryset=Portfolio.objects.all(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a portfolio from the list"},
    )
    value = PoundsField(
        label="Value (£)", required=False, help_text="In pounds, for example 750000. Leave blank if none."
    )
    wards = ModelMultipleChoiceField(
        queryset=Ward.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Wards significantly affected",
        error_messages={
            "invalid_choice": "Choose wards from the list",
            "invalid_pk_value": "Choose wards from the list",
        },
    )
    key_decision = forms.ChoiceField(
        label="Is this a key decision?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether this is a key decision"},
    )
    key_decision_reason = text_field(
        "Why, if your answer differs from the rule",
        what="the reason for the key-decision answer",
        rows=3,
        help_text="The rule: a value of £500,000 or more, or two or more wards significantly affected.",
    )
    decision_meeting = MeetingChoice(
        queryset=None,
        required=False,
        label="Meeting that takes the decision",
        empty_label="Not yet known",
        help_text="The statutory dates are planned back from it.",
        error_messages={"invalid_choice": "Choose a meeting from the list"},
    )
    stages = ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="Stages it passes through",
        error_messages={"required": "Choose at least one stage", "invalid_choice": "Choose stages from the list"},
    )
    confidential = forms.BooleanField(required=False, label="Confidential")
    exempt_category = forms.TypedChoiceField(
        label="Exempt information (Schedule 12A)",
        choices=[("", "Not exempt"), *EXEMPT_CATEGORIES],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose an exempt category from the list"},
    )
    report_published_on = date_field("Report published on", required=False)

    def __init__(self, *args, user, item=None, settings=None, **kwargs):
        self.item = item
        super().__init__(*args, **kwargs)
        current = item.decision_meeting if item else None
        self.fields["lead_officer"].queryset = selectors.lead_officers()
        self.fields["decision_meeting"].queryset = selectors.decision_meetings(user, current)
        self.fields["stages"].queryset = selectors.stages()
        if settings is not None:
            self.fields["key_decision_reason"].help_text = (
                f"The rule: a value of £{settings.key_decision_threshold:,.0f} or more, or "
                f"{settings.key_decision_wards} or more wards significantly affected."
            )
        if item is None:
            del self.fields["report_published_on"]
            del self.fields["version"]
            self.fields["stages"].initial = list(selectors.default_stages())

    @classmethod
    def initial_for(cls, item) -> dict:
        return {
            "version": item.version,
            "title": item.title,
            "summary": item.summary,
            "directorate": item.directorate_id,
            "lead_officer": item.lead_officer_id,
            "portfolio": item.portfolio_id,
            "value": item.value,
            "wards": list(item.wards.all()),
            "key_decision": "yes" if item.key_decision else "no",
            "key_decision_reason": item.key_decision_reason,
            "decision_meeting": item.decision_meeting_id,
            "stages": [step.stage_id for step in item.steps.all()],
            "confidential": item.confidential,
            "exempt_category": item.exempt_category,
            "report_published_on": item.report_published_on,
        }

    def layout_fields(self):
        fields = [
            Field("version"),
            Field.text("title"),
            Field.textarea("summary", rows=4),
            Field.select("directorate"),
            Field.select("lead_officer"),
            Field.select("portfolio"),
            Field.text("value", field_width=10),
            Field.checkboxes("wards", legend_size=Size.SMALL, small=True),
            Field.radios("key_decision", legend_size=Size.SMALL, inline=True),
            Field.textarea("key_decision_reason", rows=3),
            Field.select("decision_meeting"),
            Field.checkboxes("stages", legend_size=Size.SMALL, small=True),
            Field.checkbox("confidential", small=True),
            Field.select("exempt_category"),
            Field("report_published_on"),
        ]
        new_only = {"version", "report_published_on"} if self.item is None else set()
        return [f for f in fields if f.fields[0] not in new_only]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["key_decision"] = _yes_no(data["key_decision"])
        data["expected_version"] = data.pop("version", None)
        if self.item is None:
            data.pop("expected_version")
        return data


class StepForm(GovFormMixin, VersionMixin):
    submit_label = "Record"

    meeting = MeetingChoice(
        queryset=None,
        required=False,
        label="Meeting that considered it",
        empty_label="Not yet known",
        error_messages={"invalid_choice": "Choose a meeting from the list"},
    )
    outcome = forms.ChoiceField(
        choices=StepOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome", "invalid_choice": "Choose an outcome from the list"},
    )
    outcome_on = date_field("Date of the outcome", required=False, help_text="Leave blank for the meeting's date")
    note = text_field("Note", what="the note", rows=3)

    def __init__(self, *args, user, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = selectors.stage_meetings(user, step.stage, step.meeting)

    def layout_fields(self):
        return [
            Field("version"),
            Field.select("meeting"),
            Field.radios("outcome", legend_size=Size.SMALL),
            Field("outcome_on"),
            Field.textarea("note", rows=3),
        ]


class ExceptionForm(GovFormMixin, VersionMixin):
    submit_label = "Record the exception"

    kind = forms.ChoiceField(
        label="Which procedure",
        choices=[c for c in ExceptionKind.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose general exception or special urgency"},
    )
    reason = text_field("Why the decision cannot wait", what="why the decision cannot wait", required=True)
    scrutiny_chair = text_field(
        "Chair of scrutiny",
        what="the chair of scrutiny",
        required=True,
        limit=150,
        help_text="Informed, for a general exception; who agreed, for special urgency",
    )
    agreed_on = date_field("Date informed or agreed")

    def layout_fields(self):
        return [
            Field("version"),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.textarea("reason", rows=4),
            Field.text("scrutiny_chair"),
            Field("agreed_on"),
        ]


class PublishedOnForm(GovFormMixin, VersionMixin):
    """The date something was published (the Forward Plan entry, a decision): today unless changed."""

    submit_label = "Record publication"
    on = date_field("Date published")

    def layout_fields(self):
        return [Field("version"), Field("on")]


class CallInForm(GovFormMixin, forms.Form):
    submit_label = "Record the call-in"
    reason = text_field("Why it was called in", what="why it was called in", required=True)

    def layout_fields(self):
        return [Field.textarea("reason", rows=4)]


# --- filter panels --------------------------------------------------------------------------------------------
class DateInput(forms.DateInput):
    input_type = "date"


class PathwayFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=200)
    status = django_filters.ChoiceFilter(choices=PathwayStatus.choices, label="Status", empty_label="Any")
    directorate = django_filters.ModelChoiceFilter(
        queryset=Directorate.objects.all(), label="Directorate", empty_label="Any"
    )
    portfolio = django_filters.ModelChoiceFilter(queryset=Portfolio.objects.all(), label="Portfolio", empty_label="Any")
    key_decision = django_filters.ChoiceFilter(
        choices=YES_NO, label="Key decision", empty_label="Either", method="by_key_decision"
    )
    flagged = django_filters.ChoiceFilter(
        choices=[
            ("any", "At risk or in breach"),
            ("at_risk", "At risk"),
            ("breach", "In breach"),
            ("authorised", "Breach authorised"),
        ],
        label="Deadlines",
        empty_label="Any",
        method="by_flag",
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("reference", "reference"),
            ("title", "title"),
            ("decision_meeting__starts_at", "meeting"),
            ("value", "value"),
            ("created_at", "added"),
        ),
        label="Sort by",
        empty_label="Newest first",
    )

    def search(self, queryset, name, value):
        return queryset.filter(Q(reference__icontains=value) | Q(title__icontains=value) | Q(summary__icontains=value))

    def by_key_decision(self, queryset, name, value):
        return queryset.filter(key_decision=_yes_no(value)) if value in ("yes", "no") else queryset

    def by_flag(self, queryset, name, value):
        return selectors.flagged(queryset, value) if value in selectors.FLAG_FILTERS else queryset


class ForwardPlanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=200)
    body = django_filters.ModelChoiceFilter(
        queryset=Body.objects.filter(Q(takes_executive_decisions=True) | Q(kind=Body.Kind.COUNCIL)),
        field_name="decision_meeting__body",
        label="Decision-maker",
        empty_label="Any",
    )
    directorate = django_filters.ModelChoiceFilter(
        queryset=Directorate.objects.all(), label="Directorate", empty_label="Any"
    )
    portfolio = django_filters.ModelChoiceFilter(queryset=Portfolio.objects.all(), label="Portfolio", empty_label="Any")
    published = django_filters.ChoiceFilter(
        choices=[("yes", "Published"), ("no", "Not yet published")],
        label="On the Forward Plan",
        empty_label="Either",
        method="by_published",
    )

    def search(self, queryset, name, value):
        return queryset.filter(Q(reference__icontains=value) | Q(title__icontains=value) | Q(summary__icontains=value))

    def by_published(self, queryset, name, value):
        return queryset.filter(forward_plan_published_on__isnull=value != "yes") if value else queryset


class RegisterFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        if data.get("taken_from") and data.get("taken_to") and data["taken_from"] > data["taken_to"]:
            self.add_error("taken_from", "The 'from' date must be before the 'to' date")
        return data


class RegisterFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=200)
    status = django_filters.ChoiceFilter(choices=DecisionStatus.choices, label="Status", empty_label="Any")
    body = django_filters.ModelChoiceFilter(
        queryset=Body.objects.all(), field_name="meeting__body", label="Meeting of", empty_label="Any"
    )
    key_decision = django_filters.ChoiceFilter(
        choices=YES_NO, label="Key decision", empty_label="Either", method="by_key_decision"
    )
    portfolio = django_filters.ModelChoiceFilter(queryset=Portfolio.objects.all(), label="Portfolio", empty_label="Any")
    taken_from = django_filters.DateFilter(
        field_name="taken_on", lookup_expr="gte", label="Taken from", widget=DateInput
    )
    taken_to = django_filters.DateFilter(field_name="taken_on", lookup_expr="lte", label="Taken to", widget=DateInput)
    ordering = django_filters.OrderingFilter(
        fields=(
            ("taken_on", "taken"),
            ("reference", "reference"),
            ("published_on", "published"),
            ("effective_on", "effective"),
        ),
        label="Sort by",
        empty_label="Newest first",
    )

    class Meta:
        form = RegisterFilterForm
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("taken_from", "taken_to"):
            self.filters[name].field.error_messages["invalid"] = "Enter a real date"

    def search(self, queryset, name, value):
        return matching(queryset, value, words=Decision.search_words, also=("reference",))

    def by_key_decision(self, queryset, name, value):
        return queryset.filter(key_decision=_yes_no(value)) if value in ("yes", "no") else queryset


class CallInOutcomeForm(GovFormMixin, forms.Form):
    """The outcome of a call-in (the service checks it again)."""

    submit_label = "Record the outcome"
    outcome = forms.ChoiceField(
        label="What was the outcome?",
        choices=[
            (
                "confirmed",
                "Confirmed: scrutiny took no further action, or the decision-maker confirmed it on reconsideration. "
                "It takes effect on the next working day.",
            ),
            (
                "withdrawn",
                "Referred back to the decision-maker: it is not implemented. If they change it, the new decision "
                "is recorded in the register.",
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome of the call-in", "invalid_choice": "Choose an outcome"},
    )
    note = forms.CharField(
        label="What was decided, by whom and when",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter what was decided, by whom and when",
            "max_length": "What was decided must be 20,000 characters or fewer",
        },
    )

    def layout_fields(self):
        return [Field.radios("outcome", legend_size=Size.SMALL), Field.textarea("note", rows=3)]
