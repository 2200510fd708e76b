"""The newsroom in a real browser: a contributor writes a briefing in the admin and submits it,
an editor previews and publishes it, and a reader then finds it on the site; and of two editors
saving the same briefing, the second is refused without losing the first one's edit."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from briefings.models import Briefing, Quote
from tests.browser.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

TITLE = "Grain corridors after the ceasefire"
SLUG = "grain-corridors-after-the-ceasefire"
STANDFIRST = "Ships are moving again; who guarantees their passage is still open."
BODY = (
    "## Who escorts the ships\n\n"
    "Insurers want a naval presence before they cover voyages through the western Black Sea.\n\n"
    "## What the ports need\n\n"
    "Demining the approaches comes first."
)
FAQ_QUESTION = "Who pays for the escorts?"
FAQ_ANSWER = "The coastal states, for now, with **help** from the alliance."
# A demo quote, found through the quote autocomplete by a word of its text.
QUOTE_TEXT = "The fight is here; I need ammunition, not a ride."
QUOTE_SEARCH = "ammunition"


def _staff_in(group_name, username):
    user = UserFactory(is_staff=True, username=username, first_name=username.title())
    user.groups.add(Group.objects.get(name=group_name))
    return user


def _sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")


def _shot(page, screenshots, name, full_page=True):
    page.screenshot(path=screenshots / f"admin-workflow-{name}.png", full_page=full_page)


def _pick_quote(page, row, search):
    """Drives the select2 autocomplete of the quotes-used inline row `row`."""
    row.locator(".select2-selection").click()
    search_field = page.locator(".select2-container--open .select2-search__field")
    search_field.fill(search)
    option = page.locator(".select2-results__option", has_text=search)
    expect(option).to_have_count(1)
    option.click()
    expect(row.locator(".select2-selection__rendered")).to_contain_text(search)


def test_a_contributor_writes_and_submits_a_briefing_and_an_editor_previews_and_publishes_it_for_readers(
    open_page, live_server, demo, roles, console_errors, screenshots
):
    contributor = _staff_in("Contributor", "cara")
    editor = _staff_in("Editor", "edmund")
    quote = Quote.objects.get(text=QUOTE_TEXT)
    briefing_url = f"{live_server.url}/briefings/{SLUG}/"

    # 1. The contributor writes the briefing and submits it for review.
    writer = open_page()
    _sign_in(writer, live_server, contributor)
    expect(writer.get_by_role("heading", name="Needs attention")).to_be_visible()
    drafts = writer.locator(".attention-drafts")
    expect(drafts.get_by_role("heading", name=re.compile("Your drafts"))).to_be_visible()
    expect(drafts).to_contain_text("No drafts of yours.")
    expect(writer.locator(".attention-in_review")).to_contain_text("Yours in review")
    _shot(writer, screenshots, "1-contributor-index")

    writer.locator("a.addlink[href='/admin/briefings/briefing/add/']").click()
    expect(writer.get_by_role("heading", name="Add briefing")).to_be_visible()
    writer.get_by_label("Title").fill(TITLE)
    writer.get_by_label("Title").blur()
    expect(writer.get_by_label("Slug")).to_have_value(SLUG)
    writer.get_by_label("Standfirst").fill(STANDFIRST)
    writer.locator("#id_body").fill(BODY)
    writer.get_by_label("Type").select_option(label="Explainer")
    preview = writer.locator("#id_body_preview")
    expect(preview.locator("h2").first).to_have_text("Who escorts the ships")
    expect(preview.locator("h2")).to_have_count(2)
    # Contributors do not choose the status or the publication date.
    expect(writer.locator("#id_status")).to_have_count(0)
    expect(writer.locator("#id_published_at_0")).to_have_count(0)

    writer.get_by_role("button", name="Add another FAQ entry").click()
    faq = writer.locator("#faq_entries-0")
    faq.get_by_label("Question").fill(FAQ_QUESTION)
    faq.get_by_label("Answer").fill(FAQ_ANSWER)
    expect(writer.locator("#id_faq_entries-0-answer_preview strong")).to_have_text("help")

    writer.get_by_role("button", name="Add another Quote in briefing").click()
    quote_row = writer.locator("#quote_links-0")
    _pick_quote(writer, quote_row, QUOTE_SEARCH)
    expect(writer.locator("#id_quote_links-0-quote")).to_have_value(str(quote.pk))
    _shot(writer, screenshots, "2-contributor-add-form")

    expect(writer.get_by_role("button", name="Save and publish")).to_have_count(0)
    writer.get_by_role("button", name="Save and submit for review").click()
    briefing = Briefing.objects.get(slug=SLUG)
    change_url = f"{live_server.url}/admin/briefings/briefing/{briefing.pk}/change/"
    expect(writer).to_have_url(change_url)
    messages = writer.locator("ul.messagelist")
    expect(messages).to_contain_text(f"Saved your changes to “{TITLE}”.")
    expect(messages).to_contain_text(f"“{TITLE}” submitted for review.")
    expect(writer.locator(".briefing-state")).to_contain_text("Status: In review")
    expect(writer.locator("button[name=_workflow]")).to_have_count(0)
    expect(writer.get_by_role("button", name="Publish")).to_have_count(0)
    _shot(writer, screenshots, "3-contributor-submitted")

    briefing.refresh_from_db()
    assert briefing.status == Briefing.Status.IN_REVIEW
    assert briefing.created_by == contributor
    assert list(briefing.authors.all()) == [contributor]
    assert list(briefing.faq_entries.values_list("question", flat=True)) == [FAQ_QUESTION]
    assert list(briefing.quotes.all()) == [quote]

    # 2. Readers cannot see it yet.
    reader = open_page()
    response = reader.goto(briefing_url)
    assert response.status == 404
    expect(reader.get_by_text(TITLE)).to_have_count(0)

    # 3. The editor finds it awaiting review, previews it and publishes it.
    desk = open_page()
    _sign_in(desk, live_server, editor)
    awaiting = desk.locator(".attention-in_review")
    expect(awaiting.get_by_role("heading", name=re.compile("Awaiting review"))).to_be_visible()
    _shot(desk, screenshots, "4-editor-index")
    awaiting.get_by_role("link", name=TITLE).click()
    expect(desk).to_have_url(change_url)
    expect(desk.locator(".briefing-state")).to_contain_text("Status: In review")

    desk.get_by_role("button", name="Save and preview").click()
    expect(desk).to_have_url(briefing_url)
    banner = desk.locator(".draft-banner")
    expect(banner).to_contain_text("Draft preview")
    expect(banner).to_contain_text("Status: In review")
    expect(desk.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(desk.get_by_role("heading", level=2, name="Who escorts the ships")).to_be_visible()
    expect(desk.locator("details.faq-entry summary")).to_have_text(FAQ_QUESTION)
    expect(desk.locator("figure.quote blockquote")).to_contain_text(QUOTE_TEXT)
    _shot(desk, screenshots, "5-editor-preview")

    desk.goto(change_url)
    desk.get_by_role("button", name="Publish", exact=True).click()
    expect(desk).to_have_url(change_url)
    expect(desk.locator("ul.messagelist")).to_contain_text(f"“{TITLE}” published.")
    expect(desk.locator(".briefing-state")).to_contain_text("Status: Published")
    _shot(desk, screenshots, "6-editor-published")
    briefing.refresh_from_db()
    assert briefing.is_public

    # 4. A reader finds it on the home page and reads it; the reader pages log no errors.
    console_errors.clear()
    reader.goto(live_server.url + "/")
    reader.get_by_role("link", name=TITLE, exact=True).first.click()
    expect(reader).to_have_url(briefing_url)
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.locator(".draft-banner")).to_have_count(0)
    expect(reader.get_by_role("heading", level=2, name="What the ports need")).to_be_visible()
    expect(reader.locator("details.faq-entry summary")).to_have_text(FAQ_QUESTION)
    expect(reader.locator("figure.quote blockquote")).to_contain_text(QUOTE_TEXT)
    _shot(reader, screenshots, "7-reader-briefing")
    assert console_errors == []


def test_the_second_of_two_editors_saving_the_same_briefing_is_refused_and_the_first_edit_is_kept(
    open_page, live_server, demo, roles, screenshots
):
    briefing = demo.briefing
    original_title, original_body = briefing.title, briefing.body
    change_url = f"{live_server.url}/admin/briefings/briefing/{briefing.pk}/change/"
    first_standfirst = "A new standfirst, saved first."
    second_title = "A new title, saved second"

    first, second = open_page(), open_page()
    for page, username in ((first, "ada"), (second, "bo")):
        _sign_in(page, live_server, _staff_in("Editor", username))
        page.goto(change_url)
        expect(page.get_by_label("Title")).to_have_value(original_title)

    first.get_by_label("Standfirst").fill(first_standfirst)
    first.get_by_role("button", name="Save", exact=True).click()
    expect(first.locator("ul.messagelist .success")).to_be_visible()

    second.get_by_label("Title").fill(second_title)
    second.get_by_role("button", name="Save", exact=True).click()
    refusal = second.locator(".stale-edit")
    expect(refusal).to_contain_text("Not saved: Ada saved this briefing")
    expect(refusal).to_contain_text("Standfirst")
    expect(refusal).to_contain_text(first_standfirst)
    # The second editor's text is still in the form, to copy from.
    expect(second.get_by_label("Title")).to_have_value(second_title)
    _shot(second, screenshots, "8-stale-edit-refused", full_page=False)

    briefing.refresh_from_db()
    assert briefing.standfirst == first_standfirst
    assert briefing.title == original_title
    # The first editor changed the standfirst and nothing else: nothing else may be listed as
    # changed, nor rewritten in the database. (A browser submits a textarea's line breaks as
    # CRLF; a body stored with LF must not come back from an untouched field as a change.)
    listed = refusal.locator(".field-changes > li > strong").all_inner_texts()
    assert listed == ["Standfirst"], f"the refusal lists changes nobody made: {listed}"
    assert briefing.body == original_body, "saving the form rewrote the untouched body"


def test_the_preview_shows_a_text_too_intricate_to_render_plainly_and_says_why(
    page, live_server, demo, roles, screenshots
):
    writer = _staff_in("Contributor", "prolix")
    _sign_in(page, live_server, writer)
    page.goto(f"{live_server.url}/admin/briefings/briefing/add/")

    page.locator("#id_body").fill("*a* " * 9000)

    status = page.locator(".markdown-preview.has-problem .markdown-preview-status").first
    expect(status).to_contain_text("more formatting than a page can show")
    expect(page.locator("#id_body_preview em")).to_have_count(0)
    expect(page.locator("#id_body_preview")).to_contain_text("*a* *a*")
    _shot(page, screenshots, "preview-too-intricate", full_page=False)
