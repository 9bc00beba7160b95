"""Existing phone numbers in E.164 form (+442079460000), parsed as UK numbers by `phonenumbers`; a number that is
not a real phone number is cleared (the migration prints how many). Postcodes in their standard form ("SW1A 1AA");
one that is not a real postcode is kept as typed, in capitals.

Runs while `phone` is still a plain CharField (0010 makes it a PhoneNumberField), so the raw values are read."""

import re

import phonenumbers
from django.db import migrations

POSTCODE_RE = re.compile(
    r"^(GIR 0AA|[A-PR-UWYZ]([0-9]{1,2}|([A-HIK-Y][0-9](|[0-9]|[ABEHMNPRVWXY]))|[0-9][A-HJKSTUW]) [0-9][ABD-HJLNP-UW-Z]{2})$"
)


def e164(raw: str) -> str:
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def standard_postcode(raw: str) -> str:
    compact = re.sub(r"\s+", "", raw.upper())
    standard = f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact
    return standard if POSTCODE_RE.match(standard) else re.sub(r"\s+", " ", raw.upper().strip())


def normalise(apps, schema_editor):
    Correspondent = apps.get_model("casework", "Correspondent")
    cleared = 0
    for person in Correspondent.objects.exclude(phone="", postcode="").only("pk", "phone", "postcode").iterator():
        phone = e164(person.phone) if person.phone.strip() else ""
        cleared += bool(person.phone.strip() and not phone)
        postcode = standard_postcode(person.postcode) if person.postcode.strip() else ""
        if (phone, postcode) != (person.phone, person.postcode):
            Correspondent.objects.filter(pk=person.pk).update(phone=phone, postcode=postcode)
    if cleared:
        print(f"\n  {cleared} correspondent phone number(s) were not real phone numbers and have been cleared.")


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0008_correspondent_title_salutation"),
    ]

    operations = [
        migrations.RunPython(normalise, migrations.RunPython.noop),
    ]
