"""The one Markdown renderer: Markdown in, sanitised HTML out, used on save for every Markdown field."""

import html
import re
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

EXTERNAL_REL = "nofollow noopener"

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel", "class"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "code": {"class"},
    "div": {"class"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
    "*": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def is_external(href):
    """True for links that leave the site: absolute http(s) URLs and protocol-relative ones.

    Reads the link as a browser would: control characters and spaces are dropped and a
    backslash counts as a slash, so `/\\evil.example` is external too.
    """
    parts = urlsplit(re.sub(r"[\x00-\x20]", "", href).replace("\\", "/"))
    return bool(parts.netloc) or parts.scheme in ("http", "https")


class _ExternalLinks(Treeprocessor):
    def run(self, root):
        for link in root.iter("a"):
            if is_external(link.get("href", "")):
                link.set("rel", EXTERNAL_REL)


class _NoPageTitles(Treeprocessor):
    """The page prints its own title as the one h1; a `# heading` in the text becomes an h2."""

    def run(self, root):
        for heading in root.iter("h1"):
            heading.tag = "h2"


class _SiteRules(Extension):
    """Raw HTML is shown as text, external links are marked nofollow/noopener, no h1."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_ExternalLinks(md), "external_links", 0)
        # Before the table of contents (priority 5) reads the heading levels.
        md.treeprocessors.register(_NoPageTitles(md), "no_page_titles", 30)


def _keep_safe_rel(tag, attribute, value):
    # Only the renderer sets rel; any other value is dropped.
    if attribute == "rel" and value != EXTERNAL_REL:
        return None
    return value


def _markdown():
    return markdown.Markdown(
        extensions=["tables", "fenced_code", "footnotes", "sane_lists", "toc", _SiteRules()],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )


def _sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        attribute_filter=_keep_safe_rel,
        strip_comments=True,
    )


def _flatten_toc(tokens):
    for token in tokens:
        yield {"id": token["id"], "title": html.unescape(token["name"]), "level": token["level"]}
        yield from _flatten_toc(token["children"])


class Renderer:
    """Renders text after text with one Markdown instance, reset in between.

    Building the instance costs about as much as rendering a short text, so bulk work (the
    corpus generator) keeps one; the output is the same as `render_markdown_with_toc`'s.
    """

    def __init__(self):
        self.md = _markdown()

    def __call__(self, text):
        """Sanitised HTML and the table of contents: [{"id", "title", "level"}] per heading."""
        if not text:
            return "", []
        self.md.reset()
        rendered = _sanitise(self.md.convert(text))
        return rendered, list(_flatten_toc(self.md.toc_tokens))


def render_markdown_with_toc(text):
    """Sanitised HTML and the table of contents: [{"id", "title", "level"}] for each heading."""
    return Renderer()(text)


def render_markdown(text):
    """Render Markdown (tables, fenced code, footnotes, heading ids) to sanitised HTML."""
    return render_markdown_with_toc(text)[0]
