"""Create the roles of DESIGN.md section 1 as groups with their named permissions."""

from django.db import migrations

from mayoral_office.roles import ROLE_PERMISSIONS


def create_roles(apps, schema_editor):
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


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[role.label for role in ROLE_PERMISSIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("mayoral_office", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
