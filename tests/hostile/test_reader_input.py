"""Hostile input on the reader pages and the API's filters: no 500, and every refusal explains itself.

Regressions from issue 16 first (search syntax that reduces to nothing, years out of range,
Unicode digits, control characters in snippets, snippet patterns that backtracked), then a fuzz
pass over every reader URL with hostile query strings.
"""

import re
import time

import pytest
from django.urls import URLPattern, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.models import Briefing, Quote
from briefings.search import Filters, search, vectors
from briefings.search.engine import plain_snippet, strip_markdown
from reader import urls as reader_urls
from tests import factories

pytestmark = pytest.mark.django_db

# What a list's own empty state and the year's message say (the wording lives in the templates
# and in briefings.filters; these are the parts a reader would notice).
NO_BRIEFINGS = "No briefings match these filters"
NO_QUOTES = "No quotes match these filters"
YEAR_MESSAGE = "Enter a year from 1 to 9999."
NOTHING_TO_SEARCH = "add a word to search for"

OUT_OF_RANGE_YEARS = ["0", "-1", "10000", "99999999999999999999", "2025.5", "1e3"]
UNICODE_DIGITS = ["²", "٣", "５", "٢٠٢٥", "２０２５"]
OPERATORS_ONLY = [
    "-russia",
    "or",
    '"',
    '""',
    "-",
    "OR",
    '-"security guarantees"',
    "- -",
    "*",
    "|",
    "&",
    "!",
    ":",
]


@pytest.fixture
def world(db):
    """One of everything a reader URL can name, public, linked together."""
    topic = factories.TopicFactory(name="Security", slug="security")
    place = factories.PlaceFactory(name="Ukraine", slug="ukraine")
    actor = factories.ActorFactory(name="Kaja Kallas", slug="kaja-kallas")
    briefing = factories.BriefingFactory(
        title="Russia and the security of Europe", slug="russia-security"
    )
    briefing.topics.add(topic)
    briefing.places.add(place)
    factories.BriefingActorFactory(briefing=briefing, actor=actor)
    quote = factories.QuoteFactory(speaker=actor, text="Russia must not win this war.")
    factories.BriefingQuoteFactory(briefing=briefing, quote=quote)
    faq = factories.FAQEntryFactory(briefing=briefing, question="Will Russia negotiate?")
    faq.topics.add(topic)
    factories.CorrectionFactory(briefing=briefing)
    vectors.rebuild_search_vectors()
    return {
        "briefing": briefing,
        "topic": topic,
        "place": place,
        "actor": actor,
        "quote": quote,
        "faq": faq,
    }


def text_of(response):
    return response.content.decode()


def visible_text(response):
    """The page's text as a reader sees it: no tags, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", text_of(response)).split())


# -- Search syntax that reduces to nothing ------------------------------------------------------


def test_a_search_of_operators_only_shows_a_hint_not_an_error(client, world):
    for query in OPERATORS_ONLY:
        response = client.get(reverse("briefings:search"), {"q": query})

        assert response.status_code == 200, query
        assert NOTHING_TO_SEARCH in text_of(response), query
        assert list(response.context["hits"]) == [], query


def test_the_search_api_answers_operators_only_with_an_empty_list_and_a_hint(client, world):
    for query in OPERATORS_ONLY:
        response = client.get("/api/v1/search/", {"q": query})

        assert response.status_code == 200, query
        body = response.json()
        assert body["count"] == 0 and body["results"] == [], query
        assert NOTHING_TO_SEARCH in body["hint"], query


def test_a_search_with_a_word_has_no_hint(client, world):
    body = client.get("/api/v1/search/", {"q": "russia -oil"}).json()
    assert body["count"] > 0 and body["hint"] == ""
    response = client.get(reverse("briefings:search"), {"q": "russia -oil"})
    assert NOTHING_TO_SEARCH not in text_of(response)
    assert world["briefing"].title in text_of(response)


def test_q_of_operators_only_on_an_api_list_is_an_empty_list(client, world):
    for url in ("/api/v1/briefings/", "/api/v1/actors/", "/api/v1/quotes/", "/api/v1/faqs/"):
        for query in OPERATORS_ONLY:
            response = client.get(url, {"q": query})
            assert response.status_code == 200, (url, query)
            assert response.json()["results"] == [], (url, query)


# -- Years out of range, and one rule for them on every surface ---------------------------------


@pytest.mark.parametrize(
    ("url_name", "empty"),
    [("briefings:briefing_list", NO_BRIEFINGS), ("briefings:quote_list", NO_QUOTES)],
)
def test_a_year_out_of_range_shows_the_lists_empty_state_naming_it(client, world, url_name, empty):
    for year in [*OUT_OF_RANGE_YEARS, *UNICODE_DIGITS]:
        response = client.get(reverse(url_name), {"year": year})

        content = visible_text(response)
        assert response.status_code == 200, year
        assert empty in content, year
        # The filter's chip names the value and says what to enter instead.
        assert f"Year: “{year}” (enter a year from 1 to 9999)" in content, year
        assert world["briefing"].title not in content, year


@pytest.mark.parametrize("url", ["/api/v1/briefings/", "/api/v1/quotes/", "/api/v1/search/"])
def test_the_api_refuses_a_year_out_of_range_with_the_same_message(client, world, url):
    for year in [*OUT_OF_RANGE_YEARS, *UNICODE_DIGITS]:
        response = client.get(url, {"year": year, "q": "russia"})

        assert response.status_code == 400, year
        assert response.json()["errors"]["year"] == [YEAR_MESSAGE], year


def test_the_search_page_leaves_out_a_year_out_of_range_and_says_so(client, world):
    for year in [*OUT_OF_RANGE_YEARS, *UNICODE_DIGITS]:
        response = client.get(reverse("briefings:search"), {"q": "russia", "year": year})

        assert response.status_code == 200, year
        assert "could not be read (year)" in text_of(response), year
        assert world["briefing"].title in text_of(response), year


def test_years_at_the_ends_of_the_range_are_accepted_everywhere(client, world):
    year = world["briefing"].published_at.year
    for value in ("", "1", "9999", str(year)):  # an empty year is no filter
        for url in (reverse("briefings:briefing_list"), reverse("briefings:quote_list")):
            response = client.get(url, {"year": value})
            assert response.status_code == 200 and not response.context["filter"].errors
        for url in ("/api/v1/briefings/", "/api/v1/quotes/", "/api/v1/search/"):
            assert client.get(url, {"q": "russia", "year": value}).status_code == 200
    listed = client.get(reverse("briefings:briefing_list"), {"year": str(year)}).context
    assert list(listed["briefings"]) == [world["briefing"]]
    body = client.get("/api/v1/briefings/", {"year": year}).json()
    assert [b["slug"] for b in body["results"]] == [world["briefing"].slug]


# -- Unicode digits -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/v1/corrections/", "/api/v1/faqs/", "/api/v1/quotes/"])
def test_a_briefing_filter_in_unicode_digits_is_refused_with_a_reason(client, world, url):
    for value in UNICODE_DIGITS:
        response = client.get(url, {"briefing": value})

        assert response.status_code == 400, value
        assert "id (digits 0-9) or its slug" in response.json()["errors"]["briefing"][0]


def test_a_briefing_filter_takes_an_id_or_a_slug(client, world):
    briefing = world["briefing"]
    for value in (str(briefing.pk), briefing.slug):
        assert client.get("/api/v1/corrections/", {"briefing": value}).json()["count"] == 1
    assert client.get("/api/v1/corrections/", {"briefing": "9" * 30}).json()["count"] == 0


def test_a_search_page_number_in_any_digits_is_not_an_error(client, world):
    for page in [*UNICODE_DIGITS, "-1", "0", "9" * 30, "9" * 5000]:
        response = client.get(reverse("briefings:search"), {"q": "russia", "page": page})
        assert response.status_code == 200, page
        # The API's pages are strict: a page that is not one is a 404, as on every list.
        response = client.get("/api/v1/search/", {"q": "russia", "page": page})
        assert response.status_code in (200, 404), page


def test_the_admins_year_said_filter_ignores_a_value_that_is_no_year(client, editor, world):
    client.force_login(editor)
    for value in [*UNICODE_DIGITS, "0", "99999999999999999999"]:
        response = client.get(reverse("admin:briefings_quote_changelist"), {"year": value})
        assert response.status_code == 200, value
        assert world["quote"].text in text_of(response), value


# -- Snippets -----------------------------------------------------------------------------------


def store_without_saving(model, pk, **fields):
    """Write text as an old row or a bulk write may hold it: no `save()` cleans it."""
    model.objects.filter(pk=pk).update(**fields)
    vectors.refresh(model._meta.model_name.replace("faqentry", "faq"), [pk])


def test_control_characters_in_stored_text_never_become_marks(client, world):
    briefing, quote = world["briefing"], world["quote"]
    store_without_saving(
        Briefing, briefing.pk, body="Russia \x02weighs\x03 its \x03options\x02 carefully."
    )
    store_without_saving(Quote, quote.pk, text="Russia \x02must\x03 not win \x03this\x02 war.")

    hits = search("russia", Filters())[:20]
    snippets = {hit.type: str(hit.snippet) for hit in hits}
    for kind in ("briefing", "quote"):
        assert snippets[kind].count("<mark>") == snippets[kind].count("</mark>") == 1, snippets
        assert "<mark>Russia</mark>" in snippets[kind]
    page = text_of(client.get(reverse("briefings:search"), {"q": "russia"}))
    assert "<mark>weighs</mark>" not in page and "<mark>must</mark>" not in page


HOSTILE_MARKDOWN = {
    "brackets": "[" * 100_000,
    "link openings": "](" * 50_000,
    "stars": "*" * 100_000,
    "headings": "#" * 100_000,
    "spaces": " " * 100_000,
    "newlines": "\n" * 100_000,
    "blank lines of spaces": " \n" * 50_000,
    "list markers": "- " * 50_000,
    "quotes": "> " * 50_000,
    "mixed": "[*# \n](" * 15_000,
}


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN.values(), ids=HOSTILE_MARKDOWN.keys())
def test_snippets_are_cut_in_linear_time_from_any_text(text):
    # Typically a few milliseconds; a pattern that backtracks takes minutes here.
    started = time.perf_counter()
    strip_markdown(text)
    plain_snippet(text + " russia " + text, ["russia"])
    assert time.perf_counter() - started < 3


BODY_LIMIT = 100_000  # Briefing.body's max_length: the longest text a snippet is cut from
MARKDOWN_PIECES = ["[", "]", "(", ")", "](", "*", "_", "`", "#", ">", "-", "+", "|", " ", "\n", "a"]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    derandomize=True,  # the same texts on every run: a failure here is reproducible
)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), min_size=1, max_size=8))
def test_snippets_are_cut_in_linear_time_from_any_repeated_construct(pieces):
    unit = "".join(pieces)
    text = unit * (BODY_LIMIT // len(unit))
    started = time.perf_counter()
    plain_snippet(text, ["russia", "a"])
    assert time.perf_counter() - started < 3


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.text(alphabet="[]()*_#>-+|` \n\t\x02\x03ab", max_size=400))
def test_a_snippet_marks_only_the_words_searched_for(text):
    html = str(plain_snippet(text + " russia", ["russia"]))
    assert html.count("<mark>") == html.count("</mark>") >= 1
    assert "\x02" not in html and "\x03" not in html


# -- Every reader URL, with hostile query strings -----------------------------------------------

HOSTILE_VALUES = [
    "",
    "x" * 10_000,
    "9" * 10_000,
    *UNICODE_DIGITS[:3],
    "0",
    "-1",
    "99999999999999999999",
    '-|&!:*"',
    "\x00",
    "a\x00b",
    "\x02\x03\x1b[31m",
]
# What each reader page reads from the query string (grep request.GET and the filtersets).
READ_BY = {
    "briefing_list": ["topic", "place", "actor", "type", "year", "page"],
    "quote_list": ["speaker", "topic", "verification", "year", "page"],
    "faq_list": ["topic", "place", "general", "page"],
    "search": ["q", "type", "topic", "place", "year", "speaker", "page"],
    "actor_detail": ["page"],
}
PARAMETERS = sorted({name for names in READ_BY.values() for name in names})
# Which sample object fills a route's arguments, by route name.
ARGUMENTS = {
    "briefing_detail": ("briefing", "slug"),
    "actor_detail": ("actor", "slug"),
    "topic_detail": ("topic", "slug"),
    "place_detail": ("place", "slug"),
    "quote_detail": ("quote", "pk"),
    "faq_detail": ("faq", "pk"),
    "topic_feed": ("topic", "slug"),
    "topic_feed_rss": ("topic", "slug"),
    "actor_feed": ("actor", "slug"),
    "actor_feed_rss": ("actor", "slug"),
}


def reader_urls_for(world):
    """{route name: a URL of it}, for every route in reader/urls.py."""
    urls = {}
    for pattern in reader_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        kwargs = {}
        if pattern.pattern.converters:
            assert pattern.name in ARGUMENTS, f"add sample arguments for {pattern.name}"
            sample, attribute = ARGUMENTS[pattern.name]
            kwargs = {
                name: getattr(world[sample], attribute) for name in pattern.pattern.converters
            }
        urls[pattern.name] = reverse(f"briefings:{pattern.name}", kwargs=kwargs)
    return urls


class ServerErrors:
    """Requests through the test client, keeping every one that answered 5xx."""

    def __init__(self, client):
        self.client = client
        client.raise_request_exception = False
        self.found = []

    def get(self, url, params):
        response = self.client.get(url, params)
        if response.status_code >= 500:
            shown = {
                name: value[:12] + ("…" if len(value) > 12 else "")
                for name, value in params.items()
            }
            self.found.append(f"{response.status_code} {url} {shown}")


def test_no_hostile_query_string_gives_a_server_error_on_any_reader_url(client, world):
    urls = reader_urls_for(world)
    errors = ServerErrors(client)
    for url in urls.values():
        # Every parameter at once, each with another value: pages must ignore what they do not read.
        for shift in (0, len(HOSTILE_VALUES) // 2):
            errors.get(
                url,
                {
                    name: HOSTILE_VALUES[(i + shift) % len(HOSTILE_VALUES)]
                    for i, name in enumerate(PARAMETERS)
                },
            )
    # One parameter at a time: a filterset refuses every filter when one is bad, which would
    # hide what another does with its value.
    for name, parameters in READ_BY.items():
        if name == "search":
            continue
        for parameter in parameters:
            for value in HOSTILE_VALUES:
                errors.get(urls[name], {parameter: value})
    # The search form reads each field on its own and leaves out a bad one: all at once.
    for value in HOSTILE_VALUES:
        errors.get(urls["search"], {**dict.fromkeys(READ_BY["search"], value), "q": "russia"})
    for query in [*HOSTILE_VALUES, *OPERATORS_ONLY]:
        errors.get(urls["search"], {"q": query, "year": "2025", "page": "2"})
    assert errors.found == []


# The API's filters that read numbers, ids or search syntax, with the same values.
API_READS = {
    "/api/v1/search/": ["q", "type", "year", "speaker", "page", "page_size"],
    "/api/v1/search/autocomplete/": ["q"],
    "/api/v1/briefings/": ["q", "year", "topic", "page", "ordering"],
    "/api/v1/quotes/": ["q", "year", "briefing"],
    "/api/v1/faqs/": ["q", "briefing"],
    "/api/v1/corrections/": ["briefing"],
    "/api/v1/actors/": ["q", "office"],
}


def test_no_hostile_filter_gives_a_server_error_on_the_api(client, world):
    errors = ServerErrors(client)
    for url, parameters in API_READS.items():
        for parameter in parameters:
            for value in HOSTILE_VALUES:
                params = {parameter: value}
                if "search" in url and parameter != "q":
                    params["q"] = "russia"
                errors.get(url, params)
    assert errors.found == []
