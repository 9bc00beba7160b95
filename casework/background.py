"""What casework tells a briefing pack's background (registered with the core: `registry.background_for`): the open
cases and those closed in the last 12 months from the pack's ward, and from correspondents of the organisations
attending. A selector: it reads only, in two queries whatever the number of cases.

Only the cases every one of the pack's readers may see (each reader's `Case.objects.visible_to`), and only
standard ones unless the pack may hold confidential material (`confidential_allowed`): a sensitive or
confidential case carries an OFFICIAL-SENSITIVE marking, which an OFFICIAL pack (read by every officer and intern)
must never list. A line shows what a case list shows: reference, subject, stage; no correspondent's name."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from casework.models import FINISHED_STATUSES, OPEN_STATUSES, Case, Sensitivity
from mayoral_office.registry import BackgroundLine, BackgroundQuery

LIMIT = 10  # lines of each kind
RECENT_DAYS = 365


def _about(query: BackgroundQuery) -> Q | None:
    """The cases the pack is about: from its ward, or from a correspondent of one of its organisations."""
    about = Q(pk__in=[])
    if query.ward_id:
        about |= Q(ward_id=query.ward_id)
    for name in {o.strip().lower() for o in query.organisations if o.strip()}:
        about |= Q(correspondent__organisation__iexact=name)
    return None if about == Q(pk__in=[]) else about


def readable_cases(query: BackgroundQuery):
    """The cases every reader may see (none if there are no readers), standard only unless confidential is allowed."""
    readers = [reader for reader in query.readers if reader is not None]
    if not readers:
        return Case.objects.none()
    cases = Case.objects.filter(anonymised_at__isnull=True)
    for reader in readers:
        cases = cases.visible_to(reader)  # each adds its own condition: the intersection of what they all see
    if not query.confidential_allowed:
        cases = cases.filter(sensitivity=Sensitivity.STANDARD)
    return cases


def case_lines(query: BackgroundQuery) -> list[BackgroundLine]:
    about = _about(query)
    if about is None:
        return []
    cases = readable_cases(query).filter(about).select_related("correspondent")
    since = timezone.make_aware(datetime.combine(query.today - timedelta(days=RECENT_DAYS), time.min))
    open_cases = cases.filter(status__in=OPEN_STATUSES).order_by("-received_at", "-pk")[:LIMIT]
    # finished: closed since then, or answered (not yet closed) from correspondence received since then
    finished_since = Q(closed_at__gte=since) | Q(closed_at__isnull=True, received_at__gte=since)
    recent = cases.filter(finished_since, status__in=FINISHED_STATUSES).order_by("-received_at", "-pk")[:LIMIT]
    lines = [_line(case, "Open case", case.received_on, query) for case in open_cases]
    lines += [_line(case, "Recent case", _finished_on(case), query) for case in recent]
    return lines


def _finished_on(case: Case):
    if case.closed_at:
        return timezone.localtime(case.closed_at).date()
    return case.response_sent_on or case.received_on


def _line(case: Case, kind: str, when, query: BackgroundQuery) -> BackgroundLine:
    detail = [case.get_status_display()]
    organisation = case.correspondent.organisation
    if organisation and organisation.strip().lower() in {o.strip().lower() for o in query.organisations}:
        detail.append(f"from {organisation}")
    return BackgroundLine(
        source="Casework",
        kind=kind,
        title=case.subject,
        reference=case.reference,
        url=case.get_absolute_url(),
        when=when,
        detail=", ".join(detail),
    )
