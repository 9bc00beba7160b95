"""Text written in the app as Markdown (briefing sections, how-to guides): cleaned on the way in, and rendered and

- In (`clean_markdown`): raw HTML typed or pasted into the text is removed (nh3 with no tags allowed; the text of
  a <script> or <style> goes with it), so what is stored is plain Markdown.
- Out (`render_markdown`): markdown-it-py renders it with raw HTML off, then nh3 keeps only the tags a document
  needs. Links keep only http, https and mailto addresses; images are not allowed at all, so neither the page nor
  the PDF ever fetches a remote image (the PDF's fetcher also refuses every address but the project's static files).
Pure: no reads, no writes."""

from __future__ import annotations

import html

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "strong", "em", "blockquote", "ul", "ol", "li", "code", "pre",
    "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_markdown(text: str) -> str:
    """The Markdown as typed, less any HTML tags in it; line endings normalised."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    stripped = nh3.clean(text, tags=set(), attributes={}, strip_comments=True)
    return html.unescape(stripped).strip()


def render_markdown(text: str) -> str:
    """Safe HTML for the page and the PDF."""
    rendered = _md.render(text or "")
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
