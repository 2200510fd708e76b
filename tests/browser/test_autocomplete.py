"""The search boxes suggest actors, briefings and more as a reader types, from the autocomplete
endpoint, and can be driven by keyboard or mouse like an ARIA 1.2 combobox; Enter without a
suggestion chosen still runs the full search."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

AUTOCOMPLETE = "/api/v1/search/autocomplete/"
# The header's compact box (on every page) and the search page's own box.
BOXES = {"header": ("/", "Site search"), "search page": ("/search/", "Search the knowledge base")}


def _box(page, form_label):
    return page.get_by_role("search", name=form_label).get_by_role("combobox")


def _listbox(page, box):
    return page.locator("#" + box.get_attribute("aria-controls"))


def _type_and_wait_for_suggestions(page, box, text):
    """Types like a person, then waits for the list that answers the whole box's text."""
    query = box.input_value() + text
    with page.expect_response(
        lambda response: AUTOCOMPLETE in response.url and response.url.endswith("q=" + query)
    ):
        box.press_sequentially(text, delay=40)
    listbox = _listbox(page, box)
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    return listbox


def _option_titled(listbox, title):
    titles = [text.strip() for text in listbox.locator(".autocomplete-title").all_inner_texts()]
    assert title in titles, f"no suggestion named {title!r} among {titles}"
    return titles.index(title)


def _prefix(demo):
    # The start of the actor's name, as a reader would type it.
    return demo.actor.name[:5]


def test_the_header_box_suggests_an_actor_and_arrow_down_and_enter_open_their_page(
    page, live_server, demo, console_errors
):
    page.goto(live_server.url + "/")
    box = _box(page, "Site search")
    expect(box).to_have_attribute("aria-autocomplete", "list")
    expect(box).to_have_attribute("aria-expanded", "false")

    listbox = _type_and_wait_for_suggestions(page, box, _prefix(demo))
    expect(listbox).to_have_attribute("role", "listbox")
    options = listbox.get_by_role("option")
    count = options.count()
    assert 1 <= count <= 8
    index = _option_titled(listbox, demo.actor.name)
    expect(options.nth(index).locator(".autocomplete-type")).to_have_text("Actor")
    status = page.get_by_role("search", name="Site search").get_by_role("status")
    expect(status).to_have_text(f"{count} suggestion{'s' if count > 1 else ''}")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))

    for _ in range(index + 1):
        box.press("ArrowDown")
    chosen = options.nth(index)
    expect(box).to_have_attribute("aria-activedescendant", chosen.get_attribute("id"))
    expect(chosen).to_have_attribute("aria-selected", "true")
    expect(listbox.locator("[aria-selected=true]")).to_have_count(1)
    expect(box).to_be_focused()

    box.press("Enter")
    expect(page).to_have_url(live_server.url + demo.actor.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.actor.name)
    assert console_errors == []


def test_arrow_up_from_the_text_reaches_the_last_suggestion(
    page, live_server, demo, console_errors
):
    page.goto(live_server.url + "/")
    box = _box(page, "Site search")
    options = _type_and_wait_for_suggestions(page, box, _prefix(demo)).get_by_role("option")

    box.press("ArrowUp")
    last = options.nth(options.count() - 1)
    expect(box).to_have_attribute("aria-activedescendant", last.get_attribute("id"))
    expect(last).to_have_attribute("aria-selected", "true")
    assert console_errors == []


def test_clicking_a_suggestion_opens_its_page(page, live_server, demo, console_errors):
    page.goto(live_server.url + demo.briefing.get_absolute_url())
    box = _box(page, "Site search")
    listbox = _type_and_wait_for_suggestions(page, box, _prefix(demo))
    index = _option_titled(listbox, demo.actor.name)

    listbox.get_by_role("option").nth(index).click()
    expect(page).to_have_url(live_server.url + demo.actor.get_absolute_url())
    assert console_errors == []


def test_escape_closes_the_suggestions_and_keeps_the_text(page, live_server, demo, console_errors):
    page.goto(live_server.url + "/")
    box = _box(page, "Site search")
    listbox = _type_and_wait_for_suggestions(page, box, _prefix(demo))
    box.press("ArrowDown")

    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    expect(box).to_have_value(_prefix(demo))
    expect(box).to_be_focused()

    # The arrow keys bring the same suggestions back.
    box.press("ArrowDown")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    assert console_errors == []


def test_leaving_the_box_closes_the_suggestions(page, live_server, demo, console_errors):
    page.goto(live_server.url + "/")
    box = _box(page, "Site search")
    listbox = _type_and_wait_for_suggestions(page, box, _prefix(demo))

    page.keyboard.press("Tab")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    assert console_errors == []


def test_one_character_asks_for_no_suggestions(page, live_server, demo, console_errors):
    asked = []
    page.on("request", lambda request: AUTOCOMPLETE in request.url and asked.append(request.url))
    page.goto(live_server.url + "/")
    box = _box(page, "Site search")
    listbox = _listbox(page, box)

    box.press_sequentially(_prefix(demo)[0])
    page.wait_for_timeout(600)  # well past the pause the script waits for before asking
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    assert asked == []

    # Deleting back to one character closes a list that was open.
    box.press("End")
    _type_and_wait_for_suggestions(page, box, _prefix(demo)[1])
    box.press("Backspace")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    assert console_errors == []


def test_enter_without_a_chosen_suggestion_runs_the_full_search(
    page, live_server, demo, console_errors
):
    page.goto(live_server.url + demo.actor.get_absolute_url())
    box = _box(page, "Site search")
    _type_and_wait_for_suggestions(page, box, _prefix(demo))

    box.press("Enter")
    expect(page).to_have_url(live_server.url + f"/search/?q={_prefix(demo)}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Search results for “{_prefix(demo)}”"
    )
    assert console_errors == []


def test_the_search_page_box_suggests_too(page, live_server, demo, console_errors):
    page.goto(live_server.url + "/search/")
    box = _box(page, "Search the knowledge base")
    listbox = _type_and_wait_for_suggestions(page, box, _prefix(demo))
    index = _option_titled(listbox, demo.actor.name)
    # Each box has its own list.
    assert box.get_attribute("aria-controls") != _box(page, "Site search").get_attribute(
        "aria-controls"
    )

    for _ in range(index + 1):
        box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(live_server.url + demo.actor.get_absolute_url())
    assert console_errors == []


def test_a_failing_endpoint_leaves_a_plain_search_box(page, live_server, demo):
    page.route(f"**{AUTOCOMPLETE}**", lambda route: route.fulfill(status=500, body="oops"))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/")
    box = _box(page, "Site search")

    with page.expect_response(lambda response: AUTOCOMPLETE in response.url):
        box.press_sequentially(_prefix(demo), delay=40)
    page.wait_for_timeout(200)
    expect(_listbox(page, box)).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    assert errors == []

    box.press("Enter")
    expect(page).to_have_url(live_server.url + f"/search/?q={_prefix(demo)}")


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("where", BOXES)
def test_screenshots_of_the_open_suggestions(
    open_page, live_server, demo, screenshots, console_errors, where, color_scheme
):
    path, form_label = BOXES[where]
    page = open_page(color_scheme=color_scheme)
    page.goto(live_server.url + path)
    box = _box(page, form_label)
    # A short prefix that several names and titles start with, the second suggestion active.
    options = _type_and_wait_for_suggestions(page, box, "Ma").get_by_role("option")
    for _ in range(min(2, options.count())):
        box.press("ArrowDown")

    shot = screenshots / f"autocomplete-{where.replace(' ', '-')}-{color_scheme}.png"
    shot.unlink(missing_ok=True)
    page.screenshot(path=shot)
    assert shot.stat().st_size > 0
    assert console_errors == []
