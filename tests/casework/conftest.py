from functools import partial
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
def intake_form(client, officer_a, member_a):
    """Post the intake form as officer A: a resident's email to member A, received today; each test's fields over
    those (None leaves one out). `intake_form.with_(**fields)` gives a poster with other defaults."""
    from django.urls import reverse
    from django.utils import timezone

    client.force_login(officer_a)
    today = timezone.localdate()
    defaults = {
        "case_type": case_type("resident").pk,
        "channel": "email",
        "received_date_0": today.day,
        "received_date_1": today.month,
        "received_date_2": today.year,
        "member": member_a.pk,
        "kind": "resident",
        "subject": "Hospital car park",
        "sensitivity": "standard",
        "priority": "normal",
    }

    def post(**fields):
        data = {**defaults, **fields}
        return client.post(reverse("casework:create"), {k: v for k, v in data.items() if v is not None})

    post.with_ = lambda **fields: partial(post, **fields)
    return post


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
