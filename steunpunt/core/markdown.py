"""Markdown written by coordinators, rendered to HTML and sanitised (nh3) before output."""

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


def render_markdown(text: str, *, line_breaks: bool = False) -> SafeString:
    """Markdown → safe HTML: no scripts, styles, images from elsewhere or event handlers.

    Headings start at h2 (the page owns its h1); links get rel="noopener noreferrer".
    `line_breaks`: every line break is kept (a letter's greeting and signature lines).
    """
    extensions = ["extra", "sane_lists"] + (["nl2br"] if line_breaks else [])
    html = md.markdown(text or "", extensions=extensions, output_format="html")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
