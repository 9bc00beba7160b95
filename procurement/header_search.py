"""What procurement gives the header search (registered in apps.py): requisitions by reference, description or
supplier, through the requisition list's own search, as the user may see them."""

from __future__ import annotations

from mayoral_office.registry import SearchHit, SearchProvider
from mayoral_office.search import list_url, through_list
from procurement.filters import RequisitionFilter
from procurement.selectors.requisitions import requisition_list


def _requisition(requisition) -> SearchHit:
    return SearchHit(str(requisition), requisition.get_absolute_url(), requisition.get_status_display())


def providers(allowed) -> list[SearchProvider]:
    find = through_list(RequisitionFilter, requisition_list, _requisition)
    url = list_url("procurement:requisition_list")
    return [SearchProvider("procurement.requisition", "Requisitions", find, allowed, url, order=50)]
