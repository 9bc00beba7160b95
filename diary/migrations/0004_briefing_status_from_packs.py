"""Where a briefing has got to, and when it is due, are its pack's (the briefings app shows them in the diary through
the registry's badges): the copied status, due date and lead time could drift from the pack, so they go
(docs/decisions/0008-briefing-status-from-packs.md)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("diary", "0003_series_invitations_private_titles"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="diarysettings",
            name="briefing_lead_working_days",
        ),
        migrations.RemoveField(
            model_name="engagement",
            name="briefing_due",
        ),
        migrations.RemoveField(
            model_name="engagement",
            name="briefing_status",
        ),
    ]
