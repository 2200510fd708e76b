"""What a reader and an editor see in a real browser: a briefing, the skip link, the admin, draft
previews and the 404 page, and pages that log no console errors."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_a_briefing_shows_its_headings_its_quotes_and_its_faq_closed(
    page, live_server, demo, console_errors
):
    briefing = demo.briefing
    page.goto(live_server.url + briefing.get_absolute_url())

    expect(page.get_by_role("heading", level=1)).to_have_text(briefing.title)
    for heading in (
        "Where the talks stand",
        "The shifting sands of security guarantees",
        "The risks of a bilateral approach",
    ):
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    quote = page.locator("figure.quote").filter(has_text="Today was really about security")
    expect(quote.locator("figcaption")).to_contain_text("Mark Rutte")
    expect(quote.locator(".badge")).to_have_text("Reported")
    expect(quote.get_by_role("link", name=re.compile("^Source: "))).to_be_visible()
    question = page.locator("details.faq-entry summary").filter(
        has_text="What are bilateral security guarantees?"
    )
    expect(question).to_be_visible()
    expect(page.get_by_text("Commitments made by one state to another")).to_be_hidden()
    expect(page.get_by_role("note").first).to_contain_text("Demo site")
    assert console_errors == []


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(
    page, live_server, demo, console_errors
):
    url = live_server.url + demo.briefing.get_absolute_url()
    page.goto(url)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(url + "#main")
    expect(page.locator("main")).to_be_focused()
    assert console_errors == []


def test_a_staff_user_can_sign_in_to_the_admin_and_see_its_index(
    page, live_server, staff, console_errors
):
    page.goto(live_server.url + "/admin/")
    expect(page).to_have_url(live_server.url + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(live_server.url + "/admin/")
    expect(page.get_by_role("heading", name="Knowledge base")).to_be_visible()
    expect(page.get_by_role("link", name="Briefings").first).to_be_visible()
    assert console_errors == []


@pytest.mark.parametrize("which", ["draft", "scheduled"])
def test_staff_preview_an_unpublished_briefing_and_anonymous_readers_get_the_designed_404(
    staff_page, open_page, live_server, demo, console_errors, which
):
    briefing = getattr(demo, which)
    url = live_server.url + briefing.get_absolute_url()

    response = staff_page.goto(url)
    assert response.status == 200
    expect(staff_page.get_by_role("heading", level=1)).to_have_text(briefing.title)
    banner = staff_page.locator(".draft-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Draft preview")
    expect(banner).to_contain_text("Only its writers and the editors can see this page")

    reader = open_page()
    response = reader.goto(url)
    assert response.status == 404
    expect(reader.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(reader.get_by_text(briefing.title)).to_have_count(0)
    expect(reader.locator(".draft-banner")).to_have_count(0)
    # In the site's design: its header, navigation, search box and footer, styled.
    expect(reader.get_by_role("navigation", name="Sections")).to_be_visible()
    expect(reader.get_by_role("search", name="Search the knowledge base")).to_be_visible()
    expect(reader.get_by_role("contentinfo")).to_be_visible()
    position = reader.evaluate("getComputedStyle(document.querySelector('.skip-link')).position")
    assert position == "absolute", "the 404 page is not styled"
    # Chromium logs the 404 status of the page itself; nothing else may be logged.
    assert console_errors == [
        f"Failed to load resource: the server responded with a status of 404 (Not Found) ({url})"
    ]


def test_no_page_of_any_kind_logs_a_console_error(page, live_server, demo, console_errors):
    paths = [
        *demo.paths.values(),
        "/briefings/",
        "/actors/",
        "/topics/",
        "/places/",
        "/search/",
        demo.quote.get_absolute_url(),
        demo.faq_entry.get_absolute_url(),
        "/admin/login/",
    ]
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")

    assert console_errors == []
