"""`mayoral_office.bulk.insert`, the volume seeders' writer (COPY on PostgreSQL, bulk_create elsewhere): every row
written as given, each object numbered from its table's sequence, and the next row made the usual way numbered after
them."""

import pytest
from auditlog.models import LogEntry

from mayoral_office.audit import bulk_history
from mayoral_office.bulk import insert
from mayoral_office.models import Ward

pytestmark = pytest.mark.django_db


def test_rows_are_written_numbered_and_the_sequence_moves_past_them():
    wards = [Ward(name=f"Ward {n}\twith a tab") for n in range(3)] + [Ward(name="Quay's\nnew line")]
    insert(wards)
    assert all(ward.pk for ward in wards) and len({ward.pk for ward in wards}) == 4
    assert {ward.pk: ward.name for ward in wards} == dict(Ward.objects.values_list("pk", "name"))
    assert Ward.objects.create(name="Made the usual way").pk > max(ward.pk for ward in wards)
    assert not wards[0]._state.adding  # saved again, it is an update, not a second row
    wards[0].name = "Renamed"
    wards[0].save()
    assert Ward.objects.filter(name="Renamed").count() == 1 and Ward.objects.count() == 5


def test_audit_entries_in_bulk_keep_their_changes_and_times(clock):
    ward = Ward.objects.create(name="Riverside")
    when = clock.now()
    written = bulk_history([(ward, "update", None, when, {"name": ("Old Quay", "Riverside")})])
    entry = LogEntry.objects.get_for_object(ward).get(action=LogEntry.Action.UPDATE)
    assert written == 1
    assert entry.changes == {"name": ["Old Quay", "Riverside"]} and entry.timestamp == when
    assert entry.object_repr == "Riverside"
