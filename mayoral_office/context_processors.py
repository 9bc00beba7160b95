from django.conf import settings

from mayoral_office import registry


def office(request):
    user = getattr(request, "user", None)
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "nav_sections": registry.sections_for(user),
        "nav_dashboard": user is not None and user.is_authenticated and bool(registry.dashboard_panels(user)),
        "nav_directory": _reads_directory(user),
        "nav_absences": _keeps_absences(user),
        "page_guides": _page_guides(request, user),
        "header_search_q": request.GET.get("q", "") if _on_search(request) else "",
    }


def _on_search(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name == "search"


def _page_guides(request, user) -> list[tuple[str, str]]:
    """The "How do I ...?" guides of the page being shown (from the cache: no query once read)."""
    from mayoral_office.guides import guides_by_page

    match = getattr(request, "resolver_match", None)
    if match is None or user is None or not user.is_authenticated:
        return []
    return guides_by_page().get(match.view_name, [])


def _reads_directory(user) -> bool:
    from mayoral_office.directory import may_read

    return may_read(user)


def _keeps_absences(user) -> bool:
    from mayoral_office.absences import may_use

    return may_use(user)
