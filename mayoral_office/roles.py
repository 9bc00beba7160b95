"""The roles of DESIGN.md section 1, as Django groups with named permissions (created by a data migration)."""

from django.db import models


class Role(models.TextChoices):
    # Order matters: a user's primary role is the first of these they hold.
    HEAD_OF_OFFICE = "head_of_office", "Head of Mayor's Office"
    EXECUTIVE_SUPPORT = "executive_support", "Executive Support Officer"
    CABINET_SUPPORT = "cabinet_support", "Cabinet Support Officer"
    MEMBER = "member", "Member"
    BUDGET_HOLDER = "budget_holder", "Budget holder"
    DIRECTORATE_CONTACT = "directorate_contact", "Directorate contact"
    INTERN = "intern", "Intern"


# Permission codenames (on mayoral_office.User) held by each role.
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.HEAD_OF_OFFICE: [
        "view_all_records",
        "view_supported_records",
        "view_sensitive_records",
        "configure_office",
        "view_audit_trail",
        "approve_requisitions",
    ],
    Role.EXECUTIVE_SUPPORT: ["view_supported_records", "view_sensitive_records"],
    Role.CABINET_SUPPORT: ["view_supported_records", "view_sensitive_records"],
    Role.MEMBER: ["view_own_member_records", "view_sensitive_records", "approve_responses"],
    Role.BUDGET_HOLDER: ["approve_requisitions"],
    Role.DIRECTORATE_CONTACT: ["view_directorate_requests"],
    Role.INTERN: ["view_supported_records", "draft_only"],
}

# Configuration (admin) rights of the Head of Mayor's Office: "app_label.model": actions. Apps add their own
# configuration tables here (case types, thresholds, ...) with a migration that grants them.
HEAD_OF_OFFICE_MODEL_PERMISSIONS: dict[str, list[str]] = {
    "mayoral_office.user": ["add", "change", "view"],
    "mayoral_office.member": ["add", "change", "view"],
    "mayoral_office.supportassignment": ["add", "change", "view", "delete"],
    "mayoral_office.directorate": ["add", "change", "view"],
    "mayoral_office.portfolio": ["add", "change", "view"],
    "mayoral_office.ward": ["add", "change", "view"],
    "mayoral_office.closureday": ["add", "view", "delete"],
    "mayoral_office.notification": ["view"],
    "otp_totp.totpdevice": ["view", "delete"],
    "axes.accessattempt": ["view", "delete"],
    "mayoral_office.chasesettings": ["add", "change", "view"],
    "mayoral_office.chaserun": ["view"],
    "mayoral_office.chaseentry": ["view"],
    "mayoral_office.performancesettings": ["add", "change", "view"],
    "mayoral_office.apitoken": ["add", "view"],
    "mayoral_office.objective": ["add", "change", "view"],
    "mayoral_office.milestone": ["add", "change", "view", "delete"],
    "django_celery_beat.periodictask": ["view", "change"],
    "django_celery_beat.crontabschedule": ["view", "change"],
    "django_celery_beat.intervalschedule": ["view", "change"],
}


def grant_model_permissions(apps, group_name: str, model_permissions: dict[str, list[str]]) -> None:
    """Give a group add/change/view/delete rights on models, creating the permission rows if the post-migrate
    step has not made them yet (a fresh database)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name=group_name)
    for label, actions in model_permissions.items():
        app_label, model = label.split(".")
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(perm)


def install_roles(apps=None) -> None:
    """Create (or repair) the role groups and their permissions as roles.py defines them now. Migrations keep
    their own frozen copies; this serves tests after a transactional test has flushed the tables."""
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    User = apps.get_model("mayoral_office", "User")
    user_type, _ = ContentType.objects.get_or_create(app_label="mayoral_office", model="user")
    names = dict(User._meta.permissions)
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.label)
        for codename in codenames:
            perm, _ = Permission.objects.get_or_create(
                content_type=user_type, codename=codename, defaults={"name": names[codename]}
            )
            group.permissions.add(perm)
    grant_model_permissions(apps, Role.HEAD_OF_OFFICE.label, HEAD_OF_OFFICE_MODEL_PERMISSIONS)
