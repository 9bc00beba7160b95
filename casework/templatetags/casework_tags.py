"""Template tags for casework pages."""

from django import template

from mayoral_office.access import has_perm, is_directorate_contact, sees_everything

register = template.Library()


@register.inclusion_tag("casework/includes/case_nav.html", takes_context=True)
def casework_nav(context):
    """The casework menu with only the links this user can use: a directorate contact has no work queue and
    no 'By member' page (they see their contribution requests only)."""
    user = context["request"].user
    contact = is_directorate_contact(user)
    return {
        "links": [
            *([] if contact else [("casework:index", "Work queue"), ("casework:by-member", "By member")]),
            *(
                [("casework:contributions", "Contribution requests")]
                if contact or has_perm(user, "view_supported_records") or sees_everything(user)
                else []
            ),
        ]
    }
