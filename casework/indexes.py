"""The indexes of cases: what the queues, tab counts, access rules, the chase, home and the dashboard read
(docs/performance.md says what each bought). `Case.Meta.indexes`."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper


def case_indexes(open_statuses) -> list[models.Index]:
    open_statuses = sorted(open_statuses)
    return [
        models.Index(fields=["status", "response_due"]),
        models.Index(fields=["officer", "status"]),
        models.Index(fields=["member", "status"]),
        models.Index("member", Upper("subject"), name="casework_case_member_subject"),  # possible duplicates
        # Open cases by due date, with what tab counts, queues and access rules read (docs/performance.md).
        models.Index(
            fields=["response_due"],
            include=["id", "status", "officer", "member", "sensitivity", "case_type"],
            condition=Q(status__in=open_statuses),
            name="casework_case_open_due",
        ),
        models.Index(  # open cases still to acknowledge, by date: the daily chase (casework/chases.py)
            fields=["acknowledge_due"],
            condition=Q(acknowledged_on__isnull=True, status__in=open_statuses),
            name="casework_case_to_acknowledge",
        ),
        # The lists' default order, "received in the last 12 months" per member, and what a list of every case
        # counts its rows from without reading the wide rows (the All queue of one type for a CSO, 33 ms -> 7 ms).
        models.Index(
            fields=["received_at"],
            include=["id", "member", "officer", "sensitivity", "case_type", "status", "ward", "response_due"],
            name="casework_case_received_all",
        ),
        models.Index(
            fields=["closed_at"], include=["id", "member", "officer", "sensitivity"], name="casework_case_closed_at"
        ),
        # answered in a period, with what the dashboard's figures and the access rules read (index-only scans)
        models.Index(
            fields=["response_sent_on"],
            include=["id", "member", "officer", "sensitivity", "case_type", "response_due"],
            name="casework_case_answered_on",
        ),
        # Cases awaiting a member's approval (a draft of theirs submitted: casework/services/drafts.py), by member and
        # due date: a member's home page (their drafts to approve, and the chase's first few of them and the count).
        models.Index(
            fields=["member", "response_due"],
            include=["id", "officer"],
            condition=Q(status="awaiting_approval"),
            name="casework_case_to_approve",
        ),
        # An officer's open cases by due date: their home page's first few and count (casework/chases.py).
        models.Index(
            fields=["officer", "response_due"],
            include=["id", "status"],
            condition=Q(status__in=open_statuses),
            name="casework_case_officer_open_due",
        ),
    ]
