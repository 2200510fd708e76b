"""Markdown does bounded work on any text up to a field's limit.

Python-Markdown reads some constructs in time that grows with the square of their length, or
recurses once per level of nesting; `briefings.markdown` bounds each (its docstring says how).
Each case here is a text an attacker could save in their own draft or type into the preview.
The work bound is a generous wall-clock limit per render (`BUDGET`), far above the typical
case (tens of milliseconds), so a busy machine does not fail it and a quadratic path does.
"""

import time

import markdown
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.linking import NameIndex, markdown_prose
from briefings.markdown import (
    MAX_NESTING,
    MarkdownValidator,
    Renderer,
    _sanitise,
    render_markdown,
)
from briefings.models import Briefing
from tests import factories

LIMIT = Briefing._meta.get_field("body").max_length
BUDGET = 4.0  # seconds per render, for any text up to LIMIT; the bounded cases take < 0.5 s


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def filled(unit, size=None):
    """`unit` repeated up to `size` characters (the body's limit by default)."""
    size = size or LIMIT
    return unit * max(1, size // len(unit))


# The constructs the red team found, and their relatives.
CONSTRUCTS = {
    "bracket run": "[",
    "unclosed link targets": "[a](",
    "emphasis and brackets": "*[",
    "setext heading flood": "a\n=\n",
    "heading flood": "# a\n",
    "ordered list nesting": "1. ",
    "bullet nesting": "- ",
    "quote nesting": "> ",
    "quote nesting without spaces": ">",
    "quotes and lists": "- >",
    "indented list nesting": "1.     ",
    "paragraph flood": "a\n\n",
    "list item flood": "- a\n",
    "table rows": "| a | b |\n",
    "reference definitions": "[a]: http://x\n",
    "footnote definitions": "[^a]: x\n",
    "repeated footnote reference": "x[^a] ",
    "footnote reference run": "[^",
    "reference link run": "[a][",
    "emphasis flood": "*a* ",
    "underscore emphasis flood": "_a_ ",
    "inline code flood": "`a` ",
    "line break flood": "a  \n",
    "entity flood": "&amp; ",
    "autolink flood": "<http://a> ",
    "unclosed fences": "```a\n",
    "image targets": "![a](",
}


@pytest.mark.parametrize("unit", CONSTRUCTS.values(), ids=CONSTRUCTS.keys())
def test_each_construct_renders_within_the_budget_at_the_field_limit(unit):
    renderer = Renderer()
    (html, _toc), seconds = timed(renderer, filled(unit))

    assert seconds < BUDGET, f"{seconds:.1f} s"
    assert html  # something is shown: rendered, or plain paragraphs with a reason


def test_the_red_teams_deep_list_is_no_longer_a_server_error():
    html = render_markdown("1. " * 16000)

    assert html.count("<ol>") == MAX_NESTING
    assert "1. 1. 1." in html  # deeper markers are shown as written


def test_nesting_up_to_the_bound_renders_as_written():
    html = render_markdown("> " * MAX_NESTING + "Quoted")

    assert html.count("<blockquote>") == MAX_NESTING
    assert "&gt;" not in html


def test_a_text_with_too_many_blocks_is_shown_plainly_with_a_reason():
    renderer = Renderer()
    html, toc = renderer("Line\n\n" * 3000)

    assert renderer.problem.startswith("This text has more than 2,000 blocks")
    assert html.count("<p>") == 3000
    assert toc == []


def test_a_text_with_too_much_formatting_is_shown_plainly_with_a_reason():
    renderer = Renderer()
    html, _ = renderer(filled("*a* "))

    assert "more formatting than a page can show" in renderer.problem
    assert "<em>" not in html
    assert "*a*" in html


def test_the_validator_refuses_what_can_only_be_shown_plainly():
    with pytest.raises(ValidationError) as refused:
        MarkdownValidator(LIMIT)("Line\n\n" * 3000)

    assert refused.value.code == "too_intricate"
    assert "split it into several texts" in refused.value.messages[0]


def test_the_validator_leaves_the_length_to_the_length_check():
    MarkdownValidator(10)("Line\n\n" * 3000)  # too long: the field's own check says so


def test_a_long_ordinary_article_renders_in_full():
    paragraph = (
        "The **ceasefire** talks in [Istanbul](https://example.org/istanbul) stalled again, "
        "officials said, as _both sides_ traded accusations over the `grain corridor`.[^1]\n\n"
    )
    text = "## Background\n\n" + filled(paragraph, LIMIT - 200) + "[^1]: Reuters, 3 June."
    renderer = Renderer()
    (html, toc), seconds = timed(renderer, text)

    assert renderer.problem is None
    assert seconds < BUDGET
    assert html.count("<strong>ceasefire</strong>") > 100
    assert toc == [{"id": "background", "title": "Background", "level": 2}]


def test_links_keep_working_with_brackets_in_their_text():
    html = render_markdown("See [the [annotated] text](https://example.org/a) here.")

    assert (
        '<a href="https://example.org/a" rel="nofollow noopener">the [annotated] text</a>' in html
    )


def test_a_link_target_longer_than_the_span_stays_text():
    html = render_markdown("[a](https://example.org/" + "x" * 3000 + ")")

    assert "<a " not in html


def test_a_footnote_referenced_many_times_links_the_first_references():
    html = render_markdown("x[^a] " * 100 + "\n\n[^a]: note")

    assert html.count('class="footnote-ref"') == 20
    assert "[^a]" in html


ORDINARY = """Intro
# One
text
Two
---
more
[x]: /topics/x
see [x] and [the [annotated] text](/actors/a "A title").[^1]

1. first
    - nested
        > quoted

```python
x = [1, 2]
```

| a | b |
|---|---|
| *c* | `d` |

[^1]: A note.
"""


def test_ordinary_text_renders_as_python_markdown_renders_it():
    vanilla = markdown.markdown(
        ORDINARY,
        extensions=["tables", "fenced_code", "footnotes", "sane_lists", "toc"],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )

    assert render_markdown(ORDINARY) == _sanitise(
        vanilla.replace("<h1", "<h2").replace("</h1", "</h2")
    )


# Hypothesis: texts built from Markdown's significant characters and constructs, repeated up to
# the field's limit, so that sizes from a few bytes to the limit are tried cheaply.
PIECES = st.sampled_from(
    [
        *"[]()!^*_`~<>#=-+1.:\"' a&|\\\n",
        *["\n\n", "    ", "1. ", "- ", "> ", "[^", "](", "]:", "http://a", "***", "```", "|-"],
    ]
)
UNITS = st.lists(PIECES, min_size=1, max_size=6).map("".join)
TEXTS = st.builds(
    lambda units, count: "".join(units) * count,
    st.lists(UNITS, min_size=1, max_size=3),
    st.integers(min_value=1, max_value=LIMIT),
).map(lambda text: text[:LIMIT])

# Each example may take up to a second on a busy machine: fewer examples than the profile's.
BOUNDED = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@BOUNDED
@given(TEXTS)
def test_any_text_renders_within_the_budget(text):
    renderer = Renderer()
    (html, _toc), seconds = timed(renderer, text)

    assert seconds < BUDGET, f"{seconds:.1f} s for {text[:40]!r}… ({len(text)} characters)"
    assert "<script" not in html


@BOUNDED
@given(TEXTS)
def test_finding_names_in_any_text_is_linear(text):
    index = NameIndex([(1, "Vladimir Putin"), (2, "NATO")])
    _, seconds = timed(lambda: index.counts(markdown_prose(text)))

    assert seconds < BUDGET, f"{seconds:.1f} s for {text[:40]!r}… ({len(text)} characters)"


@pytest.mark.parametrize("unit", ["```\n", "```a\n", "~~~\n```\n", "[a](", "`", "<", "# a\n"])
def test_the_prose_scan_is_linear_on_fences_and_links(unit):
    prose, seconds = timed(markdown_prose, filled(unit))

    assert seconds < BUDGET
    assert len(prose) == len(filled(unit))  # offsets unchanged


# Where a text is saved or previewed: the limits and the reason reach the writer.


@pytest.fixture
def contributor_api(roles):
    from rest_framework.test import APIClient

    from tests.api.conftest import _user_in, authenticate

    user = _user_in("Contributor", username="markdown-contributor")
    return user, authenticate(APIClient(), user)


def patch_body(client, briefing, body):
    return client.patch(
        reverse("api:briefing-detail", args=[briefing.pk]), {"body": body}, format="json"
    )


@pytest.mark.django_db
def test_the_api_refuses_a_body_over_its_limit_naming_the_limit(contributor_api):
    user, client = contributor_api
    draft = factories.BriefingFactory(status="draft", published_at=None, created_by=user)

    response = patch_body(client, draft, "x" * (LIMIT + 1))

    assert response.status_code == 400
    assert "100000 characters" in str(response.json()["errors"]["body"])


@pytest.mark.django_db
def test_the_api_refuses_a_body_too_intricate_to_show_and_keeps_the_old_one(contributor_api):
    user, client = contributor_api
    draft = factories.BriefingFactory(
        status="draft", published_at=None, created_by=user, body="Kept."
    )

    (response, seconds) = timed(patch_body, client, draft, "[" * 6000 + "a\n\n" * 3000)

    assert response.status_code == 400
    assert "more than 2,000 blocks" in str(response.json()["errors"]["body"])
    assert seconds < BUDGET
    draft.refresh_from_db()
    assert draft.body == "Kept."


@pytest.mark.django_db
def test_a_red_team_body_saves_quickly_when_it_can_be_shown(contributor_api):
    user, client = contributor_api
    draft = factories.BriefingFactory(status="draft", published_at=None, created_by=user)

    # The red team's 6,000 brackets (9.4 s before) are refused at once; fewer are shown as written.
    (refused, seconds) = timed(patch_body, client, draft, "[" * 6000)
    assert refused.status_code == 400
    assert "more formatting than a page can show" in str(refused.json()["errors"]["body"])
    assert seconds < BUDGET

    (response, seconds) = timed(patch_body, client, draft, "[" * 2000)

    assert response.status_code == 200, response.content
    assert seconds < BUDGET
    assert response.json()["body_html"] == "<p>" + "[" * 2000 + "</p>"


@pytest.mark.django_db
def test_the_preview_shows_a_too_intricate_text_plainly_and_says_why(client, roles):
    from tests.api.conftest import _user_in

    client.force_login(_user_in("Contributor", username="markdown-previewer"))

    (response, seconds) = timed(
        client.post, reverse("admin:briefings_markdown_preview"), {"text": "*a* " * 25_000}
    )

    assert response.status_code == 200
    assert seconds < BUDGET
    assert "more formatting than a page can show" in response.json()["problem"]
    assert "<em>" not in response.json()["html"]
