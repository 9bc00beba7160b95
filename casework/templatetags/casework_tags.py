"""Template tags for casework pages."""

from django import template
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from casework.models import Sensitivity
from casework.policy import available_actions

register = template.Library()

LINKS = [
    ("casework.work_queue", "casework:index", "Work queue"),
    ("casework.by_member", "casework:by-member", "By member"),
    ("casework.contributions", "casework:contributions", "Contribution requests"),
    ("casework.retention", "casework:retention", "Retention"),
]


@register.inclusion_tag("casework/includes/case_nav.html", takes_context=True)
def casework_nav(context):
    """The casework menu with only the links this user can use (from the policy): a directorate contact has no
    work queue and no 'By member' page (they see their contribution requests only)."""
    actions = available_actions(context["request"].user)
    return {"links": [(url, label) for action, url, label in LINKS if action in actions]}


# A case's stage and sensitivity as GOV.UK tags: tags rather than includes, because a queue page shows 25 of each
# and an include costs about as much as the rest of its row.
@register.simple_tag
def status_tag(case):
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', case.status_tag_colour, case.get_status_display()
    )


SENSITIVITY_TAGS = {
    Sensitivity.CONFIDENTIAL: mark_safe('<strong class="govuk-tag govuk-tag--red">Confidential</strong>'),
    Sensitivity.SENSITIVE: mark_safe('<strong class="govuk-tag govuk-tag--orange">Sensitive</strong>'),
}


@register.simple_tag
def sensitivity_tag(case):
    return SENSITIVITY_TAGS.get(case.sensitivity, "")


SELECT_CELL = """<td class="govuk-table__cell cw-checkbox-cell">
              <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                <div class="govuk-checkboxes__item">
                  <input class="govuk-checkboxes__input" id="select-{pk}" name="cases" type="checkbox" value="{pk}">
                  <label class="govuk-label govuk-checkboxes__label" for="select-{pk}"><span \
class="govuk-visually-hidden">Select {reference}</span></label>
                </div>
              </div>
            </td>"""
ROW = """<tr class="govuk-table__row">{select}
            <td class="govuk-table__cell app-nowrap"><a class="govuk-link" href="{url}">{reference}</a></td>
            <td class="govuk-table__cell">{subject} {sensitivity}<span class="cw-secondary">{correspondent} · \
{case_type}</span></td>
            <td class="govuk-table__cell">{member}</td>
            <td class="govuk-table__cell">{officer}</td>
            <td class="govuk-table__cell">{status}</td>
            <td class="govuk-table__cell app-nowrap">{received}</td>
            <td class="govuk-table__cell app-nowrap">{due}{overdue}</td>
          </tr>"""
OVERDUE = mark_safe(' <br><strong class="govuk-tag govuk-tag--red">Overdue</strong>')


@register.simple_tag
def queue_rows(cases, actions):
    """The rows of a casework queue, built here and not in the template: a page shows 25 rows, and the template's
    loop over their eleven cells cost a fifth of the page."""
    today = timezone.localdate()
    selectable = "casework.bulk_allocate" in actions

    def row(case):
        return format_html(
            ROW,
            select=format_html(SELECT_CELL, pk=case.pk, reference=case.reference) if selectable else "",
            url=reverse("casework:detail", args=[case.pk]),
            reference=case.reference,
            subject=case.subject,
            sensitivity=sensitivity_tag(case),
            correspondent=case.correspondent,
            case_type=case.case_type.name,
            member=case.member.name,
            officer=(case.officer.full_name if case.officer else "") or "Unallocated",
            status=status_tag(case),
            received=dateformat.format(timezone.localtime(case.received_at), "j M Y"),
            due=dateformat.format(case.response_due, "j M Y") if case.response_due else "",
            overdue=OVERDUE if case.is_overdue(today) else "",
        )

    return format_html_join("\n          ", "{}", ((row(case),) for case in cases))
