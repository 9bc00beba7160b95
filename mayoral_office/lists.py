"""What every list page shares: a django-filter FilterSet, pagination, and the query string to keep on links."""

from django.core import paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

PER_PAGE = 25
# A list counts its rows up to this many and then says "more than": counting every one of ten years of cases on each
# page costs more than the page itself, and nobody pages through 200 pages (they narrow the filters instead).
COUNT_LIMIT = 5_000
NOT_FILTERS = {"ordering", "page"}  # parameters of a list that change its order or page, not which rows


class Paginator(paginator.Paginator):
    """Django's paginator, made for lists of ten years of records:
    - `count`, when the caller already knows how many rows there are (a queue's tab count), is not counted again;
      otherwise the rows are counted up to COUNT_LIMIT, and `more` says there are more than that;
    - rows that sort equal are ordered by primary key, so none repeats or goes missing between pages;
    - a page fetches its primary keys first and then only those rows with their joins (a "deferred join"): a deep
      page walks the keys of the earlier rows, and a search sorts its matches, without joining each to its people
      (the first page of a search for a common surname: 64 ms -> about 15 ms at 200,000 cases)."""

    more = False

    def __init__(self, object_list, per_page, *, count: int | None = None, keys_first: bool = False, **kwargs):
        """`keys_first`: read the keys of every row (up to COUNT_LIMIT) in the list's order in one query, and count
        and page from them. For a search, whose rows are few but costly to find: the count and the page's keys
        would each find them again (a common surname at 200,000 cases: 16 ms each)."""
        super().__init__(with_tiebreak(object_list), per_page, **kwargs)
        self.keys = None
        if keys_first and isinstance(self.object_list, QuerySet):
            self.keys = list(self.object_list.values_list("pk", flat=True)[: COUNT_LIMIT + 1])
            count = min(len(self.keys), COUNT_LIMIT)
            self.more = len(self.keys) > COUNT_LIMIT
        if count is not None:
            self.count = count  # replaces the cached property: no COUNT(*) of the rows

    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, QuerySet):
            return super().count
        counted = self.object_list.order_by()[: COUNT_LIMIT + 1].count()  # SELECT COUNT(*) FROM (... LIMIT n)
        self.more = counted > COUNT_LIMIT
        return min(counted, COUNT_LIMIT)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if self.keys is not None:
            keys = self.keys[bottom:top]
        else:
            keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in rows_of(self.object_list, keys)}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)


def rows_of(qs: QuerySet, keys: list) -> QuerySet:
    """The rows of these keys with the list's joins, preloading and columns, but not its conditions again: the keys
    came from them (a search's matches, who may see what), and asked again they cost as much as the keys did (a
    common surname: 15 to 45 ms more a page at 200,000 cases). A list with annotations keeps its whole query."""
    if qs.query.annotations:
        return qs.filter(pk__in=keys)
    rows = qs._chain()  # the list's queryset: its preloading (and an app's own, such as the diary's members)
    rows.query = qs.model._base_manager.filter(pk__in=keys).query
    rows.query.select_related = qs.query.select_related
    rows.query.deferred_loading = qs.query.deferred_loading
    return rows


def with_tiebreak(qs):
    """The queryset in its own order with the primary key last (unordered lists and lists of objects unchanged)."""
    if not isinstance(qs, QuerySet) or not qs.ordered:
        return qs
    order = list(qs.query.order_by) or list(qs.query.get_meta().ordering)
    if any(str(field).lstrip("-") in ("pk", "id") for field in order):
        return qs
    return qs.order_by(*order, "pk")


def filtered_page(request, filterset_class, queryset, *, per_page: int = PER_PAGE, count: int | None = None):
    """Apply a FilterSet to the queryset and return (filterset, page). Invalid filters show errors, not a 500.
    `count`: how many rows the unfiltered queryset has, if the caller knows (used only when no filter narrows it)."""
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    if filterset.is_bound and not filterset.is_valid():
        qs = queryset.none()
        count = 0
    elif filterset.is_bound and narrows(filterset):
        count = None
    searched = count is None and bool(filterset.is_bound and filterset.form.cleaned_data.get("q"))
    page = Paginator(qs, per_page, count=count, keys_first=searched).get_page(request.GET.get("page"))
    return filterset, page


def narrows(filterset) -> bool:
    """Whether a valid, bound FilterSet leaves out any row (a sort order or a page number does not)."""
    return any(
        value not in (None, "", [], ())
        for name, value in filterset.form.cleaned_data.items()
        if name not in NOT_FILTERS
    )


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
