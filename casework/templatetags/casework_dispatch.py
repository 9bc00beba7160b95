"""The case page's view of its response emails: the outbox rows that sent it, with their state (queued, sent,
failed and why, bounced). The outbox is the core's; the case only reads it."""

from django import template

from casework.services.drafts import DISPATCH
from mayoral_office.outbox import emails_about

register = template.Library()


@register.simple_tag
def dispatch_emails(case) -> list:
    """Newest first; one query."""
    return list(emails_about(case, kind=DISPATCH))
