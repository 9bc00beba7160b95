"""Issue 9: a recurring series is one calendar entry (its own UID and SEQUENCE; occurrences changed on their own
are marked), guests' addresses are checked with Django's EmailValidator, and each member can let the officers who
keep their diary see private titles."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import diary.guests
import diary.models


def give_each_series_a_uid(apps, schema_editor):
    RecurringSeries = apps.get_model("diary", "RecurringSeries")
    for series in RecurringSeries.objects.filter(uid=""):
        series.uid = f"{uuid.uuid4()}@mayors-office.eastbridge.gov.uk"
        series.save(update_fields=["uid"])


class Migration(migrations.Migration):
    dependencies = [
        ("diary", "0002_seed_settings"),
        ("mayoral_office", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="recurringseries",
            name="uid",
            field=models.CharField(default="", editable=False, max_length=200),
            preserve_default=False,
        ),
        migrations.RunPython(give_each_series_a_uid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="recurringseries",
            name="uid",
            field=models.CharField(default=diary.models._new_uid, editable=False, max_length=200, unique=True),
        ),
        migrations.AddField(
            model_name="recurringseries",
            name="sequence",
            field=models.PositiveIntegerField(
                default=0, help_text="iCalendar SEQUENCE, raised on every change notice."
            ),
        ),
        migrations.AddField(
            model_name="recurringseries",
            name="notices_sent",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="engagement",
            name="series_override",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="For a series: changed on its own (sent with RECURRENCE-ID).",
            ),
        ),
        migrations.AlterField(
            model_name="engagement",
            name="external_guests",
            field=models.TextField(
                blank=True, help_text="One guest a line.", validators=[diary.guests.validate_guest_emails]
            ),
        ),
        migrations.CreateModel(
            name="DiaryPreference",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "officers_see_private_titles",
                    models.BooleanField(
                        default=False,
                        help_text="Off: the officers who keep your diary see your private engagements only as 'Busy'.",
                        verbose_name="Support officers see my private engagements",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "member",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="diary_preference",
                        to="mayoral_office.member",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
    ]
