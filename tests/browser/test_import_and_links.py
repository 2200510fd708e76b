"""Issue 7 in a real browser: an editor pastes a plain-text briefing, previews and imports it; a
reader follows an actor link in a briefing to a profile with its connections, and sees a topic's
activity by month."""

import re

import pytest
from playwright.sync_api import expect

from briefings.models import Actor, Briefing

pytestmark = pytest.mark.browser

PASTED = """\
Grain corridors after the ceasefire

Ships are moving again on the Black Sea; who guarantees their passage is still open.

Who escorts the ships

Insurers want a naval presence first. “We will not send crews into mined waters,” said \
shipping analyst Lena Brandt on Monday.

“Escorts are the price of trade now.” – Dr. Jane Doe, Senior Fellow, Northbridge Institute

Frequently Asked Questions

Who pays for the escorts?
The coastal states, for now.
"""


def test_an_editor_previews_and_imports_pasted_plain_text(
    demo, staff_page, live_server, screenshots
):
    page = staff_page
    page.goto(f"{live_server.url}/admin/briefings/briefing/")
    page.get_by_role("link", name="Import briefing").click()
    page.get_by_label("Paste the briefing").fill(PASTED)
    page.get_by_role("button", name="Preview").click()

    preview = page.locator(".import-preview")
    expect(preview).to_contain_text("Would import “Grain corridors after the ceasefire” as a draft")
    expect(preview).to_contain_text("2 quotes, 1 FAQ entry")
    expect(preview.locator("ol li")).to_have_text(["Who escorts the ships"])
    speakers = preview.locator(".import-table tbody tr td:nth-child(2)")
    expect(speakers.nth(0)).to_contain_text("Lena Brandt")
    expect(speakers.nth(0)).to_contain_text("new, to review")
    expect(speakers.nth(1)).to_have_text("Jane Doe")  # an existing actor, matched
    page.screenshot(path=screenshots / "admin-import-preview.png", full_page=True)
    assert not Briefing.objects.filter(title="Grain corridors after the ceasefire").exists()

    page.get_by_role("button", name="Import", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/briefings/briefing/\d+/change/$"))
    expect(page.locator(".messagelist")).to_contain_text("Imported “Grain corridors")
    expect(page.get_by_label("Title:")).to_have_value("Grain corridors after the ceasefire")
    briefing = Briefing.objects.get(title="Grain corridors after the ceasefire")
    assert briefing.status == Briefing.Status.DRAFT
    assert briefing.quote_links.count() == 2 and briefing.faq_entries.count() == 1


def test_a_reader_follows_an_actor_mention_to_its_connections(demo, page, live_server, screenshots):
    page.goto(f"{live_server.url}{demo.briefing.get_absolute_url()}")
    # Linked once in the section where Rutte is first named, and never inside a heading.
    expect(page.locator(".briefing-body h2 a")).to_have_count(0)
    mention = page.locator("a.actor-mention", has_text="Mark Rutte")
    expect(mention).to_have_count(1)
    mention.click()
    expect(page).to_have_url(f"{live_server.url}/actors/mark-rutte/")

    network = page.locator("svg.network")
    expect(network).to_be_visible()
    box = network.bounding_box()
    assert box["width"] > 200 and box["height"] > 150
    expect(network.locator("a.network-node")).to_have_count(8)
    # The list beside it says the same for screen readers.
    expect(page.locator(".sidebar .ranked-list li")).to_have_count(
        len(demo_connections("mark-rutte"))
    )
    page.screenshot(path=screenshots / "actor-connections.png", full_page=True)

    page.goto(f"{live_server.url}{demo.topic.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Activity over time")).to_be_visible()
    bars = page.locator(".activity-series--briefings rect")
    assert bars.count() >= 1
    expect(page.locator(".activity-summary")).to_contain_text("1 briefing published")
    page.screenshot(path=screenshots / "topic-timeline.png", full_page=True)


def demo_connections(slug):
    actor = Actor.objects.get(slug=slug)
    return list(Actor.objects.connected_to(actor)[:12])
