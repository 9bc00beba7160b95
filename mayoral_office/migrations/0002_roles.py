"""Create the roles of DESIGN.md section 1 as groups with their named permissions."""

from django.db import migrations

from mayoral_office.roles import ROLE_PERMISSIONS, install_roles


def create_roles(apps, schema_editor):
    install_roles(apps)


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
