"""What each role may do in the diary, and when: the one answer to "what may this user do to this now?".

Services call `require(actor, action, obj)` first; views pass `available_actions(user, obj)` to templates as
`actions`, and templates only test membership. So a button shows exactly when the service would accept it.

Who (DESIGN.md section 1, docs/diary.md "Who sees what"):
- the Head of Mayor's Office reads and keeps every diary;
- Executive and Cabinet Support Officers read and keep the diaries of the members they support, and a member
  their own;
- private engagements: the member always sees their own in full, and so does the Head of Mayor's Office; the
  officers who keep the member's diary see them in full only if the member has allowed it (their
  `DiaryPreference`), else as "Busy" with its time, and cannot change or cancel what they cannot read;
- interns and work experience read the diaries of the members they support, with private items only as "Busy";
- an officer leading or attending an engagement can open that engagement (details of a private one stay hidden);
- directorate contacts see no diary.
Keeping a diary of every member an engagement is for is what it takes to change or cancel it. Which records a user
can *see* at all is `visible_to(user)` (models.py, the same `DiaryReader` as the facts here); these rules repeat
that check from the facts so that `available_actions` is empty for a record the user cannot open.
"""

from __future__ import annotations

from django.db.models import Q

from diary.models import (
    ENGAGEMENT_TRANSITIONS,
    DiaryReader,
    Engagement,
    EngagementStatus,
    Invitation,
    InvitationStatus,
    engagement_can_move,
    invitation_can_move,
    shares_private_titles,
)
from mayoral_office.models import Member
from mayoral_office.policy import AppPolicy, Policy, Rule, cached_facts

facts = cached_facts(DiaryReader.of)


# --- who ------------------------------------------------------------------------------------------------------
def _member_ids(engagement: Engagement) -> set[int]:
    return {m.pk for m in engagement.members.all()}  # prefetched by the selectors: no query


def has_diary(f: DiaryReader, obj=None) -> bool:
    """Opens the diary at all: the Head of Mayor's Office, or someone who is or supports a member."""
    return f.everything or (not f.nothing and bool(f.member_ids))


def keeps(f: DiaryReader, member_ids) -> bool:
    """May write to the diaries of all these members: not read only, and keeps every one of them."""
    if f.nothing or f.read_only:
        return False
    ids = set(member_ids)
    return f.everything or (bool(ids) and ids <= f.member_ids)


def keeps_some_diary(f: DiaryReader, obj=None) -> bool:
    return has_diary(f) and not f.read_only


def reads_engagement(f: DiaryReader, e: Engagement) -> bool:
    """Engagement.objects.visible_to, from the facts (behind the diary itself)."""
    if not has_diary(f):
        return False
    if f.everything or _member_ids(e) & f.member_ids or e.lead_officer_id == f.user_id:
        return True
    return f.user_id in {u.pk for u in e.attendee_officers.all()}


def sees_private_of(f: DiaryReader, member: Member) -> bool:
    """Reads this member's private engagements in full: the member themself, the Head of Mayor's Office, and the
    officers who keep the diary (not interns) if the member allows it. Reads the preference joined onto the
    prefetched member (selectors): no query."""
    if f.everything or (f.own_member_id is not None and member.pk == f.own_member_id):
        return True
    return not f.read_only and member.pk in f.member_ids and shares_private_titles(member)


def sees_private(f: DiaryReader, e: Engagement) -> bool:
    """An engagement in full: any that is not private, and a private one through one of its members. Everyone
    else sees "Busy"."""
    if not e.is_private or f.everything:
        return True
    return any(sees_private_of(f, m) for m in e.members.all())


def keeps_engagement(f: DiaryReader, e: Engagement) -> bool:
    """May change or cancel it: keeps the diaries of all its members, and may read it (not a "Busy" item)."""
    return reads_engagement(f, e) and keeps(f, _member_ids(e)) and sees_private(f, e)


def reads_invitation(f: DiaryReader, i: Invitation) -> bool:
    """Invitation.objects.visible_to, from the facts."""
    return has_diary(f) and (f.everything or bool({i.member_id, i.delegated_to_id} & f.member_ids))


def decides_invitation(f: DiaryReader, i: Invitation) -> bool:
    return reads_invitation(f, i) and keeps(f, [i.member_id])


def reads_member(f: DiaryReader, m: Member) -> bool:
    return has_diary(f) and (f.everything or m.pk in f.member_ids)


# --- when -----------------------------------------------------------------------------------------------------
def _live(e: Engagement) -> bool:
    """Still able to move (ENGAGEMENT_TRANSITIONS): everything but a cancelled engagement."""
    return bool(ENGAGEMENT_TRANSITIONS[e.status])


def _cancellable(e: Engagement) -> bool:
    return engagement_can_move(e.status, EngagementStatus.CANCELLED)


def _decidable(to_status: str):
    return lambda i: invitation_can_move(i.status, to_status)


def _already_decided(i: Invitation) -> str:
    return f"This invitation has already been {i.get_status_display().lower()}"


ENGAGEMENT_RULES: dict[str, Rule] = {
    "engagement.view": Rule(who=reads_engagement),
    "engagement.view_details": Rule(who=lambda f, e: reads_engagement(f, e) and sees_private(f, e)),
    "engagement.edit": Rule(
        who=keeps_engagement, when=_live, why_not="This engagement has been cancelled and cannot be changed"
    ),
    "engagement.cancel": Rule(who=keeps_engagement, when=_cancellable, why_not="This engagement is already cancelled"),
    "engagement.cancel_series": Rule(
        who=keeps_engagement,
        when=lambda e: e.series_id is not None and _cancellable(e),
        why_not=lambda e: (
            "This engagement does not repeat" if e.series_id is None else "This engagement is already cancelled"
        ),
    ),
}

INVITATION_RULES: dict[str, Rule] = {
    "invitation.view": Rule(who=reads_invitation),
    "invitation.accept": Rule(
        who=decides_invitation, when=_decidable(InvitationStatus.ACCEPTED), why_not=_already_decided
    ),
    "invitation.decline": Rule(
        who=decides_invitation, when=_decidable(InvitationStatus.DECLINED), why_not=_already_decided
    ),
    "invitation.delegate": Rule(
        who=decides_invitation, when=_decidable(InvitationStatus.DELEGATED), why_not=_already_decided
    ),
    "invitation.reply_letter": Rule(
        who=reads_invitation,
        when=lambda i: i.is_decided,
        why_not="Record a decision before producing the reply letter",
    ),
}

# A member's diary as a whole: its calendar subscription.
MEMBER_RULES: dict[str, Rule] = {
    "feed.view": Rule(who=reads_member),
    "feed.manage": Rule(who=lambda f, m: reads_member(f, m) and keeps(f, [m.pk])),
    # Whether the officers who keep the diary see private titles: the member's own choice (or the Head's).
    "preferences.edit": Rule(
        who=lambda f, m: f.everything or (f.own_member_id is not None and m.pk == f.own_member_id)
    ),
}

# The app as a whole (obj is None): the section, and adding to the diaries the user keeps.
DIARY_RULES: dict[str, Rule] = {
    "diary.view": Rule(who=has_diary),
    "engagement.create": Rule(who=keeps_some_diary),
    "invitation.record": Rule(who=keeps_some_diary),
}


def _engagement_visible(user, engagement: Engagement) -> bool:
    return Engagement.objects.visible_to(user).filter(pk=engagement.pk).exists()


def _invitation_visible(user, invitation: Invitation) -> bool:
    return Invitation.objects.visible_to(user).filter(pk=invitation.pk).exists()


def _member_visible(user, member: Member) -> bool:
    return reads_member(facts(user), member)


engagement_policy = Policy("engagement", ENGAGEMENT_RULES, facts=facts, visible=_engagement_visible)
invitation_policy = Policy("invitation", INVITATION_RULES, facts=facts, visible=_invitation_visible)
member_policy = Policy("member", MEMBER_RULES, facts=facts, visible=_member_visible)
diary_policy = Policy("diary", DIARY_RULES, facts=facts)

diary = AppPolicy(diary_policy, {Engagement: engagement_policy, Invitation: invitation_policy, Member: member_policy})
VOCABULARY = diary.vocabulary
policy_for = diary.policy_for
available_actions = diary.available_actions  # an engagement, an invitation, a member's diary; None: the app
require = diary.require
allows = diary.allows


def keeps_diaries_of(user, members) -> bool:
    """May write to every one of these members' diaries (the members an engagement is put in)."""
    return bool(user and user.is_authenticated) and keeps(facts(user), [m.pk for m in members])


# --- private engagements in lists -----------------------------------------------------------------------------
def masked(user, engagement: Engagement) -> bool:
    """Shown only as "Busy": the private part of `engagement.view_details`, for a row already known to be visible
    (a calendar, a list, a conflict). Reads the prefetched members: no queries."""
    return not sees_private(facts(user), engagement)


def hidden_details_q(user) -> Q:
    """`masked` as a filter, for searching: the private engagements this user sees only as "Busy"."""
    f = facts(user)
    if f.everything:
        return Q(pk__in=[])
    seen = Q(pk__in=[])
    if f.own_member_id is not None:
        seen |= Q(members=f.own_member_id)
    if not f.read_only and f.member_ids:
        seen |= Q(members__in=f.member_ids, members__diary_preference__officers_see_private_titles=True)
    return Q(is_private=True) & ~Q(pk__in=Engagement.objects.filter(seen).values("pk"))


def sees_private_titles_of(user, member: Member) -> bool:
    """Whether this user reads the member's private engagements in full (the feed address page asks)."""
    return bool(user and user.is_authenticated) and sees_private_of(facts(user), member)


def feed_masking(feed_token):
    """What a subscription feed hides: it shows what the person who made its address may read now (the member's
    own address shows their private titles; an officer's only if the member allows it). e -> masked."""
    creator = feed_token.created_by
    if creator is None or not creator.is_active:
        return lambda e: e.is_private
    f = DiaryReader.of(creator)
    return lambda e: not sees_private(f, e)


def logs_read(user, engagement: Engagement) -> bool:
    """A private engagement read in full goes in the access log (not one shown as "Busy")."""
    return engagement.is_private and not masked(user, engagement)
