"""Demo briefing packs for Eastbridge (`manage.py seed_demo`, after the diary and decisions: apps.py, order 35).

Packs in every state, for engagements in the demo diaries that need a briefing, one for the next Cabinet meeting
and one standalone (the Mayor's budget speech): in preparation (with an uploaded background paper, and passages
from the speech library), commissioned from a directorate with the commission now late, a commission submitted and
waiting, cleared, issued (version 1), issued then revised (versions 1 and 2), withdrawn, and one
OFFICIAL-SENSITIVE. And a speech library of a dozen passages (standard lines, biographies of the demo members,
statistics with their source and date, one past its review date).

Everything is written through the briefings services with the office's officers as the actors, so the audit trail
and the emails are what the office would see. Two things the services cannot do, because they happened "before
today", are then set directly and recorded in the audit trail: the late commission's due date (a date in the past)
and nothing else. Idempotent: does nothing when any pack exists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from briefings.demo_content import PAPER_HTML, PASSAGES, SUMMARY
from briefings.models import Commission, Marking, Pack, Passage, SectionKind
from briefings.services import commissions, issue, library, packs, sections
from decisions.models import Meeting, MeetingStatus
from diary.models import Engagement, EngagementStatus
from mayoral_office.audit import record_change
from mayoral_office.demo import DEMO_EMAIL_DOMAIN
from mayoral_office.models import Member, User
from mayoral_office.working_days import add_working_days, working_days_before


@dataclass
class People:
    head: User
    senior: User  # Senior Executive Support Officer (the Mayor's packs)
    cabinet_support: User  # supports Cllr Whitmore and Cllr Grant
    cabinet_support2: User  # supports Cllr Begum
    housing: User  # directorate contacts
    children: User
    place: User
    mayor: Member

    @classmethod
    def load(cls) -> People | None:
        users = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")}
        mayor = Member.objects.filter(office=Member.Office.MAYOR).first()
        wanted = ["head.office", "senior.exec", "cabinet.support", "cabinet.support2", "contact.hor", "contact.che"]
        if mayor is None or any(name not in users for name in wanted):
            return None
        return cls(
            head=users["head.office"],
            senior=users["senior.exec"],
            cabinet_support=users["cabinet.support"],
            cabinet_support2=users["cabinet.support2"],
            housing=users["contact.hor"],
            children=users["contact.che"],
            place=users.get("contact.ple") or users["contact.hor"],
            mayor=mayor,
        )


def seed(stdout=None) -> None:
    people = People.load()
    if people is None:
        return
    if Pack.objects.exists():
        if stdout:
            stdout.write("Briefings: demo packs already there.")
        return
    passages = _library(people)
    made = _packs(people, passages)
    if stdout:
        stdout.write(f"Briefings: {len(made)} packs ({', '.join(made)}) and a library of {len(passages)} passages.")


# --- the speech library -----------------------------------------------------------------------------------------
def _library(people: People) -> dict[str, Passage]:
    today = timezone.localdate()
    found = {}
    for title, kind, body, source, source_date, review_in in PASSAGES:
        found[title] = library.passage_create(
            actor=people.senior,
            title=title,
            kind=kind,
            body=body,
            source=source,
            source_date=source_date,
            review_on=today + timedelta(days=review_in),
        )
    return found


# --- finding what the packs are for ---------------------------------------------------------------------------
def _engagement(title: str, member: Member | None, *, at_least: int, taken: set) -> Engagement | None:
    """The first demo engagement of that title (for that member) at least `at_least` working days ahead that
    needs a briefing and has no pack yet."""
    after = add_working_days(timezone.localdate(), at_least)
    qs = Engagement.objects.filter(
        title=title, briefing_required=True, is_private=False, status=EngagementStatus.CONFIRMED
    ).filter(starts_at__date__gte=after)
    if member is not None:
        qs = qs.filter(members=member)
    found = qs.exclude(pk__in=taken).order_by("starts_at").first()
    if found is not None:
        taken.add(found.pk)
    return found


def _any_engagement(member: Member | None, *, at_least: int, taken: set) -> Engagement | None:
    after = add_working_days(timezone.localdate(), at_least)
    qs = Engagement.objects.filter(briefing_required=True, is_private=False, status=EngagementStatus.CONFIRMED)
    qs = qs.filter(starts_at__date__gte=after).exclude(pk__in=taken)
    if member is not None:
        qs = qs.filter(members=member)
    found = qs.order_by("starts_at").first()
    if found is not None:
        taken.add(found.pk)
    return found


def _pick(title, member, *, at_least, taken):
    return _engagement(title, member, at_least=at_least, taken=taken) or _any_engagement(
        member, at_least=at_least, taken=taken
    )


def _member(name_part: str) -> Member | None:
    return Member.objects.filter(name__contains=name_part).first()


# --- the packs --------------------------------------------------------------------------------------------------
def _section(pack: Pack, kind: str):
    return pack.sections.filter(kind=kind).order_by("position").first()


def _write(actor, pack: Pack, kind: str, body: str, title: str = ""):
    section = _section(pack, kind) or sections.section_add(actor=actor, pack=pack, kind=kind, title=title)
    return sections.section_update(actor=actor, section=section, title=title or section.title, body=body)


def _paper_pdf(title: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=PAPER_HTML.format(title=title)).write_pdf()


def _new(people: People, actor, title: str, kinds, **fields) -> Pack:
    return packs.pack_create(actor=actor, title=title, lead_officer=actor, section_kinds=kinds, **fields)


def _packs(people: People, passages: dict[str, Passage]) -> list[str]:
    taken: set[int] = set()
    made = []
    head, senior = people.head, people.senior
    whitmore, begum = _member("Whitmore"), _member("Begum")

    # 1. In preparation, with a background paper and passages from the library (the Mayor).
    engagement = _pick("Mayor's question time (residents)", people.mayor, at_least=8, taken=taken)
    if engagement is not None:
        pack = _new(
            people,
            senior,
            "Mayor's question time, Whitechapel",
            [SectionKind.SUMMARY, SectionKind.KEY_MESSAGES, SectionKind.QA, SectionKind.SPEECH, SectionKind.PAPERS],
            engagement=engagement,
            purpose="Answers to the questions residents are most likely to ask, and a short opening speech.",
        )
        _write(senior, pack, SectionKind.SUMMARY, SUMMARY["question time"])
        _write(senior, pack, SectionKind.KEY_MESSAGES, SUMMARY["question time key messages"])
        _write(senior, pack, SectionKind.QA, SUMMARY["question time qa"])
        speech = _write(senior, pack, SectionKind.SPEECH, "Good evening, and thank you for coming.")
        for title in ("The council's vision: a fairer Eastbridge", "Housing: our commitment"):
            speech = library.passage_insert(actor=senior, section=speech, passage=passages[title])
        paper = _section(pack, SectionKind.PAPERS)
        name = "Residents' Survey 2026: summary of findings"
        upload = SimpleUploadedFile(f"{name}.pdf", _paper_pdf(name), content_type="application/pdf")
        sections.section_upload_paper(actor=senior, section=paper, upload=upload)
        made.append("in preparation, with a background paper")

    # 2. A section commissioned from Housing and Regeneration, now late.
    engagement = _pick("Site visit: new council homes", whitmore, at_least=5, taken=taken)
    if engagement is not None:
        officer = people.cabinet_support
        pack = _new(
            people,
            officer,
            "Site visit to Blackwall Reach new council homes",
            [SectionKind.SUMMARY, SectionKind.BACKGROUND, SectionKind.PRESS],
            engagement=engagement,
        )
        _write(officer, pack, SectionKind.SUMMARY, SUMMARY["homes site visit"])
        commission = commissions.commission_create(
            actor=officer,
            section=_section(pack, SectionKind.BACKGROUND),
            assignee=people.housing,
            brief="The latest figures for the Blackwall Reach programme: homes started, completed and let, and the "
            "handover dates for the first phase. Half a page.",
        )
        _backdate(officer, commission, working_days=2)
        made.append("commissioned (late)")

    # 3. A commission drafted and submitted by Children and Education, waiting for the office.
    engagement = _pick("Visit to a primary school", begum, at_least=5, taken=taken)
    if engagement is not None:
        officer = people.cabinet_support2
        pack = _new(
            people,
            officer,
            "Visit to Bow Common Primary School",
            [SectionKind.SUMMARY, SectionKind.BACKGROUND, SectionKind.SPEAKING_NOTES],
            engagement=engagement,
        )
        _write(officer, pack, SectionKind.SUMMARY, SUMMARY["school visit"])
        commission = commissions.commission_create(
            actor=officer,
            section=_section(pack, SectionKind.BACKGROUND),
            assignee=people.children,
            brief="A background note on the school: Ofsted rating, pupil numbers, and the new resource base.",
        )
        commission = commissions.commission_save_draft(
            actor=people.children, commission=commission, body=SUMMARY["school commission"]
        )
        commissions.commission_submit(actor=people.children, commission=commission)
        made.append("commission submitted")

    # 4. Cleared, waiting to be issued (the Mayor).
    engagement = _pick("Partnership board", people.mayor, at_least=3, taken=taken)
    if engagement is not None:
        pack = _new(
            people,
            senior,
            "Health and Wellbeing Partnership Board",
            [SectionKind.SUMMARY, SectionKind.RISKS],
            engagement=engagement,
        )
        _write(senior, pack, SectionKind.SUMMARY, SUMMARY["partnership"])
        _write(senior, pack, SectionKind.RISKS, SUMMARY["partnership risks"])
        issue.pack_clear(actor=head, pack=pack)
        made.append("cleared")

    # 5. Issued, version 1: the next Cabinet meeting.
    meeting = (
        Meeting.objects.filter(body__short_name="CAB", status=MeetingStatus.SCHEDULED, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    if meeting is not None:
        cabinet = list(meeting.body.members.all()) or [people.mayor]
        pack = _new(
            people,
            senior,
            f"Cabinet, {timezone.localtime(meeting.starts_at):%-d %B %Y}",
            [SectionKind.SUMMARY, SectionKind.AGENDA, SectionKind.PRESS],
            meeting=meeting,
            members=cabinet,
        )
        _write(senior, pack, SectionKind.SUMMARY, SUMMARY["cabinet"])
        _write(senior, pack, SectionKind.AGENDA, _agenda(meeting))
        _write(senior, pack, SectionKind.PRESS, SUMMARY["cabinet press"])
        issue.pack_clear(actor=head, pack=pack)
        issue.pack_issue(actor=head, pack=pack)
        made.append("issued (meeting)")

    # 6. Issued, then revised and issued again: versions 1 and 2 (the Mayor).
    engagement = _pick("London Councils leaders' committee", people.mayor, at_least=3, taken=taken)
    if engagement is not None:
        pack = _new(
            people,
            senior,
            "London Councils leaders' committee",
            [SectionKind.SUMMARY, SectionKind.KEY_MESSAGES],
            engagement=engagement,
        )
        _write(senior, pack, SectionKind.SUMMARY, SUMMARY["london councils"])
        _write(
            senior,
            pack,
            SectionKind.KEY_MESSAGES,
            "- Eastbridge supports the joint submission.\n- Back the capped nightly rates for temporary accommodation.",
        )
        issue.pack_clear(actor=head, pack=pack)
        issue.pack_issue(actor=head, pack=pack)
        pack = issue.pack_revise(actor=senior, pack=Pack.objects.get(pk=pack.pk))
        _write(senior, pack, SectionKind.SUMMARY, SUMMARY["london councils"] + SUMMARY["london councils v2"])
        issue.pack_clear(actor=head, pack=Pack.objects.get(pk=pack.pk))
        issue.pack_issue(
            actor=head,
            pack=Pack.objects.get(pk=pack.pk),
            change_summary="The settlement is now due after the meeting: the summary says what the committee will "
            "agree instead.",
        )
        made.append("issued and revised (2 versions)")

    # 7. Withdrawn: the interview was postponed.
    engagement = _pick("Interview with the Eastbridge Advertiser", None, at_least=3, taken=taken)
    if engagement is not None:
        officer = people.cabinet_support if whitmore in engagement.members.all() else senior
        pack = _new(
            people, officer, "Interview with the Eastbridge Advertiser", [SectionKind.SUMMARY], engagement=engagement
        )
        _write(officer, pack, SectionKind.SUMMARY, SUMMARY["interview"])
        packs.pack_withdraw(
            actor=officer, pack=pack, reason="The paper postponed the interview; a new pack will be made when rebooked."
        )
        made.append("withdrawn")

    # 8. OFFICIAL-SENSITIVE: a residents' association meeting about a complaint with the Ombudsman.
    engagement = _pick("Meeting with residents' association", whitmore, at_least=3, taken=taken)
    if engagement is not None:
        officer = people.cabinet_support
        pack = _new(
            people,
            officer,
            "Lansbury Residents' Association: fire safety works",
            [SectionKind.SUMMARY, SectionKind.RISKS],
            engagement=engagement,
            marking=Marking.OFFICIAL_SENSITIVE,
        )
        _write(officer, pack, SectionKind.SUMMARY, SUMMARY["lansbury"])
        made.append("OFFICIAL-SENSITIVE")

    # 9. Standalone: the Mayor's budget speech.
    due = add_working_days(timezone.localdate(), 15)
    pack = packs.pack_create(
        actor=senior,
        title="Budget Council: the Mayor's budget speech",
        members=[people.mayor],
        lead_officer=senior,
        due_on=due,
        section_kinds=[SectionKind.SPEECH, SectionKind.KEY_MESSAGES],
        purpose="The speech moving the 2027/28 budget and Council Tax at Budget Council.",
    )
    speech = _write(senior, pack, SectionKind.SPEECH, SUMMARY["budget speech"])
    for title in ("Cost of living: what the council is doing", "New council homes started"):
        speech = library.passage_insert(actor=senior, section=speech, passage=passages[title])
    made.append("standalone")
    return made


def _agenda(meeting: Meeting) -> str:
    items = list(meeting.agenda_items.order_by("position").values_list("title", flat=True))
    return "\n".join(f"{n}. {title}" for n, title in enumerate(items, start=1)) or "The agenda is to follow."


def _backdate(actor, commission: Commission, *, working_days: int) -> None:
    """As if the section had been asked for last week: its due date `working_days` working days ago (a date the
    service refuses for a new commission), with an audit entry saying so."""
    before = commission.due_on
    due = working_days_before(timezone.localdate(), working_days)[0]
    Commission.objects.filter(pk=commission.pk).update(due_on=due)
    record_change(actor=actor, obj=commission, changes={"due_on": (before, due)}, note="Demo data: asked for last week")
