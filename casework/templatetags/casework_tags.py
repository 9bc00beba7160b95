"""Template tags for casework pages."""

from django import template

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
