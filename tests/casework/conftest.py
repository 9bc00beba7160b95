from unittest import mock

import pytest

from casework import deadlines, services
from casework.deadlines import years_ago
from tests.casework.factories import CorrespondentFactory, aware, case_type


@pytest.fixture(autouse=True)
def _frozen_clock(clock):
    """Every casework test runs on the frozen clock (tests/conftest.py): targets, queues and overdue never depend
    on the day the suite runs."""
    return clock


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploaded documents go to a temporary private folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private")},
        },
    }
    return tmp_path / "private"


@pytest.fixture
def log_case(head):
    """Log a case through the service (as the Head of Office unless another actor is given)."""

    def make(*, member, actor=None, received=None, code="resident", **kwargs):
        from django.utils import timezone

        kwargs.setdefault("subject", "Damp in my flat")
        kwargs.setdefault("summary", "Black mould in the bedroom")
        if "correspondent" not in kwargs and "correspondent_details" not in kwargs:
            kwargs["correspondent"] = CorrespondentFactory()

        def log():
            return services.case_log(
                actor=actor or head,
                case_type=case_type(code),
                received_at=aware(received) if received else timezone.now(),
                member=member,
                **kwargs,
            )

        if received and received < years_ago(timezone.localdate(), deadlines.RECEIVED_MAX_YEARS):
            # Intake refuses a received date more than 2 years ago (a typing slip); retention tests need old cases.
            with mock.patch.object(deadlines, "RECEIVED_MAX_YEARS", 20):
                return log()
        return log()

    return make
