"""The Markdown renderer: what editors may write, and what never reaches a reader's browser."""

import re
from html.parser import HTMLParser

import pytest

from briefings.markdown import render_markdown, render_markdown_with_toc


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html):
    """Each element a browser would build from `html`, as (tag, attributes)."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def anchors(html):
    """Each rendered <a …> start tag, as written."""
    return re.findall(r"<a\b[^>]*>", html)


def test_tables_are_rendered_with_their_alignment():
    html = render_markdown("| Country | Troops |\n|:--|--:|\n| Ukraine | 900000 |")

    assert '<th align="left">Country</th>' in html
    assert '<td align="right">900000</td>' in html


def test_fenced_code_keeps_its_language_and_escapes_its_content():
    html = render_markdown("```python\nprint('<b>')\n```")

    assert html == "<pre><code class=\"language-python\">print('&lt;b&gt;')\n</code></pre>"


def test_footnotes_link_to_their_notes_and_back():
    html = render_markdown("The talks failed.[^1]\n\n[^1]: According to two diplomats.")

    assert '<a class="footnote-ref" href="#fn:1">1</a>' in html
    assert '<li id="fn:1">' in html
    assert 'href="#fnref:1"' in html


def test_headings_get_ids_to_link_to():
    html = render_markdown("## Security guarantees\n\n### Who pays?")

    assert '<h2 id="security-guarantees">Security guarantees</h2>' in html
    assert '<h3 id="who-pays">Who pays?</h3>' in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "Text <script>alert(1)</script> inline",
        "```\n</code></pre><script>alert(1)</script>\n```",
    ],
)
def test_a_script_tag_never_appears_as_a_tag(text):
    assert "script" not in [tag for tag, _ in tags(render_markdown(text))]


def test_raw_html_is_shown_as_text():
    assert render_markdown("<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>"


@pytest.mark.parametrize(
    "text",
    [
        "<img src=x onerror=alert(1)>",
        '<div onclick="alert(1)">hi</div>',
        '[x](https://example.org" onmouseover="alert(1))',
        '![x](https://example.org/a.png" onload="alert(1))',
    ],
)
def test_no_event_handler_attribute_survives(text):
    html = render_markdown(text)

    assert tags(html)
    assert not [name for _, attrs in tags(html) for name in attrs if name.startswith("on")]


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;&#x61;vascript:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](<javascript:alert(1)>)",
        "![x](javascript:alert(1))",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        '[x][ref]\n\n[ref]: JAVASCRIPT:alert(1) "title"',
        "<javascript:alert(1)>",
    ],
)
def test_no_javascript_url_survives(text):
    attributes = [attrs for _, attrs in tags(render_markdown(text))]

    assert not [value for attrs in attributes for value in attrs.values() if "script:" in value]
    assert not [attrs for attrs in attributes if "href" in attrs or "src" in attrs]


@pytest.mark.parametrize(
    "text",
    [
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
        "[x][ref]\n\n[ref]: DATA:text/html,hi",
    ],
)
def test_data_urls_are_dropped(text):
    html = render_markdown(text)

    assert "data:" not in html.lower()
    assert not [attrs for _, attrs in tags(html) if "href" in attrs or "src" in attrs]


def test_an_image_from_the_web_is_kept():
    assert render_markdown("![Map](https://example.org/map.png)") == (
        '<p><img alt="Map" src="https://example.org/map.png"></p>'
    )


@pytest.mark.parametrize(
    "href", ["https://www.nato.int/", "HTTP://EXAMPLE.ORG/x", "//evil.example/x"]
)
def test_external_links_are_marked_nofollow_noopener(href):
    assert anchors(render_markdown(f"[NATO]({href})")) == [
        f'<a href="{href}" rel="nofollow noopener">'
    ]


def test_an_autolink_to_another_site_is_marked_nofollow_noopener():
    assert anchors(render_markdown("<https://www.nato.int>")) == [
        '<a href="https://www.nato.int" rel="nofollow noopener">'
    ]


def test_a_backslash_link_that_browsers_send_to_another_site_is_marked_nofollow():
    # Browsers read /\evil.example as //evil.example: another site.
    assert 'rel="nofollow noopener"' in render_markdown("[x](/\\evil.example/page)")


@pytest.mark.parametrize(
    "href", ["/briefings/ukraine-talks/", "#security-guarantees", "mailto:desk@example.org"]
)
def test_internal_links_carry_no_rel(href):
    assert anchors(render_markdown(f"[here]({href})")) == [f'<a href="{href}">']


def test_footnote_links_carry_no_rel():
    html = render_markdown("Claim.[^1]\n\n[^1]: Note.")

    assert anchors(html)
    assert "rel=" not in html


@pytest.mark.parametrize(
    "text",
    [
        '<a href="https://example.org" rel="me">x</a>',
        '<a href="/internal" rel="nofollow noopener">x</a>',
        "[x](https://example.org){rel=me}",
        '[x](/internal "title" rel="author")',
    ],
)
def test_a_writer_cannot_set_rel_themselves(text):
    rels = [attrs.get("rel") for tag, attrs in tags(render_markdown(text)) if tag == "a"]

    assert set(rels) <= {None, "nofollow noopener"}
    if "/internal" in text:
        assert rels in ([], [None])


def test_empty_text_renders_as_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_a_level_one_heading_in_the_text_becomes_a_section_heading_so_the_page_keeps_one_h1():
    html, toc = render_markdown_with_toc("# Background\n\nText.\n\n## Outlook\n\nMore.")

    assert "<h1" not in html
    assert '<h2 id="background">Background</h2>' in html
    assert [heading["level"] for heading in toc] == [2, 2]
