"""Every write to casework, split by concern. Each is a `@service` (mayoral_office.audit): keyword-only with the
acting user, one transaction, the policy checked first (casework.policy), the case timeline written, and every
change audited with the actor."""

from casework.services.cases import (
    attachment_add,
    case_acknowledge,
    case_add_event,
    case_allocate,
    case_follow_up,
    case_hold,
    case_link,
    case_log,
    case_merge,
    case_move,
    case_resume,
    case_update,
    cases_bulk_allocate,
)
from casework.services.contributions import contribution_answer, contribution_request
from casework.services.drafts import draft_review, draft_save, draft_submit, response_email, response_record
from casework.services.extensions import case_extend, case_recalculate_for_closure_day
from casework.services.intake import email_refused, email_take, mailbox_polled
from casework.services.privacy import cases_apply_retention, subject_access_export

__all__ = [
    "attachment_add",
    "case_acknowledge",
    "case_add_event",
    "case_allocate",
    "case_extend",
    "case_follow_up",
    "case_hold",
    "case_link",
    "case_log",
    "case_merge",
    "case_move",
    "case_recalculate_for_closure_day",
    "case_resume",
    "case_update",
    "cases_apply_retention",
    "cases_bulk_allocate",
    "contribution_answer",
    "contribution_request",
    "draft_review",
    "draft_save",
    "draft_submit",
    "email_take",
    "email_refused",
    "mailbox_polled",
    "response_email",
    "response_record",
    "subject_access_export",
]
