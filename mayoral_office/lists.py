"""What every list page shares: a django-filter FilterSet, pagination, and the query string to keep on links."""

from django.core.paginator import Paginator

PER_PAGE = 25


def filtered_page(request, filterset_class, queryset, *, per_page: int = PER_PAGE):
    """Apply a FilterSet to the queryset and return (filterset, page). Invalid filters show errors, not a 500."""
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    if filterset.is_bound and not filterset.is_valid():
        qs = queryset.none()
    paginator = Paginator(qs, per_page)
    page = paginator.get_page(request.GET.get("page"))
    return filterset, page


def querystring_without_page(request) -> str:
    return querystring_without(request, "page")


def querystring_without(request, *names: str) -> str:
    """The page's query string less some parameters (to build links that change them)."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def parse_pk(value) -> int | None:
    """A primary key from a query string or form value, or None. Only ASCII digits: str.isdigit() also accepts
    "²", which int() and the database then refuse."""
    value = str(value or "").strip()
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if number <= 2**63 - 1 else None  # beyond a database integer: no such record
