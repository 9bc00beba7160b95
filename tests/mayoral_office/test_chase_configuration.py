"""The chasing part of the configuration site: the Head of Mayor's Office keeps the chasing rules (one row, checked as
the model checks it), edits when the scheduled jobs run (django-celery-beat), reads the chase runs and ledger, and
sets each person's team lead and alerts. An officer can do none of it."""

from datetime import date, time

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from mayoral_office.models import ChaseEntry, ChaseRun, ChaseSettings, Notification, User, Ward
from mayoral_office.roles import Role
from tests.mayoral_office.factories import UserFactory

pytestmark = pytest.mark.django_db

RULES = {"digest_time": "07:30", "remind_before_days": "3", "lead_after_days": "2", "head_after_days": "4"}


def _beat():
    """The schedules as migration 0009 seeded them (the test database is built by the migrations)."""
    task = PeriodicTask.objects.get(name="chase")
    return task.crontab, PeriodicTask.objects.get(name="send-outbox").interval, task


def test_the_migration_gives_the_head_of_office_the_chasing_and_schedule_rights():
    """As the data migration left the group (the test database is built by the migrations)."""
    granted = set(
        Group.objects.get(name=Role.HEAD_OF_OFFICE.label).permissions.values_list("content_type__app_label", "codename")
    )
    for wanted in [
        ("mayoral_office", "add_chasesettings"),
        ("mayoral_office", "change_chasesettings"),
        ("mayoral_office", "view_chasesettings"),
        ("mayoral_office", "view_chaserun"),
        ("mayoral_office", "view_chaseentry"),
        ("django_celery_beat", "view_periodictask"),
        ("django_celery_beat", "change_periodictask"),
        ("django_celery_beat", "view_crontabschedule"),
        ("django_celery_beat", "change_crontabschedule"),
        ("django_celery_beat", "view_intervalschedule"),
        ("django_celery_beat", "change_intervalschedule"),
    ]:
        assert wanted in granted, wanted
    assert ("mayoral_office", "delete_chasesettings") not in granted


def test_the_head_opens_and_saves_the_chasing_rules_once(client, head):
    client.force_login(head)
    add = reverse("admin:mayoral_office_chasesettings_add")
    assert client.get(add).status_code == 200
    response = client.post(add, RULES)
    assert response.status_code == 302, response.content.decode()[:2000]
    rules = ChaseSettings.current()
    assert (rules.digest_time, rules.remind_before_days, rules.lead_after_days, rules.head_after_days) == (
        time(7, 30),
        3,
        2,
        4,
    )
    assert client.get(add).status_code == 403  # one row: it is changed, never added again
    change = reverse("admin:mayoral_office_chasesettings_change", args=[rules.pk])
    assert client.post(change, {**RULES, "head_after_days": "6"}).status_code == 302
    assert ChaseSettings.current().head_after_days == 6
    assert client.post(reverse("admin:mayoral_office_chasesettings_delete", args=[rules.pk])).status_code == 403
    assert ChaseSettings.objects.count() == 1


def test_the_rules_are_checked_on_the_form(client, head):
    client.force_login(head)
    response = client.post(reverse("admin:mayoral_office_chasesettings_add"), {**RULES, "head_after_days": "1"})
    assert response.status_code == 200
    assert "Escalate to the Head of Mayor&#x27;s Office no sooner than to the team lead" in response.content.decode()
    assert not ChaseSettings.objects.exists()


def test_the_head_opens_the_scheduled_jobs_and_changes_when_one_runs(client, head):
    crontab, interval, task = _beat()
    client.force_login(head)
    for name in ["periodictask", "crontabschedule", "intervalschedule"]:
        assert client.get(reverse(f"admin:django_celery_beat_{name}_changelist")).status_code == 200, name
    assert client.get(reverse("admin:django_celery_beat_periodictask_change", args=[task.pk])).status_code == 200
    response = client.post(
        reverse("admin:django_celery_beat_crontabschedule_change", args=[crontab.pk]),
        {
            "minute": "30",
            "hour": "7",
            "day_of_week": "1-5",
            "day_of_month": "*",
            "month_of_year": "*",
            "timezone": "Europe/London",
            "periodictask_set-TOTAL_FORMS": "0",  # the inline of the tasks on this schedule, left as it is
            "periodictask_set-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    crontab.refresh_from_db()
    assert (crontab.hour, crontab.minute) == ("7", "30")
    assert PeriodicTask.objects.get(pk=task.pk).crontab == crontab
    assert client.get(reverse("admin:django_celery_beat_periodictask_add")).status_code == 403  # edit, not add


def test_the_chase_runs_and_ledger_are_read_only(client, head):
    run = ChaseRun.objects.create(day=date(2026, 12, 2), digests=1, items=1)
    ward = Ward.objects.create(name="Bow East")
    digest = Notification.objects.create(to=[head.email], subject="Your work", body="…", kind="chase.digest")
    entry = ChaseEntry.objects.create(
        kind="test.kind",
        regarding_type=ContentType.objects.get_for_model(Ward),
        regarding_id=str(ward.pk),
        recipient=head,
        stage=ChaseEntry.Stage.HEAD,
        day=date(2026, 12, 2),
        due_on=date(2026, 11, 20),
        notification=digest,
    )
    client.force_login(head)
    for model, obj in [("chaserun", run), ("chaseentry", entry)]:
        assert client.get(reverse(f"admin:mayoral_office_{model}_changelist")).status_code == 200
        page = client.get(reverse(f"admin:mayoral_office_{model}_change", args=[obj.pk]))
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()  # view only
        assert client.get(reverse(f"admin:mayoral_office_{model}_add")).status_code == 403
        assert client.post(reverse(f"admin:mayoral_office_{model}_delete", args=[obj.pk])).status_code == 403


def test_the_head_sets_a_team_lead_and_alerts_on_a_person(client, head, officer_a):
    lead = UserFactory(role=Role.CABINET_SUPPORT, full_name="Tomasz Nowak")
    client.force_login(head)
    url = reverse("admin:mayoral_office_user_change", args=[officer_a.pk])
    page = client.get(url).content.decode()
    assert 'name="reports_to"' in page and "admin-autocomplete" in page and 'name="chase_alerts"' in page
    found = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "mayoral_office", "model_name": "user", "field_name": "reports_to", "term": "Nowak"},
    ).json()
    assert [item["text"] for item in found["results"]] == ["Tomasz Nowak"]
    response = client.post(
        url,
        {
            "email": officer_a.email,
            "full_name": officer_a.full_name,
            "job_title": officer_a.job_title,
            "phone": "",
            "directorate": "",
            "reports_to": lead.pk,
            "chase_alerts": "on",
            "is_active": "on",
            "groups": [Group.objects.get(name=Role.CABINET_SUPPORT.label).pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    officer_a.refresh_from_db()
    assert officer_a.reports_to == lead and officer_a.chase_alerts


def test_an_officer_cannot_open_the_chasing_rules_or_the_schedules(client, officer_a):
    _beat()
    staff_officer = UserFactory(role=Role.CABINET_SUPPORT, is_staff=True)  # even one let into the site
    for user in (officer_a, staff_officer):
        client.force_login(user)
        for url in [
            reverse("admin:mayoral_office_chasesettings_add"),
            reverse("admin:mayoral_office_chasesettings_changelist"),
            reverse("admin:django_celery_beat_periodictask_changelist"),
            reverse("admin:django_celery_beat_crontabschedule_changelist"),
            reverse("admin:mayoral_office_chaserun_changelist"),
        ]:
            assert client.get(url, follow=True).status_code == 403, (user, url)  # via the sign-in, if not staff
        assert client.post(reverse("admin:mayoral_office_chasesettings_add"), RULES, follow=True).status_code == 403
    assert not ChaseSettings.objects.exists()
    assert not User.objects.get(pk=officer_a.pk).is_staff
