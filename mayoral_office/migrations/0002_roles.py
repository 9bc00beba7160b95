"""Create the roles of DESIGN.md section 1 as groups with their named permissions.

The data is frozen here, as it was when this migration was written, so later changes to mayoral_office/roles.py
cannot change what this migration does on a fresh database."""

from django.db import migrations

ROLE_PERMISSIONS = {
    "Head of Mayor's Office": [
        "view_all_records",
        "view_supported_records",
        "view_sensitive_records",
        "configure_office",
        "view_audit_trail",
        "approve_requisitions",
    ],
    "Executive Support Officer": ["view_supported_records", "view_sensitive_records"],
    "Cabinet Support Officer": ["view_supported_records", "view_sensitive_records"],
    "Member": ["view_own_member_records", "view_sensitive_records", "approve_responses"],
    "Budget holder": ["approve_requisitions"],
    "Directorate contact": ["view_directorate_requests"],
    "Intern": ["view_supported_records", "draft_only"],
}


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    User = apps.get_model("mayoral_office", "User")
    user_type, _ = ContentType.objects.get_or_create(app_label="mayoral_office", model="user")
    names = dict(User._meta.permissions)
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for codename in codenames:
            perm, _ = Permission.objects.get_or_create(
                content_type=user_type, codename=codename, defaults={"name": names.get(codename, codename)}
            )
            group.permissions.add(perm)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("mayoral_office", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
