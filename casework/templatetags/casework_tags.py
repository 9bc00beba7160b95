"""Template tags for casework pages."""

from django import template
from django.utils.html import format_html
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
