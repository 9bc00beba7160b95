"""One scenario per public diary service, for tests/test_services_audit.py: each sets up what it needs (through the
services or the factories), calls its service once and returns the actor it passed. The diary's only scheduled
job, the week-ahead email, queues emails and changes no record, so it is not a service (diary/week_ahead.py)."""

from datetime import date, time, timedelta

from diary import services
from diary.data import EngagementData
from diary.models import Frequency, Invitation
from tests.diary.factories import at, make_engagement
from tests.mayoral_office.factories import MemberFactory


def _officer(request):
    return request.getfixturevalue("officer_a")


def _member(request):
    return request.getfixturevalue("member_a")


def _data(title="Estate walkabout", start=None) -> EngagementData:
    start = start or at(2027, 1, 13, 10)
    return EngagementData(title=title, kind="site_visit", starts_at=start, ends_at=start + timedelta(hours=1))


def _invitation(request) -> Invitation:
    return services.invitation_record(
        actor=_officer(request),
        member=_member(request),
        organisation="Eastbridge Chamber of Commerce",
        event_name="Annual business awards",
        event_date=date(2027, 2, 10),
        start_time=time(18, 30),
        end_time=time(20, 0),
        asks=["attend", "speak"],
        received_on=date(2026, 12, 2),
    )


def engagement_create(request):
    services.engagement_create(actor=_officer(request), data=_data(), members=[_member(request)])
    return _officer(request)


def engagement_update(request):
    engagement = make_engagement(_member(request), start=at(2027, 1, 13, 10))
    data = _data(title="Estate walkabout, with the housing team", start=engagement.starts_at)
    services.engagement_update(actor=_officer(request), engagement=engagement, data=data, members=[_member(request)])
    return _officer(request)


def engagement_move(request):
    engagement = make_engagement(_member(request), start=at(2027, 1, 13, 10))
    services.engagement_move(
        actor=_officer(request),
        engagement=engagement,
        starts_at=engagement.starts_at + timedelta(hours=1),
        ends_at=engagement.ends_at + timedelta(hours=1),
    )
    return _officer(request)


def engagement_cancel(request):
    engagement = make_engagement(_member(request), start=at(2027, 1, 13, 10))
    services.engagement_cancel(actor=_officer(request), engagement=engagement, reason="Weather warning")
    return _officer(request)


def _series(request):
    return services.series_create(
        actor=_officer(request),
        data=_data(title="Ward surgery", start=at(2027, 1, 16, 10)),
        members=[_member(request)],
        frequency=Frequency.WEEKLY,
        until=date(2027, 2, 6),
    )


def series_create(request):
    _series(request)
    return _officer(request)


def series_cancel_from(request):
    second = _series(request).occurrences.order_by("starts_at")[1]
    services.series_cancel_from(actor=_officer(request), engagement=second, reason="The surgery moves")
    return _officer(request)


def invitation_record(request):
    _invitation(request)
    return _officer(request)


def invitation_accept(request):
    services.invitation_accept(actor=_officer(request), invitation=_invitation(request))
    return _officer(request)


def invitation_decline(request):
    services.invitation_decline(actor=_officer(request), invitation=_invitation(request), reason="A prior engagement")
    return _officer(request)


def invitation_delegate(request):
    invitation = _invitation(request)
    deputy = MemberFactory(name="Cllr James Whitmore", office="deputy_mayor")
    services.invitation_delegate(actor=_officer(request), invitation=invitation, delegate=deputy, reason="Portfolio")
    return _officer(request)


def feed_token_create(request):
    services.feed_token_create(actor=_officer(request), member=_member(request))
    return _officer(request)


def feed_token_revoke(request):
    token = services.feed_token_create(actor=_officer(request), member=_member(request))
    services.feed_token_revoke(actor=_officer(request), token=token)
    return _officer(request)


def diary_preference_set(request):
    head = request.getfixturevalue("head")
    services.diary_preference_set(actor=head, member=_member(request), officers_see_private_titles=True)
    return head


SCENARIOS = {
    fn.__name__: fn
    for fn in [
        engagement_create,
        engagement_update,
        engagement_move,
        engagement_cancel,
        series_create,
        series_cancel_from,
        invitation_record,
        invitation_accept,
        invitation_decline,
        invitation_delegate,
        feed_token_create,
        feed_token_revoke,
        diary_preference_set,
    ]
}
