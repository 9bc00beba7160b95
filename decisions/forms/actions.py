"""The action tracker's forms: adding or changing an action, a dated update, reopening, and the bulk change of
status. Plain-English messages; text is capped (a description or an update of 100,000 characters is refused with a
message, never saved)."""

from __future__ import annotations

from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.utils import timezone

from decisions.models import Action, ActionStatus, Rag
from decisions.selectors import actions as selectors
from mayoral_office.form_fields import date_field, text_field
from mayoral_office.forms import GovFormMixin, ModelChoiceField, ModelMultipleChoiceField


def meeting_label(meeting) -> str:
    """A meeting as a pick-list shows it, like "CLT, Tuesday 8 December 2026"."""
    when = timezone.localtime(meeting.starts_at)
    return f"{meeting.body.short_name or meeting.body.name}, {when:%A} {when.day} {when:%B %Y}"


class MeetingChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return meeting_label(obj)


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ActionForm(GovFormMixin, VersionMixin):
    """Adding an action (with `meeting` offered) or changing one (`editing`)."""

    submit_label = "Add action"

    description = text_field(
        "What needs to be done",
        what="what needs to be done",
        called="the description",
        help_text="One clear action, for example 'Circulate the revised savings plan to CLT members'",
    )
    owner = ModelChoiceField(
        label="Owner (a person)",
        queryset=None,
        required=False,
        empty_label="No one in particular",
        help_text="Give a person, a directorate, or both",
        error_messages={"invalid_choice": "Choose an owner from the list"},
    )
    owner_directorate = ModelChoiceField(
        label="Owning directorate",
        queryset=None,
        required=False,
        empty_label="No directorate",
        help_text="Its directorate contacts can see and update the action",
        error_messages={"invalid_choice": "Choose a directorate from the list"},
    )
    due_on = date_field("Due date", help_text="A working day, for example 15 1 2027")
    meeting = MeetingChoiceField(
        label="Arising from the meeting",
        queryset=None,
        required=False,
        empty_label="Not from a meeting",
        help_text="Meetings of the last four months and the next two",
        error_messages={"invalid_choice": "Choose a meeting from the list"},
    )

    def __init__(self, *args, user, editing: bool = False, source=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.possible_owners()
        self.fields["owner_directorate"].queryset = selectors.owning_directorates()
        if editing or source is not None:
            del self.fields["meeting"]  # an action keeps the meeting it arose from
        else:
            self.fields["meeting"].queryset = selectors.form_meetings(user)
        if editing:
            self.submit_label = "Save changes"
        self.helper.layout = Layout(*self.layout_fields(), Button("submit", self.submit_label))

    def layout_fields(self):
        fields = [
            Field("version"),
            Field.textarea("description", rows=4),
            Field.select("owner"),
            Field.select("owner_directorate"),
            Field("due_on"),
        ]
        if "meeting" in self.fields:
            fields.append(Field.select("meeting"))
        return fields

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("owner") is None and data.get("owner_directorate") is None:
            self.add_error("owner", "Choose who owns the action: a person, a directorate, or both")
        return data


class NewActionForm(ActionForm):
    """Adding an action: its due date is today or later."""

    def clean_due_on(self):
        due_on = self.cleaned_data.get("due_on")
        if due_on and due_on < timezone.localdate():
            raise forms.ValidationError("The due date must be today or in the future")
        return due_on


CHANGE_STATUS = [("", "Leave as it is")]


class UpdateForm(GovFormMixin, VersionMixin):
    """A dated update on progress, which may move the status and the RAG rating."""

    submit_label = "Add update"

    text = text_field(
        "Update",
        what="the update",
        help_text="What has been done, and what is next",
        rows=3,
    )
    status = forms.ChoiceField(
        label="Status",
        choices=CHANGE_STATUS + list(ActionStatus.choices),
        required=False,
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
    rag = forms.ChoiceField(
        label="RAG rating",
        choices=CHANGE_STATUS + list(Rag.choices),
        required=False,
        error_messages={"invalid_choice": "Choose a RAG rating from the list"},
    )

    def layout_fields(self):
        return [
            Field("version"),
            Field.textarea("text", rows=3),
            Field.select("status"),
            Field.select("rag"),
        ]


class ReopenForm(GovFormMixin, VersionMixin):
    submit_label = "Reopen action"

    reason = text_field(
        "Why is it reopened?",
        what="why the action is reopened",
        called="the reason",
        help_text="This is recorded in the action's updates",
        rows=3,
    )

    def layout_fields(self):
        return [Field("version"), Field.textarea("reason", rows=3)]


class BulkStatusForm(forms.Form):
    """The list's bulk change: the rows ticked, and the status to give them."""

    actions = ModelMultipleChoiceField(
        queryset=Action.objects.none(),
        error_messages={
            "required": "Select at least one action",
            "invalid_choice": "Select actions from the list",
        },
    )
    status = forms.ChoiceField(
        choices=[("", "Choose a status")] + list(ActionStatus.choices),
        error_messages={"required": "Choose the status to set", "invalid_choice": "Choose a status from the list"},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = Action.objects.visible_to(user)
