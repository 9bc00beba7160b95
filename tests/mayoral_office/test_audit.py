from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from mayoral_office import registry, working_days
from mayoral_office.audit import acting_as, log_access
from mayoral_office.models import AccessLog, ClosureDay, Member
from mayoral_office.services import closure_day_add, closure_day_remove

pytestmark = pytest.mark.django_db


def entries_for(obj):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk))


def test_a_change_through_the_admin_records_actor_time_and_ip(client, head, member_a):
    client.force_login(head)
    url = reverse("admin:mayoral_office_member_change", args=[member_a.pk])
    response = client.post(
        url,
        {
            "name": member_a.name,
            "office": member_a.office,
            "title": "Cabinet Member for Housing",
            "ward": member_a.ward_id,
            "email": member_a.email,
            "active_from": "01/05/2024",
            "active_to": "",
            "support_assignments-TOTAL_FORMS": "0",
            "support_assignments-INITIAL_FORMS": "0",
        },
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = entries_for(member_a).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == head
    assert entry.remote_addr == "10.1.2.3"
    assert entry.changes_dict["title"][1] == "Cabinet Member for Housing"


def test_writes_outside_a_request_are_attributed_with_acting_as(head, member_a):
    with acting_as(head):
        member_a.title = "Deputy Mayor"
        member_a.save()
    assert entries_for(member_a).latest("timestamp").actor == head


def test_create_and_delete_are_recorded(head, member_a):
    pk = member_a.pk
    with acting_as(head):
        member_a.delete()
    actions = set(
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Member), object_pk=str(pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == {LogEntry.Action.CREATE, LogEntry.Action.DELETE}


def test_passwords_are_never_written_to_the_audit_trail(head):
    head.set_password("a brand new secret password")
    with acting_as(head):
        head.save()
    for entry in entries_for(head):
        assert "password" not in entry.changes_dict


def test_head_of_office_browses_and_filters_the_audit_trail(client, head, member_a, member_b):
    with acting_as(head):
        member_a.title = "Cabinet Member for Parks"
        member_a.save()
    client.force_login(head)
    page = client.get(reverse("audit-trail"), {"q": "Alice"}).content.decode()
    assert "Cllr Alice Able" in page
    assert "Cllr Bob Baker" not in page
    page = client.get(reverse("audit-trail"), {"action": LogEntry.Action.UPDATE}).content.decode()
    assert "Cabinet Member for Parks" in page
    assert "Cllr Bob Baker" not in page


def test_bad_audit_filters_show_a_message_not_an_error(client, head):
    client.force_login(head)
    response = client.get(reverse("audit-trail"), {"date_from": "not a date", "actor": "999999"})
    assert response.status_code == 200
    assert "There is a problem with the filters" in response.content.decode()


def test_officers_cannot_see_the_audit_trail(client, officer_a):
    client.force_login(officer_a)
    assert client.get(reverse("audit-trail")).status_code == 403
    assert client.get(reverse("access-log")).status_code == 403


def test_access_log_records_and_lists_reads(client, rf, head, officer_a, member_a):
    request = rf.get("/", REMOTE_ADDR="10.9.8.7")
    log_access(user=officer_a, objs=[member_a], request=request)
    entry = AccessLog.objects.get()
    assert (entry.user, entry.ip_address, entry.object_repr) == (officer_a, "10.9.8.7", str(member_a))
    client.force_login(head)
    page = client.get(reverse("access-log"), {"user": officer_a.pk}).content.decode()
    assert "Joanna Kowalska" in page
    assert str(member_a) in page


def test_closure_day_added_in_the_admin_changes_working_days(client, head):
    assert not head.is_superuser  # the Head of Mayor's Office's own configuration rights are enough
    client.force_login(head)
    before = working_days.add_working_days(date(2026, 12, 23), 10)
    response = client.post(
        reverse("admin:mayoral_office_closureday_add"), {"date": "29/12/2026", "reason": "Council closure"}
    )
    assert response.status_code == 302
    after = working_days.add_working_days(date(2026, 12, 23), 10)
    assert after == date(2027, 1, 12) and before == date(2027, 1, 11)
    assert entries_for(ClosureDay.objects.get()).get().actor == head


def test_closure_day_changes_ask_apps_to_recalculate(head):
    calls = []

    def recalculate(*, actor, changed_day, note):
        calls.append((actor, changed_day, note))
        return 1

    registry.register_deadline_recalculator(recalculate)
    try:
        closure = closure_day_add(actor=head, day=date(2027, 4, 1), reason="Council closure")
        closure_day_remove(actor=head, closure=closure)
    finally:
        registry._recalculators.pop(registry._key(recalculate))
    assert [c[1] for c in calls] == [date(2027, 4, 1), date(2027, 4, 1)]
    assert calls[0][2].startswith("Closure day added: 1 April 2027")
    assert calls[1][2].startswith("Closure day removed")


def test_only_the_head_of_office_may_change_closure_days(officer_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        closure_day_add(actor=officer_a, day=date(2027, 4, 1), reason="x")
    assert not ClosureDay.objects.exists()


def _queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_audit_lists_use_the_same_number_of_queries_at_10_and_100_rows(client, head, rf):
    from tests.mayoral_office.factories import WardFactory

    client.force_login(head)
    client.get(reverse("access-log"))  # the session's first save, not counted
    counts = {}
    for total in (10, 100):
        LogEntry.objects.all().delete()
        AccessLog.objects.all().delete()
        with acting_as(head):
            wards = [WardFactory(name=f"Ward {total}-{i}") for i in range(total)]
        for ward in wards:
            log_access(user=head, objs=[ward], request=rf.get("/"))
        counts[total] = (
            _queries_for(client, reverse("audit-trail") + "?page=1"),
            _queries_for(client, reverse("access-log")),
        )
    assert counts[10] == counts[100]


def test_audit_and_access_log_dates_are_london_days_compared_without_casting_each_timestamp(client, head, member_a, rf):
    """23:30 on 1 June in London is 22:30 UTC: it is in 1 June's entries, and 00:30 on 2 June (23:30 UTC on 1 June)
    is not. The filter compares the timestamp with the start of the day (its index serves that), never DATE(...)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    london = ZoneInfo("Europe/London")
    late, early = datetime(2026, 6, 1, 23, 30, tzinfo=london), datetime(2026, 6, 2, 0, 30, tzinfo=london)
    with acting_as(head):
        closure_day_add(actor=head, day=date(2027, 3, 1), reason="Late entry")
        closure_day_add(actor=head, day=date(2027, 3, 2), reason="Early entry")
    late_entry, early_entry = LogEntry.objects.order_by("-pk")[:2][::-1]
    LogEntry.objects.filter(pk=late_entry.pk).update(timestamp=late)
    LogEntry.objects.filter(pk=early_entry.pk).update(timestamp=early)
    log_access(user=head, objs=[member_a], request=rf.get("/"))
    log_access(user=head, objs=[member_a], request=rf.get("/"))
    first, second = AccessLog.objects.order_by("pk")
    AccessLog.objects.filter(pk=first.pk).update(at=late)
    AccessLog.objects.filter(pk=second.pk).update(at=early)
    client.force_login(head)
    one_day = {"date_from": "2026-06-01", "date_to": "2026-06-01"}
    with CaptureQueriesContext(connection) as queries:
        trail = client.get(reverse("audit-trail"), one_day)
        access = client.get(reverse("access-log"), one_day)
    assert not any("DATE(" in q["sql"].upper() or "::DATE" in q["sql"].upper() for q in queries.captured_queries)
    assert [row.entry.pk for row in trail.context["rows"]] == [late_entry.pk]
    assert [entry.pk for entry in access.context["page"]] == [first.pk]
