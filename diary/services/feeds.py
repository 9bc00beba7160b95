"""Calendar subscription feeds: a secret address per member, replaced or turned off by those who keep the diary."""

from __future__ import annotations

from django.utils import timezone

from diary import policy
from diary.models import FeedToken
from mayoral_office.audit import service
from mayoral_office.errors import ServiceError
from mayoral_office.models import Member


@service
def feed_token_create(*, actor, member: Member) -> FeedToken:
    """A new secret feed address for the member; any earlier address stops working."""
    policy.require(actor, "feed.manage", member)
    for old in FeedToken.objects.select_for_update().filter(member=member, revoked_at__isnull=True):
        old.revoked_at = timezone.now()
        old.save(update_fields=["revoked_at"])
    return FeedToken.objects.create(member=member, created_by=actor)


@service
def feed_token_revoke(*, actor, token: FeedToken) -> FeedToken:
    """Turn the address off: calendars subscribed to it stop updating."""
    policy.require(actor, "feed.manage", token.member)
    token = FeedToken.objects.select_for_update().select_related("member").get(pk=token.pk)
    if token.revoked_at is not None:
        raise ServiceError("This subscription address is already turned off")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token
