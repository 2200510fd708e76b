"""A reader finds their way by links, forms and clicks alone: through a briefing, an actor, the quotes
and search to a feed; to every kind of page from the home page; and with JavaScript off."""

import re
import xml.etree.ElementTree as ET
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_reader_goes_from_the_home_page_through_a_briefing_an_actor_and_the_quotes_to_a_feed(
    page, live_server, demo, console_errors
):
    briefing, actor = demo.briefing, demo.actor

    # Home → the featured briefing.
    page.goto(live_server.url)
    page.get_by_role("link", name=briefing.title, exact=True).first.click()
    expect(page).to_have_url(live_server.url + briefing.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(briefing.title)

    # The table of contents jumps to a section.
    toc_link = page.get_by_role("navigation", name="Contents").locator(".toc-list a").nth(1)
    target = toc_link.get_attribute("href")
    assert target.startswith("#"), target
    heading = page.locator(f"[id='{target[1:]}']")
    expect(heading).not_to_be_in_viewport()
    toc_link.click()
    expect(page).to_have_url(live_server.url + briefing.get_absolute_url() + target)
    expect(heading).to_be_in_viewport()
    assert heading.evaluate("element => element.tagName") in {"H2", "H3"}
    expect(heading).to_have_text(toc_link.inner_text())

    # An FAQ answer opens.
    entry = page.locator("details.faq-entry").first
    answer = entry.locator(".faq-answer")
    expect(entry).not_to_have_attribute("open", re.compile(".*"))
    expect(answer).to_be_hidden()
    entry.locator("summary").click()
    expect(entry).to_have_attribute("open", "")
    expect(answer).to_be_visible()
    expect(page.locator("details.faq-entry[open]")).to_have_count(1)

    # An actor involved in the briefing, with the offices they held.
    page.get_by_role("region", name="Who's involved").get_by_role(
        "link", name=actor.name, exact=True
    ).click()
    expect(page).to_have_url(live_server.url + actor.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(actor.name)
    offices = page.get_by_role("region", name="Offices over time")
    expect(offices).to_be_visible()
    expect(offices.locator("ol.timeline > li").first).to_be_visible()
    expect(offices).to_contain_text("President of Ukraine")

    # The quotes, filtered to the verified ones from the verification facet.
    page.get_by_role("navigation", name="Sections").get_by_role(
        "link", name="Quotes", exact=True
    ).click()
    expect(page).to_have_url(live_server.url + "/quotes/")
    facet = page.get_by_role("navigation", name="Filter by verification status")
    facet.get_by_role("link", name=re.compile(r"^Verified\b")).click()
    expect(page).to_have_url(re.compile(r"[?&]verification=verified(&|$)"))
    expect(facet.locator("[aria-current=true]")).to_contain_text("Verified")
    badges = page.locator(".quote-list .badge")
    expect(badges.first).to_be_visible()
    listed = int(page.locator(".page-header .summary strong").inner_text())
    assert [text.strip() for text in badges.all_text_contents()] == ["Verified"] * listed

    # Search from the header for another spelling of the actor's name.
    header_search = page.get_by_role("search", name="Site search")
    # With JavaScript the box is a combobox offering names as you type; Enter still searches.
    header_search.get_by_role("combobox").fill(demo.alias)
    header_search.get_by_role("combobox").press("Enter")
    expect(page).to_have_url(re.compile(rf"/search/\?q={demo.alias}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(demo.alias)
    actor_results = page.locator(".result--actor")
    expect(actor_results.get_by_role("link", name=actor.name, exact=True)).to_be_visible()

    # The Atom feed named in the footer (and announced in the head) lists briefings.
    feed_link = page.get_by_role("contentinfo").get_by_role("link", name="Atom feed")
    href = feed_link.get_attribute("href")
    announced = page.locator("head link[rel=alternate][type='application/atom+xml']")
    expect(announced).to_have_attribute("href", href)
    response = page.request.get(urljoin(page.url, href))
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.body())
    assert feed.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert briefing.title in titles
    assert demo.draft.title not in titles

    assert console_errors == []


class _PageParser(HTMLParser):
    """The links and the number of h1 elements in a page."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.h1_count = 0

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.links.append(href)
        elif tag == "h1":
            self.h1_count += 1


NOT_CRAWLED = ("/admin/", "/api/", "/static/", "/feeds/")
CRAWL_LIMIT = 150
PAGE_KINDS = {
    "briefing_list",
    "briefing_detail",
    "actor_list",
    "actor_detail",
    "topic_list",
    "topic_detail",
    "place_list",
    "place_detail",
    "quote_list",
    "quote_detail",
    "faq_list",
    "faq_detail",
    "search",
}


def _kind(url):
    try:
        return resolve(urlsplit(url).path).url_name
    except Resolver404:
        return None


def test_a_reader_can_reach_every_kind_of_page_from_the_home_page_by_links_alone(
    page, live_server, demo, console_errors
):
    origin = live_server.url
    home = origin + "/"
    page.goto(home)
    # Breadth-first, pages before their filtered and paginated variants (links with a query
    # string), which would otherwise use up the limit before the deeper kinds of page.
    pages, variants, found_on = deque([home]), deque(), {home: None}
    kinds, errors, not_one_h1 = set(), [], []
    crawled = 0
    while (pages or variants) and crawled < CRAWL_LIMIT:
        url = (pages or variants).popleft()
        crawled += 1
        response = page.request.get(url)
        if response.status >= 400:
            errors.append(f"{response.status} {url} (linked from {found_on[url]})")
            continue
        kinds.add(_kind(url))
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        parser = _PageParser()
        parser.feed(response.text())
        if parser.h1_count != 1:
            not_one_h1.append(f"{parser.h1_count} × h1 on {url}")
        for href in parser.links:
            link = urldefrag(urljoin(url, href)).url
            same_origin = link.startswith(origin + "/")
            crawlable = same_origin and not link.removeprefix(origin).startswith(NOT_CRAWLED)
            if crawlable and link not in found_on:
                found_on[link] = url
                (variants if urlsplit(link).query else pages).append(link)

    print(f"crawled {crawled} of the {len(found_on)} addresses found")
    assert not pages, f"the limit of {CRAWL_LIMIT} stopped the crawl before some unfiltered pages"
    assert errors == [], "links lead to error pages"
    assert not_one_h1 == [], "pages without exactly one h1"
    assert PAGE_KINDS - kinds == set(), f"not reached from the home page (reached: {kinds})"
    assert console_errors == []


def test_a_reader_without_javascript_can_search_and_filter_the_briefings(
    open_page, live_server, demo, console_errors
):
    page = open_page(java_script_enabled=False)
    page.goto(live_server.url)

    header_search = page.get_by_role("search", name="Site search")
    header_search.get_by_role("searchbox").fill(demo.alias)
    header_search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(rf"/search/\?q={demo.alias}$"))
    actor_results = page.locator(".result--actor")
    expect(actor_results.get_by_role("link", name=demo.actor.name, exact=True)).to_be_visible()

    page.get_by_role("navigation", name="Sections").get_by_role(
        "link", name="Briefings", exact=True
    ).click()
    expect(page).to_have_url(live_server.url + "/briefings/")
    total = int(page.locator(".page-header .summary strong").inner_text())
    page.get_by_role("navigation", name="Filter by topic").get_by_role(
        "link", name=re.compile(rf"^{demo.topic.name}\b")
    ).click()
    expect(page).to_have_url(re.compile(rf"\?topic={demo.topic.slug}$"))
    expect(page.locator(".page-header .summary")).to_contain_text(f"on {demo.topic.name}")
    expect(page.get_by_role("list", name="Active filters")).to_contain_text(demo.topic.name)
    cards = page.locator(".card-list .card")
    filtered = int(page.locator(".page-header .summary strong").inner_text())
    assert 0 < filtered < total
    expect(cards).to_have_count(filtered)
    expect(cards.get_by_role("link", name=demo.topic.name, exact=True)).to_have_count(filtered)
    assert console_errors == []
