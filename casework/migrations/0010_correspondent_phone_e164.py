"""Correspondent.phone becomes a PhoneNumberField (django-phonenumber-field): parsed as a UK number, stored in
E.164, so matching by phone is plain equality (no digit-stripping expression)."""

import phonenumber_field.modelfields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0009_correspondent_phone_postcode_normalise"),
    ]

    operations = [
        migrations.AlterField(
            model_name="correspondent",
            name="phone",
            field=phonenumber_field.modelfields.PhoneNumberField(
                blank=True, help_text="Stored in E.164 form, e.g. +442079460000.", max_length=128, region="GB"
            ),
        ),
        migrations.AddIndex(
            model_name="correspondent",
            index=models.Index(fields=["phone"], name="casework_co_phone_4bfbe9_idx"),
        ),
    ]
