"""Every write to the diary, split by concern. Each is a `@service` (mayoral_office.audit): keyword-only with the
acting user, one transaction (nothing half-saved), the policy checked first (diary.policy), the core's errors
(a clash is `NeedsConfirmation`, with the clashing engagements as its items), every change audited with the
actor, and change notices queued through the office outbox, which sends them after the transaction commits.

The week-ahead email is a scheduled job that only queues emails: diary/week_ahead.py."""

from diary.services.engagements import engagement_cancel, engagement_create, engagement_move, engagement_update
from diary.services.feeds import feed_token_create, feed_token_revoke
from diary.services.invitations import invitation_accept, invitation_decline, invitation_delegate, invitation_record
from diary.services.preferences import diary_preference_set
from diary.services.series import series_cancel_from, series_create

__all__ = [
    "diary_preference_set",
    "engagement_cancel",
    "engagement_create",
    "engagement_move",
    "engagement_update",
    "feed_token_create",
    "feed_token_revoke",
    "invitation_accept",
    "invitation_decline",
    "invitation_delegate",
    "invitation_record",
    "series_cancel_from",
    "series_create",
]
