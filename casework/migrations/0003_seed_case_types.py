"""The case types of DESIGN.md section 5, with their targets in working days. The Head of Mayor's Office edits
them afterwards in the configuration site."""

from django.db import migrations

# (code, name, acknowledge, respond, escalate, calendar, member approval, retention years)
CASE_TYPES = [
    ("member", "Member enquiry", 2, 10, 15, "england-and-wales", True, 6),
    ("mp", "MP enquiry", 2, 10, 15, "england-and-wales", True, 6),
    ("resident", "Resident correspondence", 2, 10, 15, "england-and-wales", True, 6),
    ("complaint-1", "Complaint (stage 1)", 2, 10, 15, "england-and-wales", False, 6),
    ("complaint-2", "Complaint (stage 2)", 2, 20, 25, "england-and-wales", True, 6),
    ("foi", "Freedom of Information request", None, 20, None, "united-kingdom", False, 3),
    ("media", "Media enquiry", None, 1, None, "england-and-wales", False, 2),
]


def seed(apps, schema_editor):
    CaseType = apps.get_model("casework", "CaseType")
    for code, name, ack, respond, escalate, calendar, approval, retention in CASE_TYPES:
        CaseType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "acknowledge_days": ack,
                "respond_days": respond,
                "escalate_days": escalate,
                "calendar": calendar,
                "member_approval_required": approval,
                "retention_years": retention,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("casework", "0002_search_index")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
