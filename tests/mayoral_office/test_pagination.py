"""The GOV.UK pagination of every list: the first and last pages, two either side of this one, an ellipsis for each
gap, however many pages there are (a list ten years long has thousands; the page must not loop over them)."""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string


def links(number: int, pages: int) -> list[str]:
    page = Paginator(range(pages * 25), 25).page(number)
    html = render_to_string("includes/pagination.html", {"page": page, "querystring": "queue=open"})
    return re.findall(r'aria-label="Page (\d+)"|(&ctdot;)', html)


def test_the_pages_either_side_the_ends_and_an_ellipsis_for_each_gap():
    shown = ["…" if gap else n for n, gap in links(400, 8000)]
    assert shown == ["1", "…", "398", "399", "400", "401", "402", "…", "8000"]
    assert ["…" if gap else n for n, gap in links(1, 3)] == ["1", "2", "3"]
    assert ["…" if gap else n for n, gap in links(2, 9)] == ["1", "2", "3", "4", "…", "9"]


def test_the_current_page_is_marked_and_links_keep_the_filters():
    page = Paginator(range(100), 25).page(2)
    html = render_to_string("includes/pagination.html", {"page": page, "querystring": "queue=open"})
    assert 'href="?queue=open&amp;page=2" aria-label="Page 2" aria-current="page"' in html
    assert 'href="?queue=open&amp;page=3" rel="next"' in html
    assert "Showing 26 to 50 of 100" in html
