"""Casework forms: GOV.UK components through crispy-forms-gds, with plain-English messages."""

from casework.forms.actions import (
    AllocateForm,
    AttachmentForm,
    BulkAllocateForm,
    ContributionAnswerForm,
    ContributionForm,
    DraftForm,
    EventForm,
    ExtensionForm,
    LinkForm,
    ReasonForm,
    ResponseForm,
    ReviewForm,
)
from casework.forms.fields import UKPhoneNumberField, UKPostcodeField
from casework.forms.intake import CaseEditForm, CaseIntakeForm, match_choice, match_terms

__all__ = [
    "AllocateForm",
    "AttachmentForm",
    "BulkAllocateForm",
    "CaseEditForm",
    "CaseIntakeForm",
    "ContributionAnswerForm",
    "ContributionForm",
    "DraftForm",
    "EventForm",
    "ExtensionForm",
    "LinkForm",
    "ReasonForm",
    "ResponseForm",
    "ReviewForm",
    "UKPhoneNumberField",
    "UKPostcodeField",
    "match_choice",
    "match_terms",
]
