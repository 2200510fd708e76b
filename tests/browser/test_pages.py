"""What a reader and an editor see in a real browser: pages, links, the admin login, no console errors."""

import datetime

import pytest
from playwright.sync_api import expect

from briefings.models import Quote
from tests import factories

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
BODY = """## The shifting sands of security guarantees

Where NATO membership once seemed the only credible promise, capitals now discuss bilateral pledges.

## The risks of a bilateral approach

A web of bilateral pledges is quicker to build than a treaty, and easier to unpick.
"""


@pytest.fixture
def briefing(transactional_db):
    """A public briefing with sections, a quote by an office holder, an FAQ entry and a topic."""
    briefing = factories.BriefingFactory(
        title="Ukraine peace talks and the new security landscape",
        standfirst="Security guarantees are the crux of any ceasefire.",
        body=BODY,
    )
    briefing.topics.add(factories.TopicFactory(name="Security guarantees"))
    briefing.places.add(factories.PlaceFactory(name="Ukraine"))
    tenure = factories.TenureFactory(
        actor=factories.ActorFactory(name="Mark Rutte"),
        office=factories.OfficeFactory(title="NATO Secretary General"),
        started_on=datetime.date(2024, 10, 1),
    )
    quote = factories.QuoteFactory(
        text="Today was really about security guarantees.",
        speaker=tenure.actor,
        tenure=tenure,
        said_on=datetime.date(2025, 8, 18),
        source=factories.SourceFactory(),
        verification=Quote.Verification.VERIFIED,
    )
    factories.BriefingQuoteFactory(briefing=briefing, quote=quote)
    factories.BriefingActorFactory(briefing=briefing, actor=tenure.actor)
    factories.FAQEntryFactory(
        briefing=briefing,
        question="What are bilateral security guarantees?",
        answer="Promises by one state to help defend another, outside a treaty.",
    )
    factories.CorrectionFactory(briefing=briefing)
    return briefing


@pytest.fixture
def draft(transactional_db):
    return factories.BriefingFactory(
        title="A draft nobody may see yet", status="draft", published_at=None
    )


def test_the_home_page_shows_the_published_briefing_and_not_the_draft(
    page, live_server, briefing, draft
):
    page.goto(live_server.url)

    expect(page.get_by_role("link", name=briefing.title)).to_be_visible()
    expect(page.get_by_text(draft.title)).to_have_count(0)
    expect(page.get_by_role("note")).to_contain_text("Demo site")


def test_clicking_a_briefing_opens_its_page_with_its_headings_a_quote_and_the_faq(
    page, live_server, briefing
):
    page.goto(live_server.url)
    page.get_by_role("link", name=briefing.title).click()

    expect(page).to_have_url(live_server.url + briefing.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(briefing.title)
    for heading in (
        "The shifting sands of security guarantees",
        "The risks of a bilateral approach",
    ):
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    quote = page.locator("figure.quote")
    expect(quote.locator("blockquote")).to_contain_text("Today was really about security")
    expect(quote.locator("figcaption")).to_contain_text("Mark Rutte, NATO Secretary General")
    expect(quote.locator(".badge")).to_have_text("Verified")
    expect(
        page.get_by_role("heading", name="What are bilateral security guarantees?")
    ).to_be_visible()
    expect(page.get_by_text("Promises by one state to help defend another")).to_be_visible()


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(
    page, live_server, briefing
):
    page.goto(live_server.url + briefing.get_absolute_url())

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + briefing.get_absolute_url() + "#main")


def test_a_staff_user_can_sign_in_to_the_admin_and_see_its_index(
    page, live_server, transactional_db
):
    user = factories.UserFactory(is_staff=True, is_superuser=True)

    page.goto(live_server.url + "/admin/")
    expect(page).to_have_url(live_server.url + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(live_server.url + "/admin/")
    expect(page.get_by_role("heading", name="Knowledge base")).to_be_visible()
    expect(page.get_by_role("link", name="Briefings").first).to_be_visible()


def test_no_public_page_logs_a_console_error(page, live_server, briefing, console_errors):
    quote = briefing.quotes.get()
    urls = [
        "/",
        briefing.get_absolute_url(),
        quote.speaker.get_absolute_url(),
        briefing.topics.get().get_absolute_url(),
        briefing.places.get().get_absolute_url(),
        quote.get_absolute_url(),
        briefing.faq_entries.get().get_absolute_url(),
        "/admin/login/",
    ]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        page.wait_for_load_state("load")

    assert console_errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_home_and_a_briefing_fit_the_screen_at_desktop_and_phone_widths(
    page, live_server, briefing, artifacts, width
):
    page.set_viewport_size({"width": width, "height": 900})
    for name, url in [("home", "/"), ("briefing", briefing.get_absolute_url())]:
        page.goto(live_server.url + url)
        page.screenshot(path=artifacts / f"{name}-{width}.png", full_page=True)

        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways at {width}px"
        stylesheet_applied = page.evaluate(
            "getComputedStyle(document.querySelector('.skip-link')).position"
        )
        assert stylesheet_applied == "absolute"
