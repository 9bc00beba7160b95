"""Every read of casework that matters. Lists, searches, exports and counts start from `visible_to(user)`, so
none of them can show what a case page would refuse; detail pages go through the authorising fetch
(`mayoral_office.access.get_visible_or_404`) with the querysets below. Preloading lives here, next to the query."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from casework.models import (
    FINISHED_STATUSES,
    OPEN_STATUSES,
    Attachment,
    Case,
    CaseEvent,
    ContributionRequest,
    Correspondent,
    Draft,
    Status,
    overdue_q,
    working_q,
)
from casework.policy import may_work_on_cases
from mayoral_office.access import is_directorate_contact, own_member_id, sees_everything, supported_member_ids
from mayoral_office.models import Member, User
from mayoral_office.registry import WorkItem
from mayoral_office.roles import Role

ROW_RELATED = ("case_type", "member", "correspondent", "officer", "ward", "portfolio")


# What no list row shows and is costly to read: the letter's text and the search document (kilobytes a case), and
# the correspondent's address and phone number (parsed as a phone number, row by row).
NOT_IN_ROWS = ("body", "summary", "search_document", "correspondent__address", "correspondent__phone")


def list_cases(user):
    """Cases for a list page, with everything a row shows loaded in the same query (and nothing else)."""
    return Case.objects.visible_to(user).select_related(*ROW_RELATED).defer(*NOT_IN_ROWS)


def cases_for_fetch():
    """A case for its own pages and actions (fetched with get_visible_or_404): its row and its drafts."""
    return Case.objects.select_related(*ROW_RELATED, "merged_into").prefetch_related("drafts")


def cases_for_page():
    """A case with everything its page shows, loaded in a fixed number of queries."""
    return Case.objects.select_related(*ROW_RELATED, "merged_into").prefetch_related(
        Prefetch("events", queryset=CaseEvent.objects.select_related("actor")),
        Prefetch("contributions", queryset=ContributionRequest.objects.select_related("directorate")),
        Prefetch("drafts", queryset=Draft.objects.select_related("created_by", "reviewed_by")),
        Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")),
        "extensions",
        "holds",
    )


def sees_case(user, case_id) -> bool:
    return Case.objects.visible_to(user).filter(pk=case_id).exists()


def contributions_for_fetch():
    return ContributionRequest.objects.select_related(
        "case", "directorate", "case__member", "case__correspondent", "requested_by", "answered_by"
    )


def due_this_week(today: date) -> tuple[date, date]:
    """The "due this week" window: today to Sunday; at a weekend, the coming working week (to the next Sunday),
    so that on a Saturday the queue is not just the one day left."""
    end = today + timedelta(days=6 - today.weekday())
    if today.weekday() >= 5:
        end += timedelta(days=7)
    return today, end


def queue(qs, name: str, user, today: date | None = None):
    """The work queues: mine, my team's, unallocated, overdue, due this week, awaiting approval, all."""
    today = today or timezone.localdate()
    if name == "mine":
        return qs.filter(officer=user).open()
    if name == "team":
        return qs.filter(member_id__in=supported_member_ids(user)).open()
    if name == "unallocated":
        return qs.filter(officer__isnull=True).open()
    if name == "overdue":
        return qs.overdue(today)
    if name == "week":
        start, end = due_this_week(today)
        return qs.filter(working_q(), response_due__gte=start, response_due__lte=end)
    if name == "approval":
        return qs.filter(status=Status.AWAITING_APPROVAL)
    if name == "open":
        return qs.open()
    return qs


QUEUES = [
    ("mine", "My cases"),
    ("team", "My team's"),
    ("unallocated", "Unallocated"),
    ("overdue", "Overdue"),
    ("week", "Due this week"),
    ("approval", "Awaiting member approval"),
    ("open", "All open"),
    ("all", "All"),
]


MEMBER_QUEUES = [
    ("approval", "My cases for approval"),
    ("team", "My cases"),
    ("overdue", "Overdue"),
    ("week", "Due this week"),
    ("open", "All open"),
    ("all", "All"),
]


def queues_for(user) -> list[tuple[str, str]]:
    """The queue tabs as this user should read them. A member is never allocated cases and has no team: their
    'team' is their own cases, and 'awaiting approval' is what waits for them."""
    if getattr(user, "member", None) is not None and not may_work_on_cases(user):
        return MEMBER_QUEUES
    return QUEUES


def default_queue(user) -> str:
    if sees_everything(user):
        return "open"
    if may_work_on_cases(user):
        return "mine"
    if own_member_id(user) is not None:
        return "approval"
    return "team"


def queue_name(user, asked: str | None) -> str:
    """The queue asked for, the user's default when none is, and "all" for one that does not exist."""
    name = asked or default_queue(user)
    return name if name in dict(QUEUES) else "all"


def queue_tabs(user, current: str) -> dict:
    """The queue tabs with their counts, and the current queue's label, as this user reads them. "All" has no
    count on the tab (its own page says how many)."""
    counts = queue_counts(user)
    tabs = queues_for(user)
    return {
        "queue_tabs": [(key, label, counts.get(key)) for key, label in tabs],
        "queue_label": dict(tabs).get(current) or dict(QUEUES)[current],
        "queue_count": counts.get(current),
    }


def queue_counts(user, today: date | None = None) -> dict[str, int]:
    """Counts for the open-case tabs (every tab but "All") in one query over the user's open cases only, which the
    (status, ...) indexes find without reading the closed years: the home page and every queue page ask for
    these, so they must not grow with ten years of closed cases."""
    today = today or timezone.localdate()
    week_start, week_end = due_this_week(today)
    # overdue_q and the week's rule less their "open" half, which the WHERE already is: each tab's test runs once
    # for every open case, and the repeated IN (...) of the open statuses was a fifth of the query.
    on_clock = ~Q(status=Status.ON_HOLD)
    return (
        Case.objects.visible_to(user)
        .filter(status__in=OPEN_STATUSES)
        .aggregate(
            mine=Count("pk", filter=Q(officer_id=user.pk)),
            team=Count("pk", filter=Q(member_id__in=supported_member_ids(user))),
            unallocated=Count("pk", filter=Q(officer__isnull=True)),
            overdue=Count("pk", filter=on_clock & Q(response_due__lt=today)),
            week=Count("pk", filter=on_clock & Q(response_due__gte=week_start, response_due__lte=week_end)),
            approval=Count("pk", filter=Q(status=Status.AWAITING_APPROVAL)),
            open=Count("pk"),
        )
    )


def possible_duplicates(user, case, limit: int = 5):
    """Cases that may be the same correspondence, or earlier cases from the same person:

    - the same correspondent record, or the same email address or phone number (any member, any time);
    - the same name and postcode (any member, any time);
    - the same name (not case-sensitive) to the same member within 30 days of this case;
    - the same subject to the same member within 90 days.
    """
    correspondent = case.correspondent
    same_person = Q(pk=correspondent.pk)
    if correspondent.email:
        same_person |= Q(email__iexact=correspondent.email)
    if correspondent.phone:
        same_person |= Q(phone=correspondent.phone)  # both in E.164: plain equality
    if correspondent.postcode and correspondent.name:
        same_person |= Q(postcode__iexact=correspondent.postcode, name__iexact=correspondent.name)
    namesake = Q(name__iexact=correspondent.name.strip()) if correspondent.name else Q(pk__in=[])
    # The people first, then the ids of their cases and of the same subject's from the correspondent and
    # member-subject indexes, then those cases' rows: one query joining it all under an OR walked every case in
    # received order when nothing matched (1.1 s at 200,000 cases, docs/performance.md).
    people, namesakes = [], []
    for pk, is_person in (
        Correspondent.objects.filter(same_person | namesake)
        .annotate(is_person=ExpressionWrapper(same_person, output_field=BooleanField()))
        .values_list("pk", "is_person")
    ):
        (people if is_person else namesakes).append(pk)
    same_member = Case.objects.order_by().filter(member_id=case.member_id)
    candidates = (
        Case.objects.order_by()
        .filter(correspondent_id__in=people)
        .values_list("pk")
        .union(
            same_member.filter(
                correspondent_id__in=namesakes,
                received_at__gte=case.received_at - timedelta(days=30),
                received_at__lte=case.received_at + timedelta(days=30),
            ).values_list("pk"),
            same_member.filter(
                subject__iexact=case.subject, received_at__gte=case.received_at - timedelta(days=90)
            ).values_list("pk"),
        )
    )
    return (
        Case.objects.visible_to(user)
        .filter(pk__in=[pk for (pk,) in candidates])
        .exclude(pk=case.pk)
        .exclude(pk__in=case.related_cases.values("pk"))
        .filter(merged_into__isnull=True)
        .select_related("case_type", "correspondent", "member")
        .order_by("-received_at")[:limit]
    )


def allocatable_officers():
    """Officers a case can be allocated to: the office's officers (not interns, members or contacts)."""
    return (
        User.objects.filter(
            is_active=True,
            groups__name__in=[
                Role.HEAD_OF_OFFICE.label,
                Role.EXECUTIVE_SUPPORT.label,
                Role.CABINET_SUPPORT.label,
            ],
        )
        .distinct()
        .order_by("full_name")
    )


def members_for(user):
    """Members a user may log or file cases for."""
    qs = Member.objects.current()
    if sees_everything(user):
        return qs
    return qs.filter(pk__in=supported_member_ids(user))


def correspondent_cases(user, correspondent):
    return list_cases(user).filter(correspondent=correspondent).order_by("-received_at")


def contributions_for_contact(user):
    """Directorate contacts: the requests they answered or still have to answer (a request no longer needed
    drops out). Officers: every request on the cases they may see."""
    qs = ContributionRequest.objects.visible_to(user)
    if is_directorate_contact(user):
        qs = qs.filter(no_longer_needed_at__isnull=True)
    return qs.select_related("case", "directorate", "requested_by").order_by("answered_at", "due_on")


def approvals_waiting_for(user):
    """Drafts awaiting this member's approval: submitted, on their cases awaiting approval (a case with a draft
    submitted awaits approval until it is approved or sent back: casework/models.py's transitions), found from the
    index of those cases."""
    member_id = own_member_id(user)
    if not member_id:
        return Draft.objects.none()
    theirs = {"case__member_id": member_id, "case__status": Status.AWAITING_APPROVAL}
    return Draft.objects.filter(state=Draft.State.SUBMITTED, **theirs).select_related("case")


def first_approvals_waiting_for(user, n: int) -> list:
    """The first `n` of `approvals_waiting_for(user)` by their case's response date: the cases found in order in the
    index of cases awaiting approval, then only their drafts read (not every draft waiting, sorted)."""
    member_id = own_member_id(user)
    if not member_id:
        return []
    submitted = Draft.objects.filter(state=Draft.State.SUBMITTED).values("case_id")
    cases = Case.objects.filter(member_id=member_id, status=Status.AWAITING_APPROVAL, pk__in=submitted)
    first = cases.order_by("response_due", "pk").values("pk")[:n]
    return list(approvals_waiting_for(user).filter(case_id__in=first).order_by("case__response_due", "pk")[:n])


def member_summary(user, today: date | None = None) -> list[dict]:
    """For each member the user may see cases of: open, overdue and awaiting approval (over the open cases, which
    the open-case index holds) and received in the last 12 months (over the received-date index), through the same
    rule. Two grouped queries that read indexes only, however many years of cases there are."""
    today = today or timezone.localdate()
    since = timezone.make_aware(datetime.combine(today - timedelta(days=365), time.min))
    visible = Case.objects.visible_to(user)
    rows = {
        row["member_id"]: {**row, "received": 0}
        for row in visible.filter(status__in=OPEN_STATUSES)
        .values("member_id")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=overdue_q(today)),
            approval=Count("pk", filter=Q(status=Status.AWAITING_APPROVAL)),
        )
        .order_by()
    }
    for row in visible.filter(received_at__gte=since).values("member_id").annotate(n=Count("pk")).order_by():
        rows.setdefault(row["member_id"], {"member_id": row["member_id"], "open": 0, "overdue": 0, "approval": 0})
        rows[row["member_id"]]["received"] = row["n"]
    members = Member.objects.filter(pk__in=rows).order_by("name").values_list("pk", "name", "title")
    return [
        {**rows[pk], "member__name": name, "member__title": title, "since": since.date()} for pk, name, title in members
    ]


def correspondent_matches(user, *, email: str = "", phone: str = "", name: str = "", postcode: str = "", limit=5):
    """Correspondents we already hold who may be the person whose correspondence is being logged, from what the
    officer has typed (already in standard form: phone in E.164, postcode as "SW1A 1AA"): the same email address,
    phone number or name, or the same surname at the same postcode. Only correspondents the user may see (through
    their cases), never an anonymised one; each with `open_cases` (the open cases the user may see, newest first)
    and `reasons` (what matched), the strongest matches first. Two queries, however many match."""
    terms = {
        "the same email address": Q(email__iexact=email) if email else None,
        "the same phone number": Q(phone=phone) if phone else None,
        "the same name": Q(name__iexact=name) if name else None,
        "the same surname and postcode": (
            Q(postcode=postcode, name__iendswith=f" {name.split()[-1]}") if name and postcode else None
        ),
    }
    terms = {reason: q for reason, q in terms.items() if q is not None}
    if not terms:
        return []
    condition = Q()
    for q in terms.values():
        condition |= q
    open_cases = (
        Case.objects.visible_to(user)
        .open()
        .filter(merged_into__isnull=True)
        .select_related("case_type", "member")
        .order_by("-received_at")
    )
    found = list(
        Correspondent.objects.visible_to(user)
        .filter(condition, anonymised_at__isnull=True)
        .prefetch_related(Prefetch("cases", queryset=open_cases, to_attr="open_cases"))
        .order_by("name", "pk")[: limit * 4]
    )
    for person in found:
        person.reasons = [reason for reason in terms if _matches(person, reason, email, phone, name, postcode)]
    found.sort(key=lambda person: -len(person.reasons))
    return found[:limit]


def correspondent_by_email(email: str):
    """The correspondent a mailbox message's sender is, by address (the duplicate matching's "the same email
    address"), among every correspondent not anonymised, the most recent first; None when nobody matches. (An
    officer's email file goes through the intake form's matching instead, among the correspondents they may see.)"""
    if not email:
        return None
    same = Correspondent.objects.filter(email__iexact=email, anonymised_at__isnull=True)
    return same.order_by("-created_at", "-pk").first()


def _matches(person, reason: str, email: str, phone: str, name: str, postcode: str) -> bool:
    if reason == "the same email address":
        return person.email.lower() == email.lower()
    if reason == "the same phone number":
        return bool(person.phone) and person.phone.as_e164 == phone
    if reason == "the same name":
        return person.name.lower() == name.lower()
    return person.postcode == postcode and person.name.lower().endswith(f" {name.split()[-1].lower()}")


def same_person(correspondent):
    """Correspondent records that are the same person: this one, and any with the same email address."""
    q = Q(pk=correspondent.pk)
    if correspondent.email:
        q |= Q(email__iexact=correspondent.email)
    return Correspondent.objects.filter(q)


def home_work(user):
    """The signed-in user's casework to-do counts for the home page, through the same rules as the lists."""
    if is_directorate_contact(user) or not user.is_authenticated:
        return []
    counts = queue_counts(user)
    url = reverse("casework:index")
    if getattr(user, "member", None) is not None and not may_work_on_cases(user):
        return [WorkItem("Responses awaiting your approval", counts["approval"], f"{url}?queue=approval")]
    rows = [
        WorkItem("My open cases", counts["mine"], f"{url}?queue=mine"),
        WorkItem("Overdue", counts["overdue"], f"{url}?queue=overdue"),
        WorkItem("Due this week", counts["week"], f"{url}?queue=week"),
        WorkItem("Awaiting member approval", counts["approval"], f"{url}?queue=approval"),
    ]
    if counts["unallocated"]:
        rows.insert(1, WorkItem("Unallocated", counts["unallocated"], f"{url}?queue=unallocated"))
    return rows


def retention_due(today: date | None = None):
    """Closed cases held longer than their type's retention period."""
    today = today or timezone.localdate()
    candidates = Case.objects.filter(status__in=FINISHED_STATUSES, anonymised_at__isnull=True).select_related(
        "case_type"
    )
    due = []
    for case in candidates.only("pk", "closed_at", "response_sent_on", "received_at", "case_type__retention_years"):
        finished = (case.closed_at and timezone.localtime(case.closed_at).date()) or case.response_sent_on
        if finished is None:
            continue
        years = case.case_type.retention_years
        try:
            limit = finished.replace(year=finished.year + years)
        except ValueError:  # 29 February
            limit = finished.replace(year=finished.year + years, day=28)
        if limit < today:
            due.append(case.pk)
    return Case.objects.filter(pk__in=due)
