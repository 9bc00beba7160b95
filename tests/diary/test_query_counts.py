"""Every diary list and detail page runs a pinned number of SQL queries, the same at 10 and at 100 engagements
and invitations. Each page's list below names its queries, one line each; the test asserts exactly that many."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse

from diary import services
from diary.models import Engagement, Invitation
from tests.briefings.factories import make_commission, make_pack, make_section
from tests.diary.factories import at, make_engagement
from tests.query_counts import OFFICER
from tests.query_counts import SIGNED_IN as SIGNED_IN_BASE

pytestmark = pytest.mark.django_db
SIGNED_IN = SIGNED_IN_BASE + OFFICER

ONE_MEMBER = ["the member asked for (?member=), through the diary rules"]
CALENDAR = [
    "the engagements of the days shown, through the diary rules",
    "their members: which members each is in the diary of",
    "their members: those members, with their diary preferences",
    "the diary settings (the travel buffer, for clashes)",
    "the diary chooser's members",
]
# Where each briefing pack has got to, from the packs themselves (briefings' badge provider through the registry):
BRIEFINGS = [
    "who the user is for briefings: whether they are a clearance delegate (once a request)",
    "the latest live pack of each engagement needing a briefing, its open commissions counted, readable or not",
]
# The day and week views show where each briefing has got to; the month does not.
BRIEFED_CALENDAR = CALENDAR[:3] + BRIEFINGS + CALENDAR[3:]

PAGES = {
    "day": ("diary:day", "member", SIGNED_IN + ONE_MEMBER + BRIEFED_CALENDAR),
    "week": ("diary:week", "member", SIGNED_IN + ONE_MEMBER + BRIEFED_CALENDAR),
    "month": ("diary:month", "member", SIGNED_IN + ONE_MEMBER + CALENDAR),
    "combined week": (
        "diary:week",
        "all",
        SIGNED_IN + ["the members whose diaries the user reads, combined"] + BRIEFED_CALENDAR,
    ),
    "forward look": (
        "diary:forward-look",
        None,
        SIGNED_IN
        + [
            "the members whose diaries the user reads",
            "the diary settings (how many weeks ahead)",
            "the paginator's count",
            "the page's keys, in the list's order",
            "the page of engagements, with their lead officers and series",
            "their members: which members each is in the diary of",
            "their members: those members, with their diary preferences",
            *BRIEFINGS,
        ],
    ),
    "engagement": (
        "diary:engagement",
        "engagement",
        SIGNED_IN
        + [
            "the engagement with its lead officer, series and invitation, through the diary rules",
            "its members: which members it is in the diary of",
            "its members: those members, with their diary preferences",
            "its officers attending",
            "its people from the stakeholder directory",
            "the access log entry: a private engagement read in full",
        ],
    ),
    "invitations": (
        "diary:invitations",
        None,
        SIGNED_IN
        + [
            "the paginator's count",
            "the page's keys, in the list's order",
            "the page of invitations with their members, delegates and engagements",
        ],
    ),
    "invitation": (
        "diary:invitation",
        "invitation",
        SIGNED_IN
        + [
            "the invitation with its member, delegate, engagement and decider, through the diary rules",
            "the diary settings (the minimum notice)",
            "its chase history, with whom and in which email (the page's Chasing)",
            "the members it may be delegated to",
        ],
    ),
    "subscription": (
        "diary:feed-manage",
        "subscription",
        SIGNED_IN
        + ["the member with their diary preference, through the diary rules", "the member's working feed address"],
    ),
    "week-ahead pack": (
        "diary:week-ahead",
        "member",
        SIGNED_IN
        + ONE_MEMBER
        + [
            "the engagements of the week, through the diary rules",
            "their members: which members each is in the diary of",
            "their members: those members, with their diary preferences",
            *BRIEFINGS,
            "the diary settings (the travel buffer, for clashes)",
        ],
    ),
    "reply letter": (
        "diary:invitation-reply",
        "decided",
        SIGNED_IN + ["the invitation with its member, delegate, engagement and decider, through the diary rules"],
    ),
}
# A calendar subscribes without signing in: the secret address is the key.
# The feed's file is kept under a digest of what it is made from, read as plain values; made again only when that
# changes (as it does here: engagements are added before each request).
FEED_DIGEST = [
    "the live feed address with its member and who made it",
    "the series with an occurrence in the feed's window (their ids)",
    "digest: the columns of the member's engagements from 90 days ago on, and of every occurrence of a series then",
    "digest: which members each is in the diary of",
    "digest: those members' diary preferences (whether officers see private titles)",
    # The feed shows what the person who made its address may read now: their facts, once (not per row); their
    # roles and permissions from the cache (mayoral_office.choices).
    "who made the address: the members they support",
    "who made the address: the member they are",
]
FEED = FEED_DIGEST + [
    "the engagements themselves",
    "their members: which members each is in the diary of",
    "their members: those members, each with their diary preference",
]


def _fill(n, *, member, officer):
    """n more engagements in the member's December (some private, some with a briefing, half of those with a
    briefing pack, some with a commission out; every one with an officer attending) and n more invitations."""
    first = Engagement.objects.count()
    for i in range(first, first + n):
        engagement = make_engagement(
            member,
            start=at(2026, 12, 1 + i % 28, 8 + i % 10),
            title=f"Engagement {i}",
            lead_officer=officer,
            is_private=i % 5 == 0,
            briefing_required=i % 2 == 0,
        )
        engagement.attendee_officers.set([officer])
        if i % 4 == 0:
            pack = make_pack(member, lead_officer=officer, engagement=engagement, title=f"Pack for engagement {i}")
            if i % 8 == 0:
                section = make_section(pack)
                make_commission(section, assignee=officer, requested_by=officer)
    start = Invitation.objects.count()
    for i in range(start, start + n):
        Invitation.objects.create(
            reference=f"INV-2026-{i + 1:04d}",
            member=member,
            organisation=f"Organisation {i}",
            event_name=f"Event {i}",
            event_date=date(2027, 1, 4) + timedelta(days=i % 60),
            start_time=time(18),
            end_time=time(20),
            asks=["attend"],
            received_on=date(2026, 12, 1),
        )


def _url(name, kind, *, member, engagement, invitation, decided):
    if kind == "member":
        return reverse(name) + f"?member={member.pk}&date=2026-12-03"
    if kind == "all":
        return reverse(name) + "?member=all&date=2026-12-03"
    if kind == "engagement":
        return reverse(name, args=[engagement.pk])
    if kind in ("invitation", "decided"):
        return reverse(name, args=[(decided if kind == "decided" else invitation).pk])
    if kind == "subscription":
        return reverse(name, args=[member.pk])
    return reverse(name)


@pytest.fixture
def pinned(officer_a, member_a, head):
    """A private engagement the officer reads in full (the member allows it), an invitation waiting for a decision,
    a declined one, and a feed address."""
    private = make_engagement(member_a, start=at(2026, 12, 3, 10), title="Hospital appointment", is_private=True)
    services.diary_preference_set(actor=head, member=member_a, officers_see_private_titles=True)
    record = {
        "member": member_a,
        "organisation": "Eastbridge Chamber of Commerce",
        "event_date": date(2027, 2, 10),
        "start_time": time(18, 30),
        "end_time": time(20),
        "asks": ["attend"],
        "received_on": date(2026, 12, 2),
    }
    waiting = services.invitation_record(actor=officer_a, event_name="Annual business awards", **record)
    decided = services.invitation_record(actor=officer_a, event_name="Charity dinner", **record)
    services.invitation_decline(actor=officer_a, invitation=decided, reason="A prior engagement")
    token = services.feed_token_create(actor=officer_a, member=member_a)
    return {"engagement": private, "invitation": waiting, "decided": decided, "token": token}


@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_runs_its_pinned_queries_at_10_and_at_100_rows(
    client, page, officer_a, member_a, pinned, django_assert_num_queries
):
    name, kind, queries = PAGES[page]
    url = _url(name, kind, member=member_a, **{k: v for k, v in pinned.items() if k != "token"})
    client.force_login(officer_a)
    assert client.get(url).status_code == 200  # warm the caches a running server has (content types)
    for more in (10, 90):
        _fill(more, member=member_a, officer=officer_a)
        with django_assert_num_queries(len(queries)):
            assert client.get(url).status_code == 200


def test_the_feed_runs_its_pinned_queries_at_10_and_at_100_engagements(
    client, officer_a, member_a, pinned, django_assert_num_queries
):
    url = reverse("diary:feed", args=[pinned["token"].token])
    for more in (10, 90):
        _fill(more, member=member_a, officer=officer_a)
        with django_assert_num_queries(len(FEED)):
            made = client.get(url)
        with django_assert_num_queries(len(FEED_DIGEST)):  # nothing changed: the kept file
            kept = client.get(url)
        assert made.status_code == kept.status_code == 200 and made.content == kept.content
