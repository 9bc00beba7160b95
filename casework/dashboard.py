"""Casework's figures for the dashboard (registered in apps.py): each counted in the database over the cases the
viewer may see, and each linking to the case list (or the contribution requests) filtered to the same cases.

Queries: two for received and closed in the four standard periods and in each of the last 12 weeks, two for answered
within target (overall, by type, member and officer in one; by directorate), one for the overdue ages, one for the open
stages, one for contributions overdue; and one for the target (the days off, and the names of case types, members,
officers and directorates, are kept in the cache). None grows with volume."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from casework.filters import IN_TARGET, LATE, answered_q
from casework.models import OPEN_STATUSES, Case, CaseType, ContributionRequest, Status, overdue_q
from mayoral_office import choices
from mayoral_office.dashboard import in_words, link, percent, standard_periods, uk
from mayoral_office.filters import start_of_day
from mayoral_office.models import Directorate, Member, PerformanceSettings
from mayoral_office.registry import Cell, Chart, MemberLine, MemberViewSection, Period, Table
from mayoral_office.working_days import working_days_before

CASES = "casework:index"
TREND_WEEKS = 12
# Overdue ages in working days past the target date: (label, fewest, most); None for no upper bound.
AGES = [("1 to 5 working days", 1, 5), ("6 to 10 working days", 6, 10), ("11 to 20 working days", 11, 20)]
AGES.append(("More than 20 working days", 21, None))


def _received_closed(cases, periods: list[tuple[str, date, date]]) -> list[tuple[Cell, ...]]:
    """A row per period: cases received and cases closed in it, from two queries that count each day's cases
    since the earliest start (each read from its date's index alone: docs/performance.md), added up by period."""
    since = min(start for _, start, _ in periods)
    received, closed = _per_day(cases, "received_at", since), _per_day(cases, "closed_at", since)
    return [
        (
            Cell(label),
            Cell(_within(received, start, end), link(CASES, queue="all", received_from=start, received_to=end)),
            Cell(_within(closed, start, end), link(CASES, queue="all", closed_from=start, closed_to=end)),
        )
        for label, start, end in periods
    ]


def _per_day(cases, field: str, since: date) -> dict[date, int]:
    """{day: cases whose `field` falls on it (in London)} from `since`."""
    days = cases.filter(**{f"{field}__gte": start_of_day(since)}).annotate(day=TruncDate(field))
    return dict(days.values_list("day").annotate(n=Count("pk")).order_by())


def _within(per_day: dict[date, int], start: date, end: date) -> int:
    return sum(n for day, n in per_day.items() if start <= day <= end)


def received_and_closed(cases, today: date) -> list[Table]:
    """Cases received and closed in the standard periods, and in each of the last twelve weeks: both tables from
    the same two queries."""
    standard = [(p.label, p.start, p.end) for p in standard_periods(today)]
    monday = today - timedelta(days=today.weekday())
    weeks = [monday - timedelta(weeks=n) for n in range(TREND_WEEKS - 1, -1, -1)]
    trend = [(f"w/c {uk(start)}", start, min(start + timedelta(days=6), today)) for start in weeks]
    rows = _received_closed(cases, standard + trend)
    return [
        Table(
            "casework.received_closed",
            "Cases received and closed",
            ("Period", "Received", "Closed"),
            tuple(rows[: len(standard)]),
            note="Year to date is from 1 April. Closed: cases moved to Closed in the period.",
        ),
        Table(
            "casework.trend",
            f"Cases received and closed, last {TREND_WEEKS} weeks",
            ("Week", "Received", "Closed"),
            tuple(rows[len(standard) :]),
            chart=Chart("line", (1, 2)),
            note="Weeks commencing Monday; this week so far.",
        ),
    ]


def _answered_rows(groups, filter_name: str, chosen: Period, goal: int) -> list[tuple[Cell, ...]]:
    rows = []
    for key, name, answered, in_time in groups:
        base = {"queue": "all", "answered_from": chosen.start, "answered_to": chosen.end}
        if filter_name:
            base[filter_name] = key
        rows.append(
            (
                Cell(name),
                Cell(answered, link(CASES, **base)),
                Cell(in_time, link(CASES, **base, answered=IN_TARGET)),
                Cell(answered - in_time, link(CASES, **base, answered=LATE)),
                _against(percent(in_time, answered), goal),
            )
        )
    return rows


def _against(cell: Cell, goal: int) -> Cell:
    if cell.value is None:
        return cell
    mark = "" if cell.value >= goal else " (below target)"
    return Cell(cell.value, display=f"{cell.display}{mark}")


ANSWERED_COLUMNS = ("Cases", "Answered", "Within target", "After target", "% within target")
GROUPINGS = [
    ("case_type", "By case type", "Case type"),
    ("member", "By member", "Member"),
    ("officer", "By officer", "Officer"),
]


def _names() -> dict[str, dict[int, str]]:
    """The names of each grouping's records (and of the directorates), by key: kept tables, read once until one of
    them changes (mayoral_office.choices), so the counts need no join to them."""

    def read():
        return {
            "case_type": dict(CaseType.objects.values_list("pk", "name")),
            "member": dict(Member.objects.values_list("pk", "name")),
            "officer": dict(get_user_model().objects.values_list("pk", "full_name")),
            "directorate": dict(Directorate.objects.values_list("pk", "name")),
        }

    return choices.kept("casework:dashboard-names", read)


def answered_within_target(cases, chosen: Period) -> list[Table]:
    goal = PerformanceSettings.current().answered_in_target_percent
    answered = cases.filter(response_sent_on__gte=chosen.start, response_sent_on__lte=chosen.end)
    counts = {"answered": Count("pk"), "in_time": Count("pk", filter=answered_q(IN_TARGET))}
    # One query, by type, member and officer together (a few hundred groups at most; the cases from the index of
    # answered cases alone, not joined to the names: 11 -> 4 ms for the year to date at scale 1); the overall figures
    # and each grouping are added up from it.
    keys = [f"{field}_id" for field, *_ in GROUPINGS]
    found = list(answered.values_list(*keys).annotate(**counts).order_by())
    overall = (sum(row[-2] for row in found), sum(row[-1] for row in found))
    note = f"Cases whose response was sent in the period. Target: {goal}% within the target date."
    tables = [
        Table(
            "casework.answered",
            f"Answered within target, {in_words(chosen)}",
            ANSWERED_COLUMNS,
            tuple(_answered_rows([(None, "All cases", *overall)], "", chosen, goal)),
            note=note,
        )
    ]
    names = _names()
    for index, (field, caption, heading) in enumerate(GROUPINGS):
        tables.append(
            Table(
                f"casework.answered_by_{field}",
                f"Answered within target {caption.lower()}, {in_words(chosen)}",
                (heading, *ANSWERED_COLUMNS[1:]),
                tuple(_answered_rows(_added_up(found, index, names[field]), field, chosen, goal)),
                chart=Chart("bar", (2, 3), stacked=True, horizontal=True),
            )
        )
    tables.append(_answered_by_directorate(answered, chosen, goal))
    return tables


def _added_up(found, index: int, names: dict[int, str]) -> list[tuple]:
    """(key, name, answered, in time) for each value of one grouping (`GROUPINGS[index]`; none for no value), added up
    over the groups of every grouping, by name."""
    totals = {}
    for row in found:
        key = row[index]
        if key is not None:
            answered, in_time = totals.get(key, (0, 0))
            totals[key] = (answered + row[-2], in_time + row[-1])
    groups = [(key, names.get(key, ""), answered, in_time) for key, (answered, in_time) in totals.items()]
    return sorted(groups, key=lambda group: (group[1].casefold(), group[0]))


def _answered_by_directorate(answered, chosen: Period, goal: int) -> Table:
    """Cases answered in the period on which each directorate was asked for a contribution: the answered cases
    joined to their requests (asked as an IN of the cases' keys it cost half as much again: 9.4 -> 6 ms for the year
    to date at scale 1), the directorates' names from the kept tables."""
    found = (
        answered.filter(contributions__isnull=False)
        .values_list("contributions__directorate_id")
        .annotate(
            answered=Count("pk", distinct=True),
            in_time=Count("pk", distinct=True, filter=answered_q(IN_TARGET)),
        )
        .order_by()
    )
    names = _names()["directorate"]
    groups = sorted(((pk, names.get(pk, ""), n, t) for pk, n, t in found), key=lambda g: (g[1].casefold(), g[0]))
    return Table(
        "casework.answered_by_directorate",
        f"Answered within target by directorate asked, {in_words(chosen)}",
        ("Directorate", *ANSWERED_COLUMNS[1:]),
        tuple(_answered_rows(groups, "directorate", chosen, goal)),
        note="Cases on which the directorate was asked for a contribution.",
    )


def age_limits(today: date) -> list[tuple[str, date | None, date]]:
    """(label, due from, due to) for each overdue age: a case due on D is n working days overdue when n working
    days fall after D up to today (a case due on Friday is overdue on Saturday, though no working day has passed:
    it counts among the first age)."""

    def back(n: int) -> date:  # the nth working day counting back from today (today itself the first, if one)
        return working_days_before(today + timedelta(days=1), n)[0]

    rows = []
    for label, fewest, most in AGES:
        latest = today - timedelta(days=1) if fewest == 1 else back(fewest) - timedelta(days=1)
        rows.append((label, back(most + 1) if most else None, latest))
    return rows


def overdue_by_age(cases, today: date) -> Table:
    limits = age_limits(today)
    overdue = cases.filter(overdue_q(today))
    counts = {}
    for index, (_, earliest, latest) in enumerate(limits):
        due = Q(response_due__lte=latest) & (Q(response_due__gte=earliest) if earliest else Q())
        counts[f"a{index}"] = Count("pk", filter=due)
    found = overdue.aggregate(**counts)
    return Table(
        "casework.overdue_by_age",
        "Overdue cases by how late they are",
        ("Working days past the target date", "Cases"),
        tuple(
            (Cell(label), Cell(found[f"a{i}"], link(CASES, queue="overdue", due_from=earliest, due_to=latest)))
            for i, (label, earliest, latest) in enumerate(limits)
        ),
        chart=Chart("bar", (1,)),
        note="Open cases past their response target date, not on hold.",
    )


def open_by_stage(cases) -> Table:
    found = dict(cases.filter(status__in=OPEN_STATUSES).values_list("status").annotate(n=Count("pk")).order_by())
    return Table(
        "casework.open_by_stage",
        "Open cases by stage",
        ("Stage", "Cases"),
        tuple(
            (Cell(status.label), Cell(found.get(status.value, 0), link(CASES, queue="open", status=status.value)))
            for status in Status
            if status in OPEN_STATUSES
        ),
        chart=Chart("bar", (1,), horizontal=True),
    )


def contributions_overdue(user, today: date) -> Table:
    groups = (
        ContributionRequest.objects.visible_to(user)
        .in_state("overdue", today)
        .values_list("directorate_id", "directorate__name")
        .annotate(n=Count("pk"))
        .order_by("directorate__name")
    )
    return Table(
        "casework.contributions_overdue",
        "Contributions overdue by directorate",
        ("Directorate", "Requests overdue"),
        tuple(
            (Cell(name), Cell(n, link("casework:contributions", state="overdue", directorate=pk)))
            for pk, name, n in groups
        ),
        chart=Chart("bar", (1,), horizontal=True),
        note="Requests for a contribution not yet answered, past their due date.",
    )


def tables(user, chosen: Period) -> list[Table]:
    cases = Case.objects.visible_to(user).order_by()
    return [
        *received_and_closed(cases, chosen.today),
        *answered_within_target(cases, chosen),
        overdue_by_age(cases, chosen.today),
        open_by_stage(cases),
        contributions_overdue(user, chosen.today),
    ]


# --- the member's view (registered in apps.py) --------------------------------------------------------------------
MEMBER_LINES = 8


def member_view(user, member, today: date) -> list[MemberViewSection]:
    """A member's drafts awaiting their approval, and the open cases addressed to them (the case list filtered to
    them has the same cases)."""
    from django.urls import reverse

    from casework.selectors import approvals_waiting_for, first_approvals_waiting_for

    cases = Case.objects.visible_to(user).open().filter(member=member).order_by("response_due", "pk")
    return [
        MemberViewSection(
            "Responses awaiting your approval",
            tuple(
                MemberLine(
                    f"{d.case.reference} {d.case.subject}",
                    reverse("casework:draft-review", args=[d.case_id, d.pk]),
                    d.case.response_due,
                    "Overdue: the reply was due"
                    if d.case.response_due and d.case.response_due < today
                    else "Reply due",
                )
                for d in first_approvals_waiting_for(user, MEMBER_LINES)
            ),
            approvals_waiting_for(user).count(),
            link(CASES, queue="approval"),
            empty="No responses are waiting for your approval.",
            order=10,
            replaces_chase="casework.approval",
        ),
        MemberViewSection(
            "Open cases addressed to you",
            tuple(
                MemberLine(f"{c.reference} {c.subject}", c.get_absolute_url(), c.response_due, c.get_status_display())
                for c in cases.only("pk", "reference", "subject", "response_due", "status")[:MEMBER_LINES]
            ),
            cases.count(),
            link(CASES, queue="open", member=member.pk),
            order=40,
        ),
    ]
