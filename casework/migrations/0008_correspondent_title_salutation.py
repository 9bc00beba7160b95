"""Correspondents get a title (Mr, Ms, Dr, Cllr, Sir, Baroness, ...) and an optional salutation override, from
which the response letter builds its greeting (casework.letters.salutation)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0007_contribution_no_longer_needed"),
    ]

    operations = [
        migrations.AddField(
            model_name="correspondent",
            name="title",
            field=models.CharField(blank=True, help_text="Mr, Ms, Dr, Cllr, Sir, Baroness, ...", max_length=30),
        ),
        migrations.AddField(
            model_name="correspondent",
            name="salutation",
            field=models.CharField(blank=True, help_text="The letter's greeting, if not the usual.", max_length=100),
        ),
    ]
