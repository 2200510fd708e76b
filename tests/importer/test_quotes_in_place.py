"""Pull quotes placed in the body: `[quote:N]` renders as a slot, the importer leaves one where
the author put a pull quote, the reader page shows the quote's card there, and the exporter
writes it back in place."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from briefings.importer.export import export_markdown
from briefings.importer.service import import_briefing
from briefings.markdown import QUOTE_REFERENCE, placed_quotes, render_markdown
from briefings.models import Briefing, Quote
from briefings.services.briefings import briefing_publish
from tests import factories

pytestmark = pytest.mark.django_db

BEFORE = "Escort missions started in May, with three navies."
AFTER = "Each navy escorts ships under its own flag first."
PULL_QUOTE = "The escorts are a signal as much as a shield."
LISTED = ["Insurers now price the strait like a war zone.", "We will keep the sea lanes open."]

ARTICLE = f"""\
---
title: Escorts in the Gulf
type: analysis
---

Navies are escorting tankers again, and insurers are watching.

## Who escorts whom

{BEFORE}

> {PULL_QUOTE}
>
> — Mark Rutte, NATO chief

{AFTER}

## Quotes

> {LISTED[0]}
>
> — Jane Doe, Analyst

> {LISTED[1]}
>
> — Mark Rutte

## Frequently asked questions

### How long will escorts last?

Until insurers return, officials say.
"""


def slot(pk):
    return f'<div class="quote-slot" data-quote="{pk}"></div>'


def card(pk):
    return f'<figure class="quote" id="quote-{pk}">'


def linked_quotes(briefing):
    return [link.quote for link in briefing.quote_links.order_by("order", "pk")]


def imported(editor, text=ARTICLE):
    report = import_briefing(text, by=editor)
    return Briefing.objects.get(pk=report.briefing.pk)


def published(editor, text=ARTICLE):
    briefing = imported(editor, text)
    briefing_publish(briefing=briefing, by=editor)
    briefing.refresh_from_db()
    return briefing


def page(client, briefing):
    response = client.get(briefing.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def bottom_list(html):
    """The part of the page from the "Quotes in this briefing" section on."""
    return html[html.index('id="section-quotes"') :]


# Rendering ------------------------------------------------------------------------------------


def test_a_paragraph_that_is_only_a_quote_reference_renders_as_a_slot_between_its_neighbours():
    html = render_markdown("Before it.\n\n[quote:42]\n\nAfter it.")

    assert html == f"<p>Before it.</p>\n{slot(42)}\n<p>After it.</p>"
    assert placed_quotes(html) == [42]


@pytest.mark.parametrize(
    "text",
    [
        "As [quote:42] says, the talks go on.",
        "[quote:42]\nand a second line in the same paragraph",
        "- [quote:42]\n- another item",
        "- An item\n\n    [quote:42]",
        "> [quote:42]",
    ],
    ids=["in a sentence", "with more text", "a list item", "in a loose list item", "quoted"],
)
def test_a_quote_reference_anywhere_but_alone_at_the_top_level_stays_text(text):
    html = render_markdown(text)

    assert "quote-slot" not in html
    assert "[quote:42]" in html
    assert placed_quotes(html) == []


# Import ---------------------------------------------------------------------------------------


def test_a_pull_quote_mid_section_is_stored_and_its_place_kept_as_a_reference(editor):
    briefing = imported(editor)

    stored = Quote.objects.get(text=PULL_QUOTE)
    assert stored.speaker.name == "Mark Rutte"
    assert stored in linked_quotes(briefing)
    assert f"{BEFORE}\n\n[quote:{stored.pk}]\n\n{AFTER}" in briefing.body
    assert slot(stored.pk) in briefing.body_html


def test_a_final_quotes_section_leaves_neither_a_reference_nor_a_heading_in_the_body(editor):
    briefing = imported(editor)

    placed = Quote.objects.get(text=PULL_QUOTE)
    assert [int(pk) for pk in QUOTE_REFERENCE.findall(briefing.body)] == [placed.pk]
    assert [heading["title"] for heading in briefing.body_toc] == ["Who escorts whom"]
    assert "Quotes" not in briefing.body
    for text in LISTED:
        assert text not in briefing.body
    # Still the briefing's quotes, in the author's order.
    assert [quote.text for quote in linked_quotes(briefing)] == [PULL_QUOTE, *LISTED]


# The reader page ------------------------------------------------------------------------------


def test_the_briefing_page_shows_a_placed_quote_where_the_author_put_it(client, editor):
    briefing = published(editor)
    placed = Quote.objects.get(text=PULL_QUOTE)

    html = page(client, briefing)

    assert html.count(card(placed.pk)) == 1
    assert html.index(BEFORE) < html.index(card(placed.pk)) < html.index(AFTER)
    assert html.index(card(placed.pk)) < html.index(PULL_QUOTE) < html.index(AFTER)
    assert "quote-slot" not in html


def test_the_bottom_list_has_only_the_other_quotes_under_more_quotes(client, editor):
    briefing = published(editor)
    placed = Quote.objects.get(text=PULL_QUOTE)
    others = [Quote.objects.get(text=text) for text in LISTED]

    html = page(client, briefing)

    listed = bottom_list(html)
    assert "More quotes in this briefing" in listed
    assert card(placed.pk) not in listed and PULL_QUOTE not in listed
    positions = [listed.index(card(quote.pk)) for quote in others]
    assert positions == sorted(positions)
    assert '<a href="#section-quotes">More quotes</a>' in html


def test_a_briefing_with_every_quote_placed_has_no_bottom_list(client, editor):
    briefing = published(editor, ARTICLE.split("## Quotes")[0])

    html = page(client, briefing)

    assert card(Quote.objects.get(text=PULL_QUOTE).pk) in html
    assert 'id="section-quotes"' not in html
    assert 'href="#section-quotes"' not in html


def test_a_reference_to_a_quote_the_briefing_does_not_use_shows_nothing(client):
    elsewhere = factories.QuoteFactory(text="Said in another briefing entirely.")
    factories.BriefingQuoteFactory(quote=elsewhere)
    briefing = factories.BriefingFactory(
        body=f"Before it.\n\n[quote:{elsewhere.pk}]\n\n[quote:999999999]\n\nAfter it."
    )
    listed = factories.BriefingQuoteFactory(briefing=briefing).quote

    html = page(client, briefing)

    assert "quote-slot" not in html and 'data-quote="' not in html
    assert card(elsewhere.pk) not in html and elsewhere.text not in html
    assert "<p>Before it.</p>" in html and "<p>After it.</p>" in html
    # Nothing was placed: the briefing's own quote is listed under the usual title.
    assert card(listed.pk) in bottom_list(html)
    assert "Quotes in this briefing" in html and "More quotes" not in html


def test_a_briefing_without_placed_quotes_keeps_its_quotes_title(client):
    briefing = factories.BriefingFactory()
    quote = factories.BriefingQuoteFactory(briefing=briefing).quote

    html = page(client, briefing)

    assert card(quote.pk) in bottom_list(html)
    assert '<h2 id="section-quotes" class="section-title">Quotes in this briefing</h2>' in html
    assert '<a href="#section-quotes">Quotes</a>' in html
    assert "More quotes" not in html


# Export ---------------------------------------------------------------------------------------


def test_the_export_writes_a_placed_quote_back_in_place_and_the_others_under_quotes(editor):
    markdown = export_markdown(imported(editor))

    assert (
        f"{BEFORE}\n\n> {PULL_QUOTE}\n>\n> — Mark Rutte, NATO chief\n\n{AFTER}\n\n## Quotes\n\n"
        f"> {LISTED[0]}\n>\n> — Jane Doe, Analyst\n\n> {LISTED[1]}\n>\n> — Mark Rutte\n\n"
        "## Frequently asked questions"
    ) in markdown
    assert markdown.count(PULL_QUOTE) == 1
    assert "[quote:" not in markdown


def test_an_exported_briefing_with_a_placed_quote_imports_back_the_same(editor):
    original = imported(editor)

    report = import_briefing(export_markdown(original), by=editor)

    copy = Briefing.objects.get(pk=report.briefing.pk)
    assert copy.slug == f"{original.slug}-2"
    assert (
        f"The address “{original.slug}” is taken; the import uses “{original.slug}-2”."
        in report.warnings
    )
    for name in ("title", "standfirst", "body", "body_html"):
        assert getattr(copy, name) == getattr(original, name), name
    assert f"[quote:{Quote.objects.get(text=PULL_QUOTE).pk}]" in copy.body
    assert linked_quotes(copy) == linked_quotes(original)  # the very same stored quotes
    assert [(e.question, e.answer) for e in copy.faq_entries.order_by("order", "pk")] == [
        (e.question, e.answer) for e in original.faq_entries.order_by("order", "pk")
    ]
    assert Quote.objects.count() == 3


# The API --------------------------------------------------------------------------------------


def test_the_api_body_html_keeps_the_slot_for_clients_to_fill_from_the_quotes(editor):
    briefing = published(editor)
    placed = Quote.objects.get(text=PULL_QUOTE)

    response = APIClient().get(reverse("api:briefing-detail", args=[briefing.pk]))

    assert response.status_code == 200
    body = response.json()
    assert slot(placed.pk) in body["body_html"]
    assert placed_quotes(body["body_html"]) == [placed.pk]
    assert placed.pk in [quote["id"] for quote in body["quotes"]]


# Query count ----------------------------------------------------------------------------------


def _briefing_placing(count):
    """A published briefing whose body places `count` quotes, each by a speaker of its own."""
    quotes = [factories.QuoteFactory() for _ in range(count)]
    body = "\n\n".join(f"Paragraph {n}.\n\n[quote:{quote.pk}]" for n, quote in enumerate(quotes))
    briefing = factories.BriefingFactory(body=f"## A section\n\n{body}\n\nThe end.")
    for order, quote in enumerate(quotes):
        factories.BriefingQuoteFactory(briefing=briefing, quote=quote, order=order)
    return briefing


def _queries(client, briefing):
    with CaptureQueriesContext(connection) as queries:
        html = page(client, briefing)
    assert "quote-slot" not in html
    assert html.count('<figure class="quote"') == len(linked_quotes(briefing))
    return len(queries)


def test_the_briefing_page_costs_the_same_queries_for_one_placed_quote_as_for_three(client):
    one, three = _briefing_placing(1), _briefing_placing(3)
    page(client, factories.BriefingFactory())  # whatever a first request costs once

    assert _queries(client, three) == _queries(client, one)
