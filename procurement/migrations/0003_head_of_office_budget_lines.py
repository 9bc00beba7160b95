"""The Head of Mayor's Office sets up budget lines in the admin (which lines exist and who holds them; the money is
allocated and moved through the budget pages, which write the ledger)."""

from django.db import migrations

from mayoral_office.roles import Role, grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(apps, Role.HEAD_OF_OFFICE.label, {"procurement.budgetline": ["add", "change", "view"]})


class Migration(migrations.Migration):
    dependencies = [("procurement", "0002_seed_rules")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
