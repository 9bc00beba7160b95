"""Thin views: the one authorising fetch (diary/views/fetch.py: 403 for someone with no diary, 404 for what the
user may not see), validate the form, call one service, redirect or render with `actions` from the policy. Split by
what the officer is looking at."""

from diary.views.calendars import calendar, forward_look, index, week_ahead_pdf
from diary.views.engagements import (
    engagement_cancel,
    engagement_conflicts,
    engagement_create,
    engagement_detail,
    engagement_edit,
)
from diary.views.feeds import feed, feed_manage, preferences
from diary.views.invitations import (
    invitation_create,
    invitation_detail,
    invitation_list,
    invitation_reply_pdf,
)

__all__ = [
    "calendar",
    "engagement_cancel",
    "engagement_conflicts",
    "engagement_create",
    "engagement_detail",
    "engagement_edit",
    "feed",
    "feed_manage",
    "forward_look",
    "index",
    "invitation_create",
    "invitation_detail",
    "invitation_list",
    "invitation_reply_pdf",
    "preferences",
    "week_ahead_pdf",
]
