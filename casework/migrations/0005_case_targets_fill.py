"""Existing cases take their type's current targets, calendar and approval rule; each sent case points at the
draft it sent (the approved version, or the latest when the type needs no approval)."""

from django.db import migrations

TARGETS = ("acknowledge_days", "respond_days", "escalate_days", "calendar", "member_approval_required")
SENT = ("response_sent", "closed")


def fill(apps, schema_editor):
    Case = apps.get_model("casework", "Case")
    Draft = apps.get_model("casework", "Draft")
    for case in Case.objects.select_related("case_type").iterator():
        for name in TARGETS:
            setattr(case, name, getattr(case.case_type, name))
        if case.status in SENT and case.response_sent_on:
            drafts = Draft.objects.filter(case_id=case.pk).order_by("-version")
            sent = drafts.filter(state="approved").first() if case.member_approval_required else drafts.first()
            case.response_draft_id = sent.pk if sent else None
        case.save(update_fields=[*TARGETS, "response_draft"])


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0004_case_targets"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
