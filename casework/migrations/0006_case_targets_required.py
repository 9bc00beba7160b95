from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0005_case_targets_fill"),
    ]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="respond_days",
            field=models.PositiveSmallIntegerField(editable=False),
        ),
        migrations.AlterField(
            model_name="case",
            name="member_approval_required",
            field=models.BooleanField(editable=False),
        ),
    ]
