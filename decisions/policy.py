"""What each role may do in decisions, and when: the one answer to "what may this user do to this now?"
(the shape of every app's policy: mayoral_office/policy.py; who sees what: decisions/models/access.py).

Who:
- the Head of Mayor's Office and the Executive and Cabinet Support Officers run the business: schedule meetings,
  build agendas, take minutes, keep the pathway, the register and the action tracker, and keep incident logs;
- members read their bodies' meetings and their portfolios' records, and update actions they own;
- directorate contacts update their directorate's actions and upload the papers of the items they lead;
- interns read (never a restricted record) and write nothing here;
- signing off an incident log is the Head of Mayor's Office's.
When: nothing changes on a meeting whose minutes are approved; minutes are taken once the meeting has started;
closed actions and closed incidents take no more updates.
"""

from __future__ import annotations

from django.utils import timezone

from decisions.models import (
    Action,
    AgendaItem,
    Decision,
    DecisionStatus,
    Incident,
    Meeting,
    MeetingStatus,
    MinutesStatus,
    PathwayItem,
    PathwayStatus,
)
from decisions.models.access import Reader
from mayoral_office.policy import AppPolicy, Policy, Rule, cached_facts

facts = cached_facts(Reader.of)


# --- who ------------------------------------------------------------------------------------------------------
def runs_business(f: Reader, obj=None) -> bool:
    return f.everything or f.officer


def reads(f: Reader, obj=None) -> bool:
    return not f.nothing


def reads_section(f: Reader, obj=None) -> bool:
    return f.everything or f.officer or f.intern or bool(f.member_id)


def head(f: Reader, obj=None) -> bool:
    return f.everything


def updates_action(f: Reader, action: Action) -> bool:
    """The office, the action's owner, and the contacts of the directorate that owns it."""
    if runs_business(f):
        return True
    if f.intern:
        return False
    return action.owner_id == f.user_id or (
        f.contact_directorate_id is not None and action.owner_directorate_id == f.contact_directorate_id
    )


def provides_paper(f: Reader, item: AgendaItem) -> bool:
    return runs_business(f) or (not f.intern and item.lead_officer_id == f.user_id)


def writes_incident(f: Reader, incident: Incident) -> bool:
    return f.everything or f.officer


# --- when -----------------------------------------------------------------------------------------------------
def _minutes_open(meeting: Meeting | None) -> bool:
    return meeting is None or meeting.minutes_status != MinutesStatus.APPROVED


def _agenda_open(meeting: Meeting) -> bool:
    return _minutes_open(meeting) and meeting.status != MeetingStatus.CANCELLED


def _has_started(meeting: Meeting) -> bool:
    return meeting.status != MeetingStatus.CANCELLED and meeting.starts_at <= timezone.now()


def _item_open(item: AgendaItem) -> bool:
    return item.meeting_id is None or _agenda_open(item.meeting)


LOCKED = "The minutes of this meeting are approved: it can no longer be changed"

MEETING_RULES: dict[str, Rule] = {
    "meeting.view": Rule(who=reads),
    "meeting.pack": Rule(who=reads),
    "meeting.edit": Rule(
        who=runs_business,
        when=lambda m: _agenda_open(m) and m.status == MeetingStatus.SCHEDULED and m.starts_at > timezone.now(),
        why_not="Only a meeting still to come can be moved",
    ),
    "meeting.cancel": Rule(
        who=runs_business,
        when=lambda m: m.status == MeetingStatus.SCHEDULED and m.starts_at > timezone.now(),
        why_not="Only a meeting still to come can be cancelled",
    ),
    "agenda.add_item": Rule(who=runs_business, when=_agenda_open, why_not=LOCKED),
    "agenda.reorder": Rule(who=runs_business, when=_agenda_open, why_not=LOCKED),
    "minutes.record": Rule(
        who=runs_business,
        when=lambda m: _has_started(m) and _minutes_open(m),
        why_not=lambda m: LOCKED if not _minutes_open(m) else "Minutes are taken once the meeting has started",
    ),
    "minutes.approve": Rule(
        who=runs_business,
        when=lambda m: m.minutes_status == MinutesStatus.DRAFT,
        why_not="Only draft minutes can be approved",
    ),
    "minutes.send": Rule(
        who=runs_business,
        when=lambda m: m.minutes_status != MinutesStatus.NONE,
        why_not="Record the minutes before sending the decisions and actions",
    ),
}

ITEM_RULES: dict[str, Rule] = {
    "item.view": Rule(who=reads),
    "item.edit": Rule(who=runs_business, when=_item_open, why_not=LOCKED),
    "item.remove": Rule(
        who=runs_business,
        when=lambda i: _item_open(i) and not i.discussion,
        why_not=lambda i: LOCKED if not _item_open(i) else "A minuted item stays on the agenda",
    ),
    "item.upload_paper": Rule(who=provides_paper, when=_item_open, why_not=LOCKED),
}

PATHWAY_RULES: dict[str, Rule] = {
    "pathway.view": Rule(who=reads),
    "pathway.edit": Rule(
        who=runs_business,
        when=lambda p: p.status not in (PathwayStatus.DECIDED, PathwayStatus.WITHDRAWN),
        why_not="This item has been decided or withdrawn",
    ),
    "pathway.record_exception": Rule(
        who=runs_business,
        when=lambda p: p.key_decision and p.status != PathwayStatus.WITHDRAWN,
        why_not="An exception is recorded only for a key decision",
    ),
}

DECISION_RULES: dict[str, Rule] = {
    "decision.view": Rule(who=reads),
    "decision.publish": Rule(
        who=runs_business, when=lambda d: d.published_on is None, why_not="This decision is already published"
    ),
    "decision.call_in": Rule(
        who=runs_business,
        when=lambda d: (
            d.status == DecisionStatus.PUBLISHED
            and d.call_in_ends_on
            and timezone.localdate() <= d.call_in_ends_on
            # confirmed after a call-in, it takes effect before its call-in period would have ended
            and not (d.effective_on and d.effective_on <= d.call_in_ends_on)
        ),
        why_not=lambda d: (
            "It has been called in and confirmed: a decision is called in once"
            if d.effective_on and d.call_in_ends_on and d.effective_on <= d.call_in_ends_on
            else "A decision can be called in only during its call-in period"
        ),
    ),
    "decision.resolve_call_in": Rule(
        who=runs_business,
        when=lambda d: d.status == DecisionStatus.CALLED_IN,
        why_not="Only a called-in decision waits for the outcome of its call-in",
    ),
    "decision.implement": Rule(
        who=runs_business,
        when=lambda d: (
            d.status == DecisionStatus.PUBLISHED and (d.effective_on is None or d.effective_on <= timezone.localdate())
        ),
        why_not=lambda d: (
            f"It takes effect on {d.effective_on:%-d %B %Y}: it can be implemented from then"
            if d.status == DecisionStatus.PUBLISHED and d.effective_on
            else "Only a published decision that has not been called in is implemented"
        ),
    ),
}

ACTION_RULES: dict[str, Rule] = {
    "action.view": Rule(who=reads),
    "action.update": Rule(who=updates_action, when=lambda a: a.is_open, why_not="This action is closed"),
    "action.edit": Rule(who=runs_business, when=lambda a: a.is_open, why_not="This action is closed"),
    "action.reopen": Rule(who=runs_business, when=lambda a: not a.is_open, why_not="This action is open"),
}

INCIDENT_RULES: dict[str, Rule] = {
    "incident.view": Rule(who=reads_section),
    "incident.write": Rule(
        who=writes_incident, when=lambda i: i.status == Incident.Status.OPEN, why_not="This incident is closed"
    ),
    "incident.close": Rule(
        who=writes_incident, when=lambda i: i.status == Incident.Status.OPEN, why_not="This incident is closed"
    ),
    "incident.sign_off": Rule(
        who=head,
        when=lambda i: i.status == Incident.Status.CLOSED and i.signed_off_at is None,
        why_not="An incident log is signed off once, after the incident is closed",
    ),
    "incident.export": Rule(who=reads_section),
}

# The app as a whole (obj is None).
DECISIONS_RULES: dict[str, Rule] = {
    "decisions.view": Rule(who=reads),
    "meeting.schedule": Rule(who=runs_business),
    "agenda.plan": Rule(who=runs_business),
    "pathway.add": Rule(who=runs_business),
    "pathway.list": Rule(who=reads),
    "register.view": Rule(who=reads),
    "forward_plan.view": Rule(who=reads),
    "action.add": Rule(who=runs_business),
    "action.list": Rule(who=reads),
    "action.bulk_update": Rule(who=runs_business),
    "incident.list": Rule(who=lambda f, o: f.everything or f.officer or bool(f.member_id)),
    "incident.open": Rule(who=runs_business),
}


def _visible(model):
    return lambda user, obj: model.objects.visible_to(user).filter(pk=obj.pk).exists()


meeting_policy = Policy("meeting", MEETING_RULES, facts=facts, visible=_visible(Meeting))
item_policy = Policy("agenda item", ITEM_RULES, facts=facts, visible=_visible(AgendaItem))
pathway_policy = Policy("pathway item", PATHWAY_RULES, facts=facts, visible=_visible(PathwayItem))
decision_policy = Policy("decision", DECISION_RULES, facts=facts, visible=_visible(Decision))
action_policy = Policy("action", ACTION_RULES, facts=facts, visible=_visible(Action))
incident_policy = Policy("incident", INCIDENT_RULES, facts=facts, visible=_visible(Incident))
decisions_policy = Policy("decisions", DECISIONS_RULES, facts=facts)

decisions = AppPolicy(
    decisions_policy,
    {
        Meeting: meeting_policy,
        AgendaItem: item_policy,
        PathwayItem: pathway_policy,
        Decision: decision_policy,
        Action: action_policy,
        Incident: incident_policy,
    },
)
VOCABULARY = decisions.vocabulary
available_actions = decisions.available_actions
require = decisions.require
allows = decisions.allows
policy = decisions  # the section's landing page


def may_open(user) -> bool:
    return decisions.allows(user, "decisions.view")
