import pytest
from django.core.management import call_command

from mayoral_office.models import ClosureDay, Member, SupportAssignment, User
from mayoral_office.roles import Role

pytestmark = pytest.mark.django_db


def counts():
    return (
        User.objects.count(),
        Member.objects.count(),
        SupportAssignment.objects.count(),
        ClosureDay.objects.count(),
    )


def test_seed_demo_builds_the_office_and_is_idempotent(capsys, small_demo):
    call_command("seed_demo")
    first = counts()
    out = capsys.readouterr().out
    assert "head.office@eastbridge.gov.uk" in out and "Eastbridge-demo-2026" in out
    call_command("seed_demo")
    assert counts() == first
    assert Member.objects.filter(office=Member.Office.MAYOR).count() == 1
    assert Member.objects.filter(office=Member.Office.DEPUTY_MAYOR).count() == 2
    assert Member.objects.filter(office=Member.Office.CABINET_MEMBER).count() == 8
    for role in Role:
        assert User.objects.filter(groups__name=role.label).exists(), role
    head = User.objects.get(email="head.office@eastbridge.gov.uk")
    assert head.check_password("Eastbridge-demo-2026")


def test_seed_demo_adds_casework_across_types_and_stages_some_overdue(small_demo):
    from casework.models import Case

    call_command("seed_demo")
    cases = Case.objects.all()
    assert cases.count() == 40
    assert cases.values("case_type").distinct().count() >= 4
    assert cases.values("status").distinct().count() >= 4
    assert cases.overdue().exists()
    assert cases.values("member").distinct().count() >= 5
