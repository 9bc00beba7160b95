"""The Head of Mayor's Office keeps the briefing rules in the admin (due dates and clearance delegates)."""

from django.db import migrations

from mayoral_office.roles import Role, grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(apps, Role.HEAD_OF_OFFICE.label, {"briefings.briefingsettings": ["add", "change", "view"]})


class Migration(migrations.Migration):
    dependencies = [("briefings", "0001_initial"), ("mayoral_office", "0004_head_of_office_configuration")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
