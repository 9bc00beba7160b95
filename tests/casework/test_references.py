"""Acceptance 6: references like MO/2026/00042, unique and sequential per year, even when two officers log
cases at the same moment."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from casework.models import Case
from mayoral_office.errors import ServiceError
from tests.casework.factories import CorrespondentFactory


@pytest.mark.django_db
def test_references_are_sequential_per_year(log_case, member_a):
    first = log_case(member=member_a, received=date(2026, 3, 2))
    second = log_case(member=member_a, received=date(2026, 3, 3))
    older = log_case(member=member_a, received=date(2025, 12, 30))
    assert (first.reference, second.reference) == ("MO/2026/00001", "MO/2026/00002")
    assert older.reference == "MO/2025/00001"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)")
@pytest.mark.django_db(transaction=True)
def test_cases_logged_concurrently_get_distinct_consecutive_references(seeded_after_flush, head, member_a):
    from casework import services
    from tests.casework.factories import aware, case_type

    workers = 8
    correspondents = [CorrespondentFactory() for _ in range(workers)]
    resident = case_type("resident")
    barrier = threading.Barrier(workers)
    references, errors = [], []

    def log(index):
        try:
            barrier.wait(timeout=10)
            case = services.case_log(
                actor=head,
                case_type=resident,
                received_at=aware(date(2026, 3, 2)),
                member=member_a,
                correspondent=correspondents[index],
                subject=f"Concurrent {index}",
            )
            references.append(case.reference)
        except Exception as exc:  # reported below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=log, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(references) == [f"MO/2026/{n:05d}" for n in range(1, workers + 1)]
    assert Case.objects.count() == workers


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)")
@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_intake_does_not_burn_a_reference(seeded_after_flush, head, member_a):
    """The counter is incremented inside the intake transaction: a failed intake leaves no gap."""
    from casework import services
    from tests.casework.factories import aware, case_type

    with pytest.raises(ServiceError):
        services.case_log(
            actor=head,
            case_type=case_type("resident"),
            received_at=aware(date(2026, 3, 2)),
            member=member_a,
            correspondent_details={"name": ""},
            subject="Missing name",
        )
    case = services.case_log(
        actor=head,
        case_type=case_type("resident"),
        received_at=aware(date(2026, 3, 2)),
        member=member_a,
        correspondent=CorrespondentFactory(),
        subject="Fine",
    )
    assert case.reference == "MO/2026/00001"
