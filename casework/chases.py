"""What casework chases (registered from apps.py; mayoral_office/chasing.py writes the digests and escalations):
acknowledgements and responses against their targets (the case officer; nobody's yet: the Head of Mayor's Office),
contribution requests to directorates (their contacts) and drafts awaiting a member's approval (the member). Each
selector is one query however many items (the directorates' contacts are kept in the cache). A confidential case is
named only by its reference: the digest is an email."""

from __future__ import annotations

from datetime import date

from django.db.models import F, Func, IntegerField, Q, Subquery
from django.db.models.functions import Coalesce

from casework.models import Case, ContributionRequest, Draft, Sensitivity, Status, working_q
from mayoral_office import choices
from mayoral_office.links import url_for_each
from mayoral_office.models import Member, User
from mayoral_office.registry import ChaseItem, ChaseKind
from mayoral_office.selectors import directorate_contacts


def _title(subject: str, sensitivity: str) -> str:
    return "Confidential case" if sensitivity == Sensitivity.CONFIDENTIAL else subject


_OFFICER = F("officer_id")
_APPROVER = Coalesce("member__user_id", "officer_id", output_field=IntegerField())  # no sign-in: their officer
_APPROVAL = "Your approval of the response"


def _case_items(cases, due_field: str, what: str, limit: int | None = None, person=_OFFICER):
    """The cases' items (each `person`'s: the case officer unless said), and how many there are; with `limit`, only
    the first `limit` by due date and the count of all, in one query: both from an index of open cases by due date
    (`casework.indexes`), and only those few rows read from the table."""
    fields = ("pk", "reference", "subject", "sensitivity", due_field, "person")
    if limit is None:
        rows = cases.order_by().annotate(person=person).values(*fields)
    else:
        first = cases.order_by(due_field, "pk").values("pk")[:limit]
        total = cases.order_by().annotate(n=Func("pk", function="COUNT")).values("n")  # no GROUP BY: one count
        found = Case.objects.filter(pk__in=first).annotate(person=person, total=Subquery(total))
        rows = list(found.order_by(due_field, "pk").values(*fields, "total"))
    url = url_for_each("casework:detail")
    items = [
        ChaseItem(
            model="casework.case",
            pk=row["pk"],
            person_id=row["person"],
            due_on=row[due_field],
            reference=row["reference"],
            title=_title(row["subject"], row["sensitivity"]),
            url=url(row["pk"]),
            what=what,
        )
        for row in rows
    ]
    if limit is None:
        return items, len(items)
    return items, rows[0]["total"] if rows else 0


def _cases(person_ids, **filters):
    qs = Case.objects.filter(working_q(), **filters)
    if person_ids is not None:
        qs = qs.filter(officer_id__in=person_ids)
    return qs


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


def _soonest(cases, due_field: str, what: str, person=_OFFICER):
    """A kind's `soonest`: an officer may hold thousands of overdue cases; their home page lists the first few."""
    return lambda horizon, person_ids, n: _case_items(cases(horizon, person_ids), due_field, what, n, person)


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
    contacts = directorate_contacts()
    items, url = [], url_for_each("casework:contribution")
    for row in rows:
        people = contacts.get(row["directorate_id"], ())
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


def _to_approve(horizon: date, person_ids):
    """Cases awaiting the member's approval of a submitted draft, by the case's response date: the member's to
    approve (their officer's, for a member who does not sign in); the officer is chased for every other open case
    (`_to_respond`). The matching cases are found in the index of cases awaiting approval before any row is read (a
    few thousand drafts may wait at volume)."""
    cases = Case.objects.filter(
        status=Status.AWAITING_APPROVAL,
        response_due__lte=horizon,
        pk__in=Draft.objects.filter(state=Draft.State.SUBMITTED).values("case_id"),
    )
    if person_ids is not None:  # one person's (their home page): theirs only, not every member's drafts
        members = choices.kept("casework:member-users", lambda: list(Member.objects.values_list("pk", "user_id")))
        theirs = [pk for pk, user_id in members if user_id in person_ids]
        without_user = [pk for pk, user_id in members if user_id is None]
        cases = cases.filter(Q(member_id__in=theirs) | Q(member_id__in=without_user, officer_id__in=person_ids))
    return cases


def approvals(horizon: date, person_ids=None) -> list[ChaseItem]:
    return _case_items(_to_approve(horizon, person_ids), "response_due", _APPROVAL, person=_APPROVER)[0]


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
    ChaseKind(
        "casework.approval",
        "casework",
        "Responses awaiting your approval",
        approvals,
        order=13,
        soonest=_soonest(_to_approve, "response_due", _APPROVAL, _APPROVER),
    ),
]
