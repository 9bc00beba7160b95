"""The stakeholder directory: the organisations the office works with (anchor institutions, businesses, voluntary
and community groups, government bodies, MPs' offices, the media), the people in them, and the partnerships they
sit on together, each with who in the office owns the relationship."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class OrganisationKind(models.TextChoices):
    ANCHOR = "anchor", "Anchor institution"
    BUSINESS = "business", "Business"
    VOLUNTARY = "voluntary", "Voluntary or community group"
    GOVERNMENT = "government", "Government body"
    MP = "mp", "MP's office"
    MEDIA = "media", "Media"
    OTHER = "other", "Other"


class DirectoryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The directory is the office's own: everyone who works in or for the Mayor's Office reads it."""
        from mayoral_office.access import office_roles

        return self if user is not None and user.is_authenticated and office_roles(user) else self.none()


class DirectoryEntry(models.Model):
    """What an organisation and a person in the directory both have."""

    ward = models.ForeignKey("mayoral_office.Ward", models.SET_NULL, null=True, blank=True, related_name="+")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="relationship owner",
        help_text="Who in the office looks after the relationship.",
    )
    tags = models.CharField(max_length=200, blank=True, help_text="Words to find it by, separated by commas.")
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = DirectoryQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in (t.strip() for t in self.tags.split(",")) if tag]


class Organisation(DirectoryEntry):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField("type", max_length=20, choices=OrganisationKind.choices)
    address = models.TextField(blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation", args=[self.pk])


class Stakeholder(DirectoryEntry):
    """A person the office deals with, in an organisation or on their own account."""

    name = models.CharField(max_length=150)
    role = models.CharField("role or job title", max_length=150, blank=True)
    organisation = models.ForeignKey(Organisation, models.SET_NULL, null=True, blank=True, related_name="people")

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name

    def get_absolute_url(self) -> str:
        return reverse("stakeholder", args=[self.pk])


class Partnership(models.Model):
    """A standing partnership of organisations and people (the Partnership Executive Group)."""

    name = models.CharField(max_length=200, unique=True)
    purpose = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="lead officer"
    )
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="partnerships")
    people = models.ManyToManyField(Stakeholder, blank=True, related_name="partnerships")

    objects = DirectoryQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnership", args=[self.pk])
