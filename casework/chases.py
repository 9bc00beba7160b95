"""What casework chases (registered from apps.py; mayoral_office/chasing.py writes the digests and escalations):
acknowledgements and responses against their targets (the case officer; nobody's yet: the Head of Mayor's Office),
contribution requests to directorates (their contacts) and drafts awaiting a member's approval (the member). Each
selector is one query however many items (a second for the directorate contacts). A confidential case is named only
by its reference: the digest is an email."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q, Window

from casework.models import Case, ContributionRequest, Draft, Sensitivity, Status, working_q
from mayoral_office.models import User
from mayoral_office.registry import ChaseItem, ChaseKind, url_for_each
from mayoral_office.roles import Role


def _title(subject: str, sensitivity: str) -> str:
    return "Confidential case" if sensitivity == Sensitivity.CONFIDENTIAL else subject


def _case_item(row: dict, due_field: str, what: str, person_id, url) -> ChaseItem:
    return ChaseItem(
        model="casework.case",
        pk=row["pk"],
        person_id=person_id,
        due_on=row[due_field],
        reference=row["reference"],
        title=_title(row["subject"], row["sensitivity"]),
        url=url(row["pk"]),
        what=what,
    )


def _cases(person_ids, **filters):
    qs = Case.objects.filter(working_q(), **filters)
    if person_ids is not None:
        qs = qs.filter(officer_id__in=person_ids)
    return qs


def _case_items(cases, due_field: str, what: str, limit: int | None = None) -> tuple[list[ChaseItem], int]:
    """The cases' items, and how many there are; with `limit`, only the first `limit` by due date, counted in the
    same query (a window over every matching case, before the limit)."""
    rows = cases.order_by().values("pk", "reference", "subject", "sensitivity", "officer_id", due_field)
    if limit is not None:
        rows = list(rows.annotate(total=Window(Count("pk"))).order_by(due_field, "pk")[:limit])
    url = url_for_each("casework:detail")
    items = [_case_item(row, due_field, what, row["officer_id"], url) for row in rows]
    if limit is None:
        return items, len(items)
    return items, rows[0]["total"] if rows else 0


def _to_acknowledge(horizon: date, person_ids):
    return _cases(person_ids, acknowledged_on__isnull=True, acknowledge_due__lte=horizon)


def _to_respond(horizon: date, person_ids):
    """Open cases by their response date; while a draft waits for the member's approval, the member is chased for
    it (`approvals`), not the officer."""
    return _cases(person_ids, response_due__lte=horizon).exclude(status=Status.AWAITING_APPROVAL)


def acknowledgements(horizon: date, person_ids=None) -> list[ChaseItem]:
    return _case_items(_to_acknowledge(horizon, person_ids), "acknowledge_due", "Acknowledgement")[0]


def responses(horizon: date, person_ids=None) -> list[ChaseItem]:
    return _case_items(_to_respond(horizon, person_ids), "response_due", "Response")[0]


def _soonest(cases, due_field: str, what: str):
    """A kind's `soonest`: an officer may hold thousands of overdue cases; their home page lists the first few."""
    return lambda horizon, person_ids, n: _case_items(cases(horizon, person_ids), due_field, what, limit=n)


def contributions(horizon: date, person_ids=None) -> list[ChaseItem]:
    """Each outstanding request, for each active contact of its directorate (none: the officer who asked)."""
    requests = ContributionRequest.objects.outstanding().filter(due_on__lte=horizon)
    if person_ids is not None:  # their directorates' requests, and those they asked (the home page reads no others)
        theirs = User.objects.filter(pk__in=person_ids, directorate__isnull=False).values("directorate_id")
        requests = requests.filter(Q(directorate_id__in=theirs) | Q(requested_by_id__in=person_ids))
    rows = list(
        requests.values(
            "pk",
            "due_on",
            "directorate_id",
            "directorate__name",
            "requested_by_id",
            "case__reference",
            "case__sensitivity",
        ).order_by("due_on", "pk")
    )
    contacts = defaultdict(list)
    if rows:
        found = User.objects.filter(
            is_active=True,
            groups__name=Role.DIRECTORATE_CONTACT.label,
            directorate_id__in={row["directorate_id"] for row in rows},
        )
        for pk, directorate_id in found.values_list("pk", "directorate_id"):
            contacts[directorate_id].append(pk)
    items, url = [], url_for_each("casework:contribution")
    for row in rows:
        people = contacts[row["directorate_id"]]
        what = "Your directorate's contribution" if people else f"Contribution from {row['directorate__name']}"
        for person_id in people or [row["requested_by_id"]]:
            if person_ids is not None and person_id not in person_ids:
                continue
            items.append(
                ChaseItem(
                    model="casework.contributionrequest",
                    pk=row["pk"],
                    person_id=person_id,
                    due_on=row["due_on"],
                    reference=row["case__reference"],
                    title=_title("Contribution requested", row["case__sensitivity"]),
                    url=url(row["pk"]),
                    what=what,
                )
            )
    return items


def approvals(horizon: date, person_ids=None) -> list[ChaseItem]:
    """Drafts awaiting the member's approval, due by the case's response date."""
    qs = Draft.objects.filter(state=Draft.State.SUBMITTED, case__response_due__lte=horizon).order_by()
    if person_ids is not None:  # one person's (their home page): theirs only, not every member's drafts
        qs = qs.filter(
            Q(case__member__user_id__in=person_ids)
            | Q(case__member__user_id__isnull=True, case__officer_id__in=person_ids)
        )
    rows = qs.values(
        "case_id",
        "case__reference",
        "case__subject",
        "case__sensitivity",
        "case__response_due",
        "case__member__user_id",
        "case__officer_id",
    )
    items, url = [], url_for_each("casework:detail")
    for row in rows:
        person_id = row["case__member__user_id"] or row["case__officer_id"]
        if person_ids is not None and person_id not in person_ids:
            continue
        items.append(
            ChaseItem(
                model="casework.case",
                pk=row["case_id"],
                person_id=person_id,
                due_on=row["case__response_due"],
                reference=row["case__reference"],
                title=_title(row["case__subject"], row["case__sensitivity"]),
                url=url(row["case_id"]),
                what="Your approval of the response",
            )
        )
    return items


KINDS = [
    ChaseKind(
        "casework.acknowledgement",
        "casework",
        "Case acknowledgements",
        acknowledgements,
        order=10,
        soonest=_soonest(_to_acknowledge, "acknowledge_due", "Acknowledgement"),
    ),
    ChaseKind(
        "casework.response",
        "casework",
        "Case responses",
        responses,
        order=11,
        soonest=_soonest(_to_respond, "response_due", "Response"),
    ),
    ChaseKind("casework.contribution", "casework", "Contributions to cases", contributions, order=12),
    ChaseKind("casework.approval", "casework", "Responses awaiting your approval", approvals, order=13),
]
