from datetime import date

import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from mayoral_office.models import Directorate, Member, Portfolio, SupportAssignment, User, Ward
from mayoral_office.roles import Role, install_roles

factory.Faker._DEFAULT_LOCALE = "en_GB"
PASSWORD = "correct horse battery staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"officer{n}@eastbridge.gov.uk")
    full_name = factory.Faker("name")
    job_title = "Officer"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            label = Role(extracted).label
            if not Group.objects.filter(name=label).exists():
                install_roles()  # a transactional test flushed the groups the data migration made
            self.groups.add(Group.objects.get(name=label))
        if create:
            self.save()


class WardFactory(DjangoModelFactory):
    class Meta:
        model = Ward
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Ward {n}")


class DirectorateFactory(DjangoModelFactory):
    class Meta:
        model = Directorate
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Directorate {n}")
    code = factory.Sequence(lambda n: f"D{n}")
    email = factory.LazyAttribute(lambda o: f"{o.code.lower()}@eastbridge.gov.uk")


class PortfolioFactory(DjangoModelFactory):
    class Meta:
        model = Portfolio
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Portfolio {n}")


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = Member

    name = factory.Sequence(lambda n: f"Cllr Member {n}")
    office = Member.Office.CABINET_MEMBER
    title = factory.LazyAttribute(lambda o: f"Cabinet Member ({o.name})")
    ward = factory.SubFactory(WardFactory)
    email = factory.Sequence(lambda n: f"member{n}@eastbridge.gov.uk")
    active_from = date(2024, 5, 1)


class SupportAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = SupportAssignment

    officer = factory.SubFactory(UserFactory, role=Role.CABINET_SUPPORT)
    member = factory.SubFactory(MemberFactory)
    starts_on = date(2024, 5, 1)
