from datetime import datetime, time

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from casework.models import Case, CaseType, Correspondent
from mayoral_office.working_days import add_working_days
from tests.mayoral_office.factories import MemberFactory

factory.Faker._DEFAULT_LOCALE = "en_GB"


def aware(day, hour=10, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def case_type(code="resident") -> CaseType:
    """The case types are seeded by migration (DESIGN.md section 5)."""
    return CaseType.objects.get(code=code)


class CorrespondentFactory(DjangoModelFactory):
    class Meta:
        model = Correspondent

    kind = Correspondent.Kind.RESIDENT
    name = factory.Faker("name")
    address = factory.Faker("street_address")
    postcode = "E3 4QE"
    email = factory.Sequence(lambda n: f"resident{n}@example.org")


class CaseFactory(DjangoModelFactory):
    """A case made directly (no service): for lists, access and query-count tests."""

    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"MO/2026/9{n:04d}")
    case_type = factory.LazyFunction(lambda: case_type("resident"))
    received_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=3))
    member = factory.SubFactory(MemberFactory)
    correspondent = factory.SubFactory(CorrespondentFactory)
    subject = factory.Sequence(lambda n: f"Housing repair {n}")
    summary = "Leaking roof not repaired"
    body = "Dear Councillor, my roof leaks."
    search_document = factory.LazyAttribute(
        lambda o: f"{o.reference}\n{o.subject}\n{o.summary}\n{o.body}\n{o.correspondent.name}"
    )
    # The case's own copy of its type's targets, as intake takes them (Case.copy_targets).
    acknowledge_days = factory.LazyAttribute(lambda o: o.case_type.acknowledge_days)
    respond_days = factory.LazyAttribute(lambda o: o.case_type.respond_days)
    escalate_days = factory.LazyAttribute(lambda o: o.case_type.escalate_days)
    calendar = factory.LazyAttribute(lambda o: o.case_type.calendar)
    member_approval_required = factory.LazyAttribute(lambda o: o.case_type.member_approval_required)
    response_due = factory.LazyAttribute(
        lambda o: add_working_days(timezone.localtime(o.received_at).date(), o.respond_days, calendar=o.calendar)
    )
