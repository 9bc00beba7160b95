"""Script or HTML typed into section text never runs on the pack page (issue 12, acceptance 5): a <script>, an
<img onerror>, a javascript: link and a remote image are neither executable nor fetched, whether the text came
through the service (cleaned on the way in) or was stored as typed (sanitised again on the way out)."""

from html.parser import HTMLParser

import pytest

from briefings.services import sections as services
from tests.briefings.factories import make_pack, make_section

pytestmark = pytest.mark.django_db

HOSTILE = "\n\n".join(
    [
        "Opening remarks <script>alert('script')</script>",
        '<img src="x" onerror="alert(\'img\')">',
        "[Click here](javascript:alert('link'))",
        "<a href=\"javascript:alert('raw link')\">raw link</a>",
        "![tracker](https://evil.example/pixel.png)",
        '<img src="https://evil.example/remote.png">',
        "<iframe src=\"https://evil.example\"></iframe><svg onload=alert('svg')></svg>",
        "**Still bold** and [a real link](https://www.example.gov.uk/)",
    ]
)


class _Elements(HTMLParser):
    """Every element of the page's main content with its attributes: what a browser would build and run."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _main(html: str) -> str:
    return html.split('id="main-content"', 1)[1].split("</main>", 1)[0]


def _assert_nothing_runs(html: str) -> None:
    """No element that runs or fetches: no script, image, frame or SVG, no on* handler, no javascript: address
    (text that merely shows the typed characters, escaped, is inert)."""
    parser = _Elements()
    parser.feed(_main(html))
    assert not [tag for tag, _ in parser.found if tag in {"script", "img", "iframe", "svg", "object", "embed"}]
    assert not [(tag, a) for tag, attrs in parser.found for a in attrs if a.lower().startswith("on")]
    hrefs = [attrs.get("href") or "" for _, attrs in parser.found]
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]


def _assert_not_even_as_text(html: str) -> None:
    main = _main(html)
    assert "<script>alert" not in main
    assert "onerror=" not in main
    assert 'href="javascript:' not in main
    assert "<img" not in main


@pytest.mark.parametrize("route", ["service", "stored as typed"])
def test_hostile_section_text_is_inert_on_the_pack_page(client, officer_a, member_a, route):
    pack = make_pack(member_a, lead_officer=officer_a)
    if route == "service":
        section = make_section(pack, body="")
        services.section_update(actor=officer_a, section=section, title="Speech", body=HOSTILE)
    else:
        make_section(pack, body=HOSTILE)
    client.force_login(officer_a)
    html = client.get(pack.get_absolute_url()).content.decode()
    _assert_nothing_runs(html)
    if route == "service":  # cleaned on the way in: the tags are gone, not only escaped
        _assert_not_even_as_text(html)
    assert "<strong>Still bold</strong>" in html
    assert 'href="https://www.example.gov.uk/"' in html


def test_hostile_text_in_the_heading_is_escaped(client, officer_a, member_a):
    pack = make_pack(member_a, lead_officer=officer_a, title="<script>alert('title')</script>")
    make_section(pack, title='<img src=x onerror="alert(1)">')
    client.force_login(officer_a)
    html = client.get(pack.get_absolute_url()).content.decode()
    _assert_nothing_runs(html)
    assert "&lt;script&gt;alert" in html
