"""How-to guides: written and kept in the app by the office (Markdown, cleaned on the way in and sanitised on the way
out), each with an owner who reviews it by a date (the daily chase reminds them), and linked from the page it
explains ("How do I ...?" under the page's heading).

Who may do what: everyone signed in reads the guides; the officers of the Mayor's Office (the Head and the
Executive and Cabinet Support Officers) write and change them; a guide's owner or the Head records its review."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.db.models import Q
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.text import slugify

from mayoral_office import choices
from mayoral_office.access import has_perm, office_staff
from mayoral_office.audit import service
from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.links import url_for_each
from mayoral_office.models import Guide, User
from mayoral_office.registry import ChaseItem, ChaseKind, SearchHit
from mayoral_office.text import clean_markdown

RESERVED_SLUGS = {"new", "by-number"}  # the guides' own addresses (guides/new/)
HIDDEN_NAMESPACES = {"admin", "configuration", "djdt"}  # pages a guide is never linked from


def may_write(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and office_staff(user))


def may_review(user, guide: Guide) -> bool:
    return bool(user and user.is_authenticated and (guide.owner_id == user.pk or has_perm(user, "configure_office")))


def available_actions(user, guide: Guide | None = None) -> set[str]:
    actions = {"guide.create"} if may_write(user) else set()
    if guide is not None and may_write(user):
        actions.add("guide.edit")
    if guide is not None and may_review(user, guide):
        actions.add("guide.review")
    return actions


# --- reads ---------------------------------------------------------------------------------------------------------
def guide_list(user):
    return Guide.objects.visible_to(user).select_related("owner").order_by("title", "pk")


def search_guides(qs, text: str):
    """Guides whose title, summary or body has the words (PostgreSQL full-text search; 'contains' on SQLite)."""
    text = (text or "").strip()
    if not text:
        return qs
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector("title", weight="A", config="english") + SearchVector(
            "summary", "body", weight="B", config="english"
        )
        return qs.alias(_doc=vector).filter(_doc=SearchQuery(text, config="english", search_type="websearch"))
    condition = Q()
    for word in text.split()[:8]:
        condition &= Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
    return qs.filter(condition)


def guides_by_page() -> dict[str, list[tuple[str, str]]]:
    """{view name: [(title, address)]}: the "How do I ...?" links each page shows, kept in the cache until a guide
    changes (one query on a cold cache, none after)."""

    def read():
        found: dict[str, list[tuple[str, str]]] = {}
        for guide in Guide.objects.exclude(page="").only("title", "slug", "page").order_by("title"):
            found.setdefault(guide.page, []).append((guide.title, guide.get_absolute_url()))
        return found

    return choices.kept("guides:by-page", read)


def page_choices() -> list[tuple[str, str]]:
    """The pages a guide may explain: every named page of the site but the configuration and admin ones, as
    (view name, its address)."""
    found: list[tuple[str, str]] = []

    def walk(patterns, namespace: str, prefix: str):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in HIDDEN_NAMESPACES:
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                route = "/" + (prefix + str(pattern.pattern)).replace("^", "").replace("$", "")
                if not route.startswith(("/api/", "/configuration/")) and "." not in route.rsplit("/", 1)[-1]:
                    found.append((f"{namespace}{pattern.name}", route))

    walk(get_resolver().url_patterns, "", "")
    return sorted(dict(found).items(), key=lambda item: item[1])


def a_year_after(day: date) -> date:
    """The same day next year (28 February after a 29th)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def possible_owners():
    """Who may own a guide: anyone with a role in the office's system, still active."""
    from mayoral_office.roles import Role

    return (
        User.objects.filter(is_active=True, groups__name__in=[r.label for r in Role]).distinct().order_by("full_name")
    )


# --- services ------------------------------------------------------------------------------------------------------
def _slug_for(title: str, guide: Guide | None) -> str:
    base = slugify(title)[:90] or "guide"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Guide.objects.filter(slug=slug).exclude(pk=guide.pk if guide else None).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check(title: str, body: str, page: str, owner: User, review_on: date) -> None:
    if not title.strip():
        raise ServiceError("Enter the guide's title", field="title")
    if not body.strip():
        raise ServiceError("Write the guide", field="body")
    if page and page not in dict(page_choices()):
        raise ServiceError("Choose a page of the site, or none", field="page")
    if not owner.is_active:
        raise ServiceError("Choose an owner who still works here", field="owner")
    if review_on < timezone.localdate():
        raise ServiceError("The review date must be today or later", field="review_on")


@service
def guide_save(
    *,
    actor,
    guide: Guide | None = None,
    title: str,
    summary: str = "",
    body: str,
    page: str = "",
    owner: User,
    review_on: date,
) -> Guide:
    """A new guide, or a change to one. The text is stored as Markdown less any HTML typed into it."""
    if not may_write(actor):
        raise PermissionDenied
    title, body = title.strip(), clean_markdown(body)
    _check(title, body, page, owner, review_on)
    guide = guide or Guide()
    if guide.pk is None:  # a guide keeps its address when retitled: other guides and bookmarks link to it
        guide.slug = _slug_for(title, guide)
    guide.title, guide.summary, guide.body, guide.page = title, summary.strip(), body, page
    guide.owner, guide.review_on = owner, review_on
    guide.updated_at, guide.updated_by = timezone.now(), actor
    guide.save()
    return guide


@service
def guide_reviewed(*, actor, guide: Guide, next_review_on: date | None = None) -> Guide:
    """The owner (or the Head) has read the guide through and it is still right: reviewed today, and next due in
    a year unless another date is given."""
    if not may_review(actor, guide):
        raise PermissionDenied
    today = timezone.localdate()
    next_review_on = next_review_on or a_year_after(today)
    if next_review_on <= today:
        raise ServiceError("The next review must be after today", field="next_review_on")
    guide.reviewed_on, guide.review_on = today, next_review_on
    guide.updated_at, guide.updated_by = timezone.now(), actor
    guide.save(update_fields=["reviewed_on", "review_on", "updated_at", "updated_by"])
    return guide


# --- what the core registers: the chase of reviews due, and the header search's guides ------------------------------
def reviews_due(horizon: date, person_ids=None) -> list[ChaseItem]:
    qs = Guide.objects.filter(review_on__lte=horizon)
    if person_ids is not None:
        qs = qs.filter(owner_id__in=person_ids)
    url = url_for_each("guide-by-pk")
    return [
        ChaseItem("mayoral_office.guide", pk, owner_id, review_on, "Guide", title, url(pk), "Review of the guide")
        for pk, title, owner_id, review_on in qs.values_list("pk", "title", "owner_id", "review_on").order_by()
    ]


CHASE_KIND = ChaseKind("mayoral_office.guide_review", "mayoral_office", "How-to guides to review", reviews_due, 90)


def search(user, text: str, limit: int) -> tuple[list[SearchHit], int]:
    found = search_guides(guide_list(user), text)
    hits = [SearchHit(g.title, g.get_absolute_url(), g.summary) for g in found[:limit]]
    return hits, found.count()
