"""An engagement's time, title, status and briefing as the diary's pages show them, and the rows of a day's table.

Tags, not includes: the week across every member shows a hundred engagements or more, and an include per cell
cost more than half of that page (150 ms p95 at ten years of diaries)."""

from django import template
from django.utils import dateformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from diary.models import EngagementStatus

register = template.Library()

STATUS_TAGS = {
    EngagementStatus.CANCELLED: mark_safe('<strong class="govuk-tag govuk-tag--red">Cancelled</strong>'),
    EngagementStatus.PROVISIONAL: mark_safe('<strong class="govuk-tag govuk-tag--yellow">Provisional</strong>'),
}
CONFIRMED_TAG = mark_safe('<strong class="govuk-tag govuk-tag--green">Confirmed</strong>')


@register.simple_tag
def engagement_when(e) -> str:
    """'All day', or '18:30–20:00' in London time."""
    if e.all_day:
        return "All day"
    return f"{dateformat.time_format(e.local_start, 'H:i')}–{dateformat.time_format(e.local_end, 'H:i')}"


@register.simple_tag
def engagement_title(e):
    """The engagement's title as a link to it; 'Busy' for one the user may see only as busy; struck through if
    cancelled."""
    url = e.get_absolute_url()
    if getattr(e, "masked", False):
        return format_html(
            '<a class="govuk-link" href="{}">Busy<span class="govuk-visually-hidden"> (private engagement)</span></a>',
            url,
        )
    if e.is_cancelled:
        return format_html('<a class="govuk-link" href="{}"><s>{}</s></a>', url, e.title)
    return format_html('<a class="govuk-link" href="{}">{}</a>', url, e.title)


@register.simple_tag
def engagement_status(e):
    return STATUS_TAGS.get(e.status, CONFIRMED_TAG)


@register.simple_tag
def briefing_tag(e):
    """Whether a briefing is needed and, if it is, where its pack has got to: the badge the briefings app gives
    (`selectors.show_briefings`), as a link to the pack (or to start one) when the user may follow it. '–' for a
    private engagement; "Needed" when no app says more."""
    if getattr(e, "masked", False):
        return "–"
    if not e.briefing_required:
        return "Not required"
    badge = getattr(e, "briefing_badge", None)
    if badge is None:
        return "Needed"
    tag = format_html(
        '<strong class="govuk-tag{}">{}</strong>', f" govuk-tag--{badge.colour}" if badge.colour else "", badge.label
    )
    if not badge.url:
        return tag
    return format_html(
        '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden">: briefing pack for {}</span></a>',
        badge.url,
        tag,
        e.title,
    )


DAY_ROW = """<tr class="govuk-table__row{cancelled}">
        <td class="govuk-table__cell app-nowrap">{when}</td>
        <td class="govuk-table__cell">{title}{details}{clashes}</td>{members}
        <td class="govuk-table__cell">{where}</td>
        <td class="govuk-table__cell">{status}</td>
        <td class="govuk-table__cell">{briefing}</td>
      </tr>"""


@register.simple_tag
def day_rows(engagements, member):
    """The rows of a day's table in the day and week views: `member` is the one member whose diary the page shows,
    or None when it shows several (then each row names its members)."""

    def details(e):
        if getattr(e, "masked", False):
            return ""
        notes = [e.get_kind_display()]
        if e.series_id:
            notes.append("repeats")
        if e.conflict_reason:
            notes.append("conflict accepted")
        return format_html('<br><span class="govuk-body-s">{}</span>', " · ".join(notes))

    def clashes(e):
        if not getattr(e, "clashes", None):
            return ""
        names = "; ".join("Busy" if getattr(c, "masked", False) else c.title for c in e.clashes)
        return format_html(
            '<br><strong class="govuk-tag govuk-tag--orange">Clash</strong> <span class="govuk-body-s">with {}</span>',
            names,
        )

    def where(e):
        if getattr(e, "masked", False):
            return ""
        online = ("<br>" if e.location else "") + "Online" if e.online_link else ""
        return format_html("{}{}", e.location or "", mark_safe(online))

    def row(e):
        members = ", ".join(m.name for m in e.members.all())
        return format_html(
            DAY_ROW,
            cancelled=" app-diary-row--cancelled" if e.is_cancelled else "",
            when=engagement_when(e),
            title=engagement_title(e),
            details=details(e),
            clashes=clashes(e),
            members=format_html('\n        <td class="govuk-table__cell">{}</td>', members) if not member else "",
            where=where(e),
            status=engagement_status(e),
            briefing=briefing_tag(e),
        )

    return format_html_join("\n      ", "{}", ((row(e),) for e in engagements))
