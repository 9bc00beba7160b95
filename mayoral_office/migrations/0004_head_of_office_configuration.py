"""Give the Head of Mayor's Office the configuration (admin) rights DESIGN.md section 1 gives the role."""

from django.db import migrations

from mayoral_office.roles import grant_model_permissions

HEAD = "Head of Mayor's Office"
MODEL_PERMISSIONS = {  # frozen copy of roles.HEAD_OF_OFFICE_MODEL_PERMISSIONS as of this migration
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
}


def grant(apps, schema_editor):
    grant_model_permissions(apps, HEAD, MODEL_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("mayoral_office", "0003_user_email_unique_any_case")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
