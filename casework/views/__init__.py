"""Thin views: the one authorising fetch (404 for what the user may not see), validate the form, call one service,
redirect or render with `actions` from the policy. Split by what the officer is looking at."""

from casework.views.cases import (
    attachment_add,
    attachment_download,
    case_acknowledge,
    case_allocate,
    case_create,
    case_detail,
    case_edit,
    case_event,
    case_extend,
    case_hold,
    case_link,
    case_link_to,
    case_move,
    case_resume,
    correspondent_matches,
)
from casework.views.contributions import contribution_create, contribution_detail, contributions
from casework.views.correspondents import correspondent_detail, subject_access_export
from casework.views.drafts import draft_create, draft_review, draft_submit, response_letter, response_record
from casework.views.lists import bulk_allocate, by_member, export, index

__all__ = [
    "attachment_add",
    "attachment_download",
    "bulk_allocate",
    "by_member",
    "case_acknowledge",
    "case_allocate",
    "case_create",
    "case_detail",
    "case_edit",
    "case_event",
    "case_extend",
    "case_hold",
    "case_link",
    "case_link_to",
    "case_move",
    "case_resume",
    "contribution_create",
    "contribution_detail",
    "contributions",
    "correspondent_detail",
    "correspondent_matches",
    "draft_create",
    "draft_review",
    "draft_submit",
    "export",
    "index",
    "response_letter",
    "response_record",
    "subject_access_export",
]
