"""What decisions chases (registered from apps.py; mayoral_office/chasing.py writes the digests and escalations):

- **actions**: each action not started or in progress (done and "no longer needed" ones are not), by its due date,
  for its owner, as "Your open actions" counts them on the home page. An action owned only by a directorate goes to
  that directorate's contacts (none active, or a restricted action, which they may never see: its lead officer;
  nobody: the Head of Mayor's Office).
- **Decision Pathway dates**: for each proposal still undecided (proposed or on the pathway; decided and withdrawn
  ones are not chased) with a decision meeting that is not cancelled, its next statutory date not yet met
  (decisions/pathway.py, as the item's page judges them): while the meeting is still to come, being on the Forward
  Plan (a key decision with no general exception or special urgency recorded) and the report's publication; then the
  decision's publication. For the item's lead officer (none: the Head of Mayor's Office).

A restricted record (confidential, or exempt under Schedule 12A) is named only by its reference in the digest, which
is an email. Actions: one query (the directorates' contacts are kept in the cache); pathway dates: two (the items,
then the rules; the days off around their meetings are kept in the cache), however many there are."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils import timezone

from decisions import pathway as helper
from decisions.models import Action, DecisionSettings, MeetingStatus, PathwayItem, PathwayStatus
from decisions.models.actions import OPEN_ACTION_STATUSES
from mayoral_office.links import url_for_each
from mayoral_office.registry import ChaseItem, ChaseKind
from mayoral_office.selectors import directorate_contacts

UNDECIDED = (PathwayStatus.PROPOSED, PathwayStatus.IN_PROGRESS)
DATE_WORDS = {
    "forward_plan": "on the Forward Plan by",
    "report": "report published by",
    "publication": "decision published by",
}


def _restricted(row: dict) -> bool:
    return bool(row["confidential"] or row["exempt_category"])


# --- actions --------------------------------------------------------------------------------------------------
def _action_title(row: dict) -> str:
    if _restricted(row):
        return "Restricted action"
    words = " ".join(row["description"].split())
    return words if len(words) <= 80 else words[:79] + "…"


def actions(horizon: date, person_ids=None) -> list[ChaseItem]:
    """Open actions due on or before `horizon`, for their owners."""
    url = url_for_each("decisions:action")
    qs = Action.objects.filter(status__in=OPEN_ACTION_STATUSES, due_on__lte=horizon)
    if person_ids is not None:
        qs = qs.filter(Q(owner_id__in=list(person_ids)) | Q(owner__isnull=True))
    rows = list(
        qs.values(
            "pk", "description", "due_on", "owner_id", "owner_directorate_id", "lead_officer_id", "confidential",
            "exempt_category",
        ).order_by("due_on", "pk")
    )  # fmt: skip
    contacts = directorate_contacts()
    items = []
    for row in rows:
        if row["owner_id"] is not None:
            people = [row["owner_id"]]
        elif not _restricted(row) and contacts.get(row["owner_directorate_id"]):
            people = contacts[row["owner_directorate_id"]]
        else:
            people = [row["lead_officer_id"]]  # None: the Head of Mayor's Office
        for person_id in people:
            if person_ids is not None and person_id not in person_ids:
                continue
            items.append(
                ChaseItem(
                    model="decisions.action",
                    pk=row["pk"],
                    person_id=person_id,
                    due_on=row["due_on"],
                    reference=f"Action {row['pk']}",
                    title=_action_title(row),
                    url=url(row["pk"]),
                    what="Action",
                )
            )
    return items


# --- Decision Pathway dates -----------------------------------------------------------------------------------
def next_date(row: dict, meeting_day: date, *, today: date, days_off, rules) -> tuple[str, date] | None:
    """The item's next statutory date not yet met, as (key, due date); None when none is left to meet. The Forward
    Plan and the report can only be met before the meeting; after it, only the decision's publication is left."""
    due = helper.due_dates(meeting_day, days_off=days_off, rules=rules, published_on=row["decision_published_on"])
    open_dates = []
    if today <= meeting_day:
        if row["key_decision"] and row["forward_plan_published_on"] is None and not row["exception_kind"]:
            open_dates.append("forward_plan")
        if row["report_published_on"] is None:
            open_dates.append("report")
    if row["decision_published_on"] is None:
        open_dates.append("publication")
    if not open_dates:
        return None
    key = min(open_dates, key=lambda k: due[k])
    return key, due[key]


def pathway_dates(horizon: date, person_ids=None) -> list[ChaseItem]:
    """The next statutory date of each undecided pathway item, due on or before `horizon`."""
    url = url_for_each("decisions:pathway-item")
    # every live proposal with a decision meeting (a few hundred at most): which date is next is worked out here
    qs = PathwayItem.objects.filter(status__in=UNDECIDED, decision_meeting__isnull=False).exclude(
        decision_meeting__status=MeetingStatus.CANCELLED
    )
    if person_ids is not None:
        qs = qs.filter(lead_officer_id__in=list(person_ids))
    rows = list(
        qs.values(
            "pk", "reference", "title", "lead_officer_id", "confidential", "exempt_category", "key_decision",
            "forward_plan_published_on", "report_published_on", "decision_published_on", "exception_kind",
            "decision_meeting__starts_at",
        ).order_by("decision_meeting__starts_at", "pk")
    )  # fmt: skip
    if not rows:
        return []
    for row in rows:
        row["meeting_day"] = timezone.localtime(row["decision_meeting__starts_at"]).date()
    today, rules = timezone.localdate(), DecisionSettings.current().rules()
    days_off = helper.DaysOff.around([today, horizon, *(row["meeting_day"] for row in rows)])
    items = []
    for row in rows:
        found = next_date(row, row["meeting_day"], today=today, days_off=days_off, rules=rules)
        if found is None or found[1] > horizon:
            continue
        key, due = found
        items.append(
            ChaseItem(
                model="decisions.pathwayitem",
                pk=row["pk"],
                person_id=row["lead_officer_id"],
                due_on=due,
                reference=row["reference"],
                title="Restricted pathway item" if _restricted(row) else row["title"],
                url=url(row["pk"]),
                what=f"Pathway date: {DATE_WORDS[key]}",
            )
        )
    return items


KINDS = [
    ChaseKind("decisions.action", "decisions", "Actions", actions, order=40),
    ChaseKind("decisions.pathway", "decisions", "Decision Pathway dates", pathway_dates, order=41),
]
