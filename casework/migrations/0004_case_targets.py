"""Each case keeps its own copy of its type's targets, calendar and approval rule (taken at intake), so editing a
case type no longer re-targets open cases; and each sent case records which draft was sent. Filled in 0005 and
made required in 0006 (three migrations, so PostgreSQL never alters a table with pending deferred checks)."""

import django.db.models.deletion
from django.db import migrations, models

import mayoral_office.working_days


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0003_seed_case_types"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="acknowledge_days",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="case",
            name="respond_days",
            field=models.PositiveSmallIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="case",
            name="escalate_days",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="case",
            name="calendar",
            field=models.CharField(
                choices=mayoral_office.working_days.CALENDAR_CHOICES, default="", editable=False, max_length=20
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="case",
            name="member_approval_required",
            field=models.BooleanField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="case",
            name="response_draft",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="casework.draft",
            ),
        ),
    ]
