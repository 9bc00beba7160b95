"""The council's decision-making bodies, the Decision Pathway's stages and its rules, and the Head of Mayor's
Office's right to configure them in the admin."""

from datetime import time

from django.db import migrations

from mayoral_office.roles import Role, grant_model_permissions

BODIES = [
    # name, short name, kind, takes executive decisions, default start, minutes
    ("Corporate Leadership Team", "CLT", "leadership", False, time(9, 30), 120),
    ("Cabinet", "CAB", "cabinet", True, time(18, 30), 120),
    ("Mayor's Advisory Board", "MAB", "advisory", False, time(10, 0), 90),
    ("Directorate Leadership Team", "DLT", "directorate", False, time(10, 0), 90),
    ("Partnership Executive Group", "PEG", "partnership", False, time(14, 0), 120),
    ("Full Council", "FC", "council", False, time(19, 0), 180),
]
STAGES = [
    ("Directorate Leadership Team", "DLT", False),
    ("CLT", "CLT", False),
    ("Mayor's Advisory Board", "MAB", False),
    ("Cabinet", "CAB", False),
    ("Full Council", "FC", True),
]


def seed(apps, schema_editor):
    Body = apps.get_model("decisions", "Body")
    PathwayStage = apps.get_model("decisions", "PathwayStage")
    DecisionSettings = apps.get_model("decisions", "DecisionSettings")
    if not DecisionSettings.objects.exists():
        DecisionSettings.objects.create()
    for name, short, kind, executive, start, minutes in BODIES:
        Body.objects.get_or_create(
            short_name=short,
            defaults={
                "name": name,
                "kind": kind,
                "takes_executive_decisions": executive,
                "default_start": start,
                "default_minutes": minutes,
                "default_place": "Committee Room 1, Town Hall",
            },
        )
    for position, (name, short, where_needed) in enumerate(STAGES, start=1):
        PathwayStage.objects.get_or_create(
            name=name,
            defaults={
                "body": Body.objects.get(short_name=short),
                "position": position * 10,
                "only_where_needed": where_needed,
            },
        )
    grant_model_permissions(
        apps,
        Role.HEAD_OF_OFFICE.label,
        {
            "decisions.body": ["add", "change", "view"],
            "decisions.pathwaystage": ["add", "change", "view"],
            "decisions.decisionsettings": ["change", "view"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial"), ("mayoral_office", "0004_head_of_office_configuration")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
