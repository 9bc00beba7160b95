"""Diary forms (crispy-forms-gds). The template owns the <form> tag; every form shows a GOV.UK error summary.
Messages say what to do, in plain English."""

from diary.forms.engagements import CancelForm, EngagementForm, PreferenceForm
from diary.forms.fields import DiaryDateField, DiaryTimeField, officers, parse_time
from diary.forms.invitations import DECISIONS, DecisionForm, InvitationForm

__all__ = [
    "DECISIONS",
    "CancelForm",
    "DecisionForm",
    "DiaryDateField",
    "DiaryTimeField",
    "EngagementForm",
    "InvitationForm",
    "PreferenceForm",
    "officers",
    "parse_time",
]
