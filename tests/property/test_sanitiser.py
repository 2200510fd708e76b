"""Property tests: whatever an author writes, no script, event handler or script URL reaches a page.

Every function that turns user text into HTML printed unescaped on a page is covered: the Markdown
renderer (stored `*_html` fields, the admin preview, backups), the first-mention linker run over
a briefing's body on the reader site, the JSON-LD template filter and the search snippets. The
output is read with a real HTML parser, as a browser would read it, never searched with regexes.
"""

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown as python_markdown
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from briefings import markdown as site_markdown
from briefings.linking import link_first_mentions
from briefings.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    EXTERNAL_REL,
    URL_SCHEMES,
    Renderer,
    render_markdown,
    render_markdown_with_toc,
)
from briefings.models import Actor
from briefings.search.engine import (
    SNIPPET_START,
    SNIPPET_STOP,
    marked_html,
    plain_snippet,
    strip_markdown,
)
from reader.templatetags.briefings_tags import json_ld

# Reading HTML as a browser does -------------------------------------------------------------------


def _names(text):
    return frozenset(text.split())


# Elements that run script, load active content, or change how the rest of the page is read.
SCRIPTING_ELEMENTS = _names(
    """script style iframe frame frameset object embed applet base link meta form input button
    textarea select svg math template noscript xmp plaintext noembed noframes title audio video
    source portal isindex"""
)
# Attributes whose value a browser reads as a URL.
URL_ATTRIBUTES = _names(
    """href src action formaction xlink:href srcset imagesrcset poster background cite longdesc
    data codebase dynsrc lowsrc ping manifest icon profile usemap classid archive"""
)
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data"})
VOID_ELEMENTS = _names("area base br col embed hr img input link meta source track wbr")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


@dataclass
class Element:
    tag: str
    attrs: list  # [(name, value)], in order, duplicates kept; value None for a bare attribute
    inside: tuple  # the tags of the elements it is nested in, outermost first


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.data, self.open = [], [], []

    def handle_starttag(self, tag, attrs):
        self.elements.append(Element(tag, attrs, tuple(self.open)))
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, attrs, tuple(self.open)))

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data):
        self.data.append(data)


def read_html(markup):
    """The page a browser would build from `markup`: its elements, and its text joined."""
    page = _Page()
    page.feed(markup)
    page.close()
    page.text = "".join(page.data)
    return page


def url_scheme(url):
    """The scheme a browser finds in `url`, lower-cased; "" for a relative URL.

    Read as the WHATWG URL parser reads it: leading and trailing controls and spaces are dropped,
    tabs and newlines anywhere are dropped (so `java<TAB>script:` is `javascript:`). A NUL is
    dropped too, as old browsers did. Entities were decoded by the HTML parser already. A space
    inside is not dropped: `java script:x` is a relative URL, harmless.
    """
    url = re.sub(r"[\t\n\r\x00]", "", url.strip(_C0_AND_SPACE))
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return scheme[1].lower() if scheme else ""


def _urls(name, value):
    if name in ("srcset", "imagesrcset"):  # "url 1x, url 2x"
        return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
    return [value]


def xss_problems(markup):
    """What in `markup` could run script: elements, event handlers, style, script URLs."""
    problems = []
    for element in read_html(markup).elements:
        if element.tag in SCRIPTING_ELEMENTS:
            problems.append(f"element <{element.tag}>")
        for name, value in element.attrs:
            if name.startswith("on"):
                problems.append(f"handler {name}={value!r} on <{element.tag}>")
            elif name == "style":
                problems.append(f"style {value!r} on <{element.tag}>")
            elif name in URL_ATTRIBUTES or name.endswith(":href"):
                for url in _urls(name, value or ""):
                    if url_scheme(url) in SCRIPT_SCHEMES:
                        problems.append(f"url {name}={value!r} on <{element.tag}>")
    return problems


def allow_list_problems(markup):
    """What in `markup` the renderer's allow-list does not permit."""
    problems = []
    for element in read_html(markup).elements:
        if element.tag not in ALLOWED_TAGS:
            problems.append(f"element <{element.tag}>")
            continue
        allowed = ALLOWED_ATTRIBUTES.get(element.tag, set()) | ALLOWED_ATTRIBUTES["*"]
        for name, value in element.attrs:
            if name not in allowed:
                problems.append(f"attribute {name} on <{element.tag}>")
            elif name == "rel" and value != EXTERNAL_REL:
                problems.append(f"rel={value!r}")
            elif name in ("href", "src") and url_scheme(value or "") not in URL_SCHEMES | {""}:
                problems.append(f"url {name}={value!r}")
    return problems


# The checker itself -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "found"),
    [
        ("<p>x<script>alert(1)</script></p>", "element <script>"),
        ("<SCRIPT SRC=//x.example/x.js></SCRIPT>", "element <script>"),
        ("<svg/onload=alert(1)>", "element <svg>"),
        ("<img src=x onerror=alert(1)>", "handler onerror="),
        ("<div/onmouseover='alert(1)'>", "handler onmouseover="),
        ('<p style="background:url(x)">', "style "),
        ('<a href="javascript:alert(1)">x</a>', "url href="),
        ('<a href="&#106;avascript:alert(1)">x</a>', "url href="),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "url href="),
        ('<a href=" \x01JaVaScRiPt:alert(1)">x</a>', "url href="),
        ('<a href="java\nscript:alert(1)">x</a>', "url href="),
        ("<a href=vbscript:msgbox(1)>x</a>", "url href="),
        ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "url src="),
        ('<img srcset="/a.png 1x, javascript:alert(1) 2x">', "url srcset="),
        ('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', "url xlink:href="),
    ],
)
def test_the_checker_finds_what_could_run_script_in_raw_html(markup, found):
    assert any(problem.startswith(found) for problem in xss_problems(markup))


@pytest.mark.parametrize(
    "markup",
    [
        '<p><a href="https://example.org/?q=javascript:x" rel="nofollow noopener">x</a></p>',
        '<p><a href="java script:alert(1)">x</a></p>',  # a relative URL
        "<p>javascript:alert(1) onerror=alert(1) &lt;script&gt;</p>",
        '<pre><code class="language-html">&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>',
        '<p><img alt="x&gt;&quot; onerror=&quot;alert(1)" src="/a.png"></p>',
    ],
)
def test_the_checker_leaves_harmless_html_alone(markup):
    assert xss_problems(markup) == []
    assert allow_list_problems(markup) == []


def test_without_the_sanitiser_the_renderer_output_is_caught(monkeypatch):
    """Proves the properties below can fail: with nh3 taken out, the checker sees the attacks."""
    monkeypatch.setattr(site_markdown, "_sanitise", lambda html: html)
    unsafe = render_markdown("[x](javascript:alert(1)) ![y](data:text/html,x)")
    assert [problem.split()[0] for problem in xss_problems(unsafe)] == ["url", "url"]

    raw = python_markdown.markdown("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>")
    assert [problem.split()[0] for problem in xss_problems(raw)] == ["element", "handler"]


# What authors may write ---------------------------------------------------------------------------

XSS_FRAGMENTS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)"',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<style>*{}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "<a href='jav&#x09;ascript:alert(1)'>x</a>",
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">',
    "<div/onmouseover='alert(1)'>x</div>",
    "<details open ontoggle=alert(1)>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "<form action=javascript:alert(1)><button formaction=javascript:alert(1)>x</button>",
    '<img srcset="javascript:alert(1) 1x">',
    "<base href=javascript:/>",
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x]( javascript:alert(1))",
    "[x](\x00javascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    '![x" onerror="alert(1)](https://a.example/i.png)',
    '![x>" onerror="alert(1)" y="](https://a.example/i.png "t>\\" onload=\\"alert(1)")',
    '[x](https://a.example/" onmouseover="alert(1))',
    '[x](https://a.example/ "t\\" onmouseover=\\"alert(1)")',
    "<javascript:alert(1)>",
    '<https://a.example/?"onmouseover=alert(1)>',
    "<mailto:x@y.example>",
    "[x][r]\n\n[r]: javascript:alert(1)\n",
    '[x][r]\n\n[r]: <javascript:alert(1)> "t"\n',
    "[^1]\n\n[^1]: <script>alert(1)</script> [x](javascript:alert(1))\n",
    "| a | b |\n|---|---|\n| <script> | [x](javascript:alert(1)) |\n",
    "\n```html\n<script>alert(1)</script>\n```\n",
    "`<script>alert(1)</script>`",
    "{: onclick=alert(1) }",
    "*[HTML]: <script>alert(1)</script>",
]
MARKDOWN_PIECES = [
    *"\n \t\r\x00\x0b\x0c*_`[]()!<>|#:=\"'&\\/;",
    "\n\n",
    "# ",
    "## ",
    "> ",
    "- ",
    "1. ",
    "**",
    "```",
    "![",
    "](",
    "---",
    "    ",
    "<!--",
    "-->",
    "</",
    "&amp;",
    "&#0;",
    "&#x3C;",
    "onerror=",
    "javascript:",
    "script",
    "http://a.example/",
    "https://a.example/x?y=1&z=2",
    "//evil.example",
    "mailto:",
]


def _obfuscated(character, case, entity, inserted):
    character = character.upper() if case else character
    if entity == 1:
        character = f"&#{ord(character)};"
    elif entity == 2:
        character = f"&#x{ord(character):x};"
    return character + inserted


# "javascript:" as an attacker spells it: any case, entities, tabs, newlines and NULs between.
script_urls = st.builds(
    lambda lead, scheme, rest: lead + "".join(scheme) + rest,
    st.sampled_from(["", " ", "\t", "\x00", "\x01", "&#32;", "&#x09;"]),
    st.tuples(
        *(
            st.builds(
                _obfuscated,
                st.just(character),
                st.booleans(),
                st.sampled_from([0, 0, 0, 1, 2]),
                st.sampled_from(["", "", "", "", "\t", "\n", "\r", "\x00", "&#9;", "&#x0A;"]),
            )
            for character in "javascript:"
        )
    ),
    st.sampled_from(["alert(1)", "alert(document.cookie)//", ""]),
)
url_contexts = st.sampled_from(
    [
        "[x]({})",
        "[x](<{}>)",
        "![x]({})",
        "<{}>",
        "[x][r]\n\n[r]: {}\n",
        '<a href="{}">x</a>',
        "<img src='{}'>",
        '[x]({} "title")',
    ]
)
attacks = st.builds(str.format, url_contexts, script_urls)
markdown_text = st.lists(
    st.one_of(
        st.sampled_from(XSS_FRAGMENTS),
        attacks,
        st.sampled_from(MARKDOWN_PIECES),
        st.text(max_size=12),
    ),
    max_size=25,
).map("".join)


# The properties -----------------------------------------------------------------------------------


def assert_safe_markdown_html(html):
    assert xss_problems(html) == []
    assert allow_list_problems(html) == []


@given(text=markdown_text)
def test_rendered_markdown_never_holds_a_script_an_event_handler_or_a_script_url(text):
    html, _ = render_markdown_with_toc(text)

    assert_safe_markdown_html(html)
    assert render_markdown(text) == html


# One instance for the whole run, as the backup restore and the corpus generator keep one: nothing
# one text leaves behind may change how the next is rendered.
_SHARED_RENDERER = Renderer()


@given(text=markdown_text)
def test_a_renderer_reused_across_texts_renders_each_as_a_fresh_one_does(text):
    html, toc = _SHARED_RENDERER(text)

    assert_safe_markdown_html(html)
    assert (html, toc) == render_markdown_with_toc(text)


def test_the_generated_markdown_reaches_what_the_sanitiser_removes(monkeypatch):
    """Without nh3 and with raw HTML let through, the strategy finds every kind of attack.

    Proves that the properties above are not true merely because the inputs never try anything.
    """
    monkeypatch.setattr(site_markdown, "_sanitise", lambda html: html)
    monkeypatch.setattr(
        site_markdown,
        "_markdown",
        lambda: python_markdown.Markdown(extensions=["tables", "footnotes", "toc"]),
    )
    search = settings(database=None, derandomize=True, max_examples=500, phases=[Phase.generate])
    for kind in ("element", "handler", "url"):
        find(
            markdown_text,
            lambda text, kind=kind: any(
                problem.startswith(kind) for problem in xss_problems(render_markdown(text))
            ),
            settings=search,
        )


# The first-mention linker -------------------------------------------------------------------------

actor_names = st.one_of(
    st.sampled_from(
        [
            "Donald Trump",
            "Trump",
            "EU",
            "US",
            "Xi Jinping",
            "O'Neill",
            "Zelensky’s",
            "Tom & Jerry",
            'The "Quad"',
            "AT&T",
            "a<b",
            "<script>",
            "&amp;",
            "&lt;b&gt;",
            "onerror",
            "href",
            "javascript",
            "alert",
            "class",
            "Ελλάδα",
        ]
    ),
    st.text(alphabet=st.sampled_from("abcXYZ <>\"'&;=/#"), min_size=1, max_size=12),
)


@st.composite
def bodies_and_names(draw):
    names = draw(st.lists(actor_names, min_size=1, max_size=4, unique=True))
    pieces = st.one_of(st.sampled_from(names), st.sampled_from(XSS_FRAGMENTS), markdown_text)
    body = " ".join(draw(st.lists(pieces, max_size=12)))
    return render_markdown(body), names


@given(body_and_names=bodies_and_names())
def test_linking_first_mentions_adds_nothing_but_links_to_actor_pages(body_and_names):
    body_html, names = body_and_names
    actors = [
        (Actor(pk=number, name=name, slug=f"actor-{number}"), [name])
        for number, name in enumerate(names, start=1)
    ]
    actor_pages = [[("class", "actor-mention"), ("href", a.get_absolute_url())] for a, _ in actors]

    linked = link_first_mentions(body_html, actors)

    assert_safe_markdown_html(linked)
    before, after = read_html(body_html), read_html(linked)
    added = [e for e in after.elements if e.tag == "a" and e.attrs in actor_pages]
    # Take the new links away and the page is what it was: the same elements, the same text.
    assert [e for e in after.elements if e not in added] == before.elements
    assert after.text == before.text
    never_inside = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
    assert not [e for e in added if never_inside & set(e.inside)]


# JSON-LD ------------------------------------------------------------------------------------------

json_text = st.one_of(
    st.text(),
    st.sampled_from(
        [
            "</script><script>alert(1)</script>",
            "</SCRIPT >",
            "<!--<script>",
            "<\\/script>",
            "&lt;/script&gt;",
            "]]>",
            "\u2028\u2029",
            "<",
            ">",
            "&",
            "'",
            '"',
            "\\",
        ]
    ),
)
json_data = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | json_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(json_text, children, max_size=4)
    ),
    max_leaves=20,
)


@given(data=json_data)
def test_json_ld_is_one_script_element_that_holds_exactly_the_data(data):
    page = read_html(json_ld(data))

    assert [(e.tag, e.attrs) for e in page.elements] == [
        ("script", [("type", "application/ld+json")])
    ]
    # No "<" at all: nothing can close the element or open a comment that would hide its end.
    assert "<" not in page.text
    assert json.loads(page.text) == data


# Search snippets ----------------------------------------------------------------------------------

snippet_text = st.lists(
    st.one_of(
        st.sampled_from([*XSS_FRAGMENTS, *MARKDOWN_PIECES, SNIPPET_START, SNIPPET_STOP]),
        st.text(max_size=12),
    ),
    max_size=25,
).map("".join)
query_words = st.lists(
    st.one_of(
        st.sampled_from(["script", "<script>", "onerror", "mark", "&", "javascript:", "alert(1)"]),
        st.text(min_size=1, max_size=10),
    ),
    max_size=3,
)


def _only_bare_marks(html):
    return [(e.tag, e.attrs) for e in read_html(html).elements if (e.tag, e.attrs) != ("mark", [])]


@given(text=snippet_text)
def test_a_marked_snippet_holds_no_markup_but_marks(text):
    html = marked_html(text)

    assert _only_bare_marks(html) == []
    # Every character of the text is shown as text: none of it was read as markup.
    assert read_html(html).text == re.sub(r"[\x02\x03]", "", strip_markdown(text))


@given(text=snippet_text, words=query_words)
def test_a_snippet_around_the_query_words_holds_no_markup_but_marks(text, words):
    assert _only_bare_marks(plain_snippet(text, words)) == []
