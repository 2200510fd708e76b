"""The review's findings, one regression test each, numbered as in the review.

Each is a way around the rules, or a change lost, that a person could meet through the reader
site, the admin, the API or a management command; each test goes through that surface.
"""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from briefings.models import Actor, Briefing, Quote
from tests import factories
from tests.api.conftest import assert_error_body

from .conftest import DRAFT_PREVIEW, PASSWORD, api_as, form_data, web_as

pytestmark = pytest.mark.django_db

Status = Briefing.Status


def own_draft(user, **fields):
    """A draft `user` started and writes."""
    briefing = factories.BriefingFactory(
        status=Status.DRAFT, published_at=None, created_by=user, **fields
    )
    briefing.authors.add(user)
    return briefing


def published_by(user, **fields):
    briefing = factories.BriefingFactory(created_by=user, **fields)
    briefing.authors.add(user)
    return briefing


def change_url(obj):
    return reverse(f"admin:briefings_{obj._meta.model_name}_change", args=[obj.pk])


def restore_url(obj, record):
    return reverse(
        f"admin:briefings_{obj._meta.model_name}_simple_history", args=[obj.pk, record.history_id]
    )


# 1.


def test_a_contributor_cannot_rewrite_a_verified_quote_that_someone_elses_published_briefing_uses(
    contributor, stranger, editor_user
):
    speaker = factories.ActorFactory(name="Mark Rutte", slug="mark-rutte")
    impostor = factories.ActorFactory(name="Someone Else", slug="someone-else")
    quote = factories.QuoteFactory(
        text="We will hold the line.",
        speaker=speaker,
        verification=Quote.Verification.VERIFIED,
        source=factories.SourceFactory(),
    )
    factories.BriefingQuoteFactory(briefing=published_by(stranger), quote=quote)
    rewrite = {"text": "We will give up the line.", "speaker_id": impostor.pk}

    response = api_as(contributor).patch(f"/api/v1/quotes/{quote.pk}/", rewrite, format="json")

    assert_error_body(response, 403)
    page = Client().get(f"/quotes/{quote.pk}/").content.decode()
    assert "We will hold the line." in page and "give up" not in page
    # The admin's form, posted in full as a browser would (the editor's, since the
    # contributor is given none to save).
    data = form_data(web_as(editor_user).get(change_url(quote)))
    data.update(text="We will give up the line.", speaker=impostor.pk)
    assert web_as(contributor).post(change_url(quote), data).status_code == 403
    quote.refresh_from_db()
    assert (quote.text, quote.speaker, quote.verification) == (
        "We will hold the line.",
        speaker,
        Quote.Verification.VERIFIED,
    )
    assert "We will hold the line." in Client().get(f"/quotes/{quote.pk}/").content.decode()


# 2.


def test_a_contributor_cannot_undo_an_editors_misattributed_verdict_by_restoring_an_older_version(
    contributor, editor_user
):
    quote = factories.QuoteFactory(text="Peace is near.", verification=Quote.Verification.REPORTED)
    factories.BriefingQuoteFactory(briefing=own_draft(contributor), quote=quote)
    reported = quote.history.get()
    editor = web_as(editor_user)
    data = form_data(editor.get(change_url(quote)))
    data["verification"] = Quote.Verification.MISATTRIBUTED
    assert editor.post(change_url(quote), data).status_code == 302
    quote.refresh_from_db()
    assert quote.verification == Quote.Verification.MISATTRIBUTED

    writer = web_as(contributor)
    form = writer.get(restore_url(quote, reported))
    data = form_data(form if form.status_code == 200 else editor.get(restore_url(quote, reported)))
    response = writer.post(restore_url(quote, reported), data)

    assert response.status_code == 403
    quote.refresh_from_db()
    assert quote.verification == Quote.Verification.MISATTRIBUTED


# 3.


def test_a_contributor_cannot_take_over_or_delete_an_editors_faq_entry_on_a_public_briefing(
    contributor, editor_user
):
    public = published_by(editor_user, title="Black Sea talks", slug="black-sea-talks")
    entry = factories.FAQEntryFactory(
        briefing=public, question="Who mediates?", answer="Türkiye and the UN."
    )
    first = entry.history.get()
    mine = own_draft(contributor)
    writer = web_as(contributor)
    takeover = {"question": "Who mediates?", "answer": "Nobody.", "briefing": mine.pk, "order": 0}

    restoring = writer.post(restore_url(entry, first), takeover)
    deleting = writer.post(
        reverse("admin:briefings_faqentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    deleting_by_api = api_as(contributor).delete(f"/api/v1/faqs/{entry.pk}/")

    assert restoring.status_code == 403
    assert deleting.status_code == 403
    assert deleting_by_api.status_code == 403
    entry.refresh_from_db()
    assert (entry.briefing, entry.answer) == (public, "Türkiye and the UN.")
    page = Client().get("/briefings/black-sea-talks/").content.decode()
    assert "Who mediates?" in page and "Türkiye and the UN." in page


# 4.


def test_a_signed_in_contributor_reads_no_text_of_other_peoples_drafts_anywhere(
    contributor, stranger
):
    theirs = own_draft(stranger, title="Kestrel plan in full", slug="kestrel-plan")
    scheduled = published_by(
        stranger,
        title="Kestrel timetable",
        slug="kestrel-timetable",
        published_at=timezone.now() + datetime.timedelta(days=3),
    )
    mine = own_draft(contributor, title="My Kestrel notes", slug="my-kestrel-notes")
    public = published_by(stranger, title="Kestrel in the open", slug="kestrel-in-the-open")
    for briefing, text in [
        (theirs, "Kestrel secret words."),
        (scheduled, "Kestrel embargoed words."),
        (mine, "Kestrel words of mine."),
        (public, "Kestrel public words."),
    ]:
        factories.BriefingQuoteFactory(briefing=briefing, quote=factories.QuoteFactory(text=text))
    factories.CorrectionFactory(briefing=theirs, text="Kestrel hidden correction.")
    factories.CorrectionFactory(briefing=mine, text="Kestrel correction of mine.")
    browser = web_as(contributor)

    for slug in ["kestrel-plan", "kestrel-timetable"]:
        response = browser.get(f"/briefings/{slug}/")
        assert response.status_code == 404, slug
        assert "Kestrel" not in response.content.decode()
    own = browser.get("/briefings/my-kestrel-notes/")
    assert own.status_code == 200
    assert DRAFT_PREVIEW.search(own.content.decode())

    quotes = browser.get(reverse("admin:briefings_quote_changelist")).content.decode()
    suggestions = browser.get(
        "/admin/autocomplete/",
        {
            "app_label": "briefings",
            "model_name": "briefingquote",
            "field_name": "quote",
            "term": "Kestrel",
        },
    ).content.decode()
    corrections = browser.get(reverse("admin:briefings_correction_changelist")).content.decode()
    for page in [quotes, suggestions]:
        assert "Kestrel words of mine." in page and "Kestrel public words." in page
        assert "secret" not in page and "embargoed" not in page
    assert "Kestrel correction of mine." in corrections
    assert "hidden correction" not in corrections and "Kestrel plan in full" not in corrections


# 5.


def test_a_contributor_creating_a_draft_through_the_api_cannot_feature_or_date_it(contributor):
    payload = {
        "title": "Straight to the front page",
        "slug": "straight-to-the-front-page",
        "standfirst": "Skipping the editors.",
        "body": "## Why\n\nBecause.",
        "featured": True,
        "published_at": "2020-01-01T00:00:00Z",
    }

    response = api_as(contributor).post("/api/v1/briefings/", payload, format="json")

    body = assert_error_body(response, 400)
    assert {"featured", "published_at"} <= set(body["errors"])
    assert not Briefing.objects.exists()


# 6.

HARBOUR_BODY = "## The ports\n\nIlse Varga closed two harbours to foreign ships on Friday."


@pytest.mark.parametrize("surface", ["admin", "api"])
def test_an_actor_a_contributor_creates_stays_off_the_public_site_until_an_editor_reviews_it(
    surface, contributor, editor_user
):
    published_by(editor_user, title="Harbour closures", slug="harbour-closures", body=HARBOUR_BODY)
    actor = {"name": "Ilse Varga", "slug": "ilse-varga", "kind": "person"}
    actor["short_description"] = "Port authority chief"

    if surface == "api":
        response = api_as(contributor).post("/api/v1/actors/", actor, format="json")
        assert response.status_code == 201, response.content[:300]
    else:
        browser = web_as(contributor)
        add = reverse("admin:briefings_actor_add")
        response = browser.post(add, {**form_data(browser.get(add)), **actor})
        assert response.status_code == 302

    reader = Client()
    assert reader.get("/actors/ilse-varga/").status_code == 404
    listed = APIClient().get("/api/v1/actors/", {"page_size": 100}).content.decode()
    assert "Ilse Varga" not in listed
    page = reader.get("/briefings/harbour-closures/").content.decode()
    assert "Ilse Varga closed two harbours" in page
    assert "/actors/ilse-varga/" not in page
    assert Actor.objects.get(slug="ilse-varga").needs_review  # on the editors' review list


# 7.


def test_a_coauthor_edits_the_draft_through_the_api_as_in_the_admin(contributor, coauthor):
    draft = own_draft(contributor)
    draft.authors.add(coauthor)

    response = api_as(coauthor).patch(
        f"/api/v1/briefings/{draft.pk}/",
        {"standfirst": "Co-written through the API."},
        format="json",
    )

    assert response.status_code == 200, response.content[:300]
    draft.refresh_from_db()
    assert draft.standfirst == "Co-written through the API."
    browser = web_as(coauthor)
    data = form_data(browser.get(change_url(draft)))
    data["standfirst"] = "Co-written in the admin."
    assert browser.post(change_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.standfirst == "Co-written in the admin."


# 8.


def test_verifying_a_quote_in_its_admin_form_records_who_verified_it_and_when(editor_user):
    quote = factories.QuoteFactory(
        source=factories.SourceFactory(), verification=Quote.Verification.REPORTED
    )
    browser = web_as(editor_user)
    data = form_data(browser.get(change_url(quote)))
    data["verification"] = Quote.Verification.VERIFIED

    assert browser.post(change_url(quote), data).status_code == 302

    quote.refresh_from_db()
    assert quote.verification == Quote.Verification.VERIFIED
    assert quote.verified_by == editor_user
    assert quote.verified_at is not None
    assert timezone.now() - quote.verified_at < datetime.timedelta(minutes=1)


def test_renaming_an_actor_through_the_api_lists_it_on_the_briefings_that_name_the_new_name(
    editor_user,
):
    briefing = factories.BriefingFactory(body="## Diplomacy\n\nKaja Kallas met the ministers.")
    actor = factories.ActorFactory(name="Kaja K.", slug="kaja-kallas")
    detail = f"/api/v1/briefings/{briefing.pk}/"
    assert APIClient().get(detail).json()["actors"] == []

    response = api_as(editor_user).patch(
        f"/api/v1/actors/{actor.pk}/", {"name": "Kaja Kallas"}, format="json"
    )

    assert response.status_code == 200, response.content[:300]
    actors = [link["actor"]["name"] for link in APIClient().get(detail).json()["actors"]]
    assert actors == ["Kaja Kallas"]


IMPORT_TEXT = """\
Harbour closures in the north

Two harbours closed to foreign ships this week.

What happened

“We closed them for safety reasons,” said port authority chief Ilse Varga on Friday.
"""


def test_the_import_command_refuses_a_contributor_as_the_api_and_the_admin_do(
    contributor, tmp_path
):
    notes = tmp_path / "harbours.txt"
    notes.write_text(IMPORT_TEXT, encoding="utf-8")
    errors = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_briefing", str(notes), user=contributor.username, stderr=errors)

    assert "editors" in errors.getvalue()
    refused_by_api = api_as(contributor).post(
        "/api/v1/import/", {"text": IMPORT_TEXT}, format="json"
    )
    assert_error_body(refused_by_api, 403)
    assert web_as(contributor).get(reverse("admin:briefings_briefing_import")).status_code == 403
    assert not Briefing.objects.exists()
    assert not Actor.objects.filter(name="Ilse Varga").exists()


# 9.


@pytest.mark.parametrize("row", ["FAQ entry", "correction"])
def test_saving_a_briefing_form_after_someone_changed_one_of_its_rows_keeps_their_change(
    row, editor_user, second_editor
):
    briefing = factories.BriefingFactory(title="Grain corridor", slug="grain-corridor")
    if row == "FAQ entry":
        obj = factories.FAQEntryFactory(
            briefing=briefing, question="Who escorts the ships?", answer="Nobody yet."
        )
        path, field = "faqs", "answer"
    else:
        obj = factories.CorrectionFactory(briefing=briefing, text="The date was wrong.")
        path, field = "corrections", "text"
    browser = web_as(editor_user)
    data = form_data(browser.get(change_url(briefing)))
    # Meanwhile another editor changes the row through the API.
    theirs = api_as(second_editor).patch(
        f"/api/v1/{path}/{obj.pk}/", {field: "Their newer words."}, format="json"
    )
    assert theirs.status_code == 200, theirs.content[:300]

    data["title"] = "Grain corridor, revised"
    response = browser.post(change_url(briefing), data)

    assert response.status_code == 200  # the form again, with what changed
    assert "Their newer words." in response.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) == "Their newer words."
    assert Briefing.objects.get(pk=briefing.pk).title == "Grain corridor"


# 10.


def test_merging_actors_keeps_the_duplicates_verified_quote_over_the_survivors_unverified_copy(
    editor_user,
):
    keep = factories.ActorFactory(name="Volodymyr Zelensky", slug="volodymyr-zelensky")
    duplicate = factories.ActorFactory(name="Volodymyr Zelenskyy", slug="volodymyr-zelenskyy")
    source = factories.SourceFactory(title="Address to the nation")
    copy = factories.QuoteFactory(
        speaker=keep, text="We are here.", verification=Quote.Verification.UNVERIFIED
    )
    factories.QuoteFactory(
        speaker=duplicate,
        text="We are here.",
        verification=Quote.Verification.VERIFIED,
        source=source,
        source_locator="00:01:10",
    )
    briefing = factories.BriefingFactory()
    factories.BriefingQuoteFactory(briefing=briefing, quote=copy)

    response = web_as(editor_user).post(
        reverse("admin:briefings_actor_changelist"),
        {
            "action": "merge_actors",
            "_selected_action": [keep.pk, duplicate.pk],
            "post": "yes",
            "survivor": keep.pk,
        },
    )

    assert response.status_code == 302
    [quote] = Quote.objects.filter(speaker=keep)
    assert (quote.verification, quote.source, quote.source_locator) == (
        Quote.Verification.VERIFIED,
        source,
        "00:01:10",
    )
    assert list(briefing.quotes.all()) == [quote]


# 11.


def test_restoring_a_deleted_briefing_from_its_history_gives_it_back_or_says_why_not(
    editor_user,
):
    briefing = factories.BriefingFactory(title="Deleted by mistake", slug="deleted-by-mistake")
    created = briefing.history.get()
    browser = Client(raise_request_exception=False)
    browser.force_login(editor_user)
    delete = reverse("admin:briefings_briefing_delete", args=[briefing.pk])
    deleted = browser.post(delete, {"post": "yes"}, follow=True)  # its message shown and gone
    assert deleted.status_code == 200
    assert not Briefing.objects.filter(slug="deleted-by-mistake").exists()

    form = browser.get(restore_url(briefing, created))
    assert form.status_code < 500
    data = form_data(form) if form.status_code == 200 and form.context else {}
    response = browser.post(restore_url(briefing, created), data, follow=True)

    assert response.status_code < 500
    back = Briefing.objects.filter(slug="deleted-by-mistake").exists()
    said = response.content.decode().lower().replace("&#x27;", "'")
    assert back or any(words in said for words in ["deleted", "does not exist", "doesn't exist"])


# 12.


def test_signing_in_and_private_work_leave_public_pages_cached_until_a_public_change(
    settings, contributor, editor_user, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    factories.BriefingFactory(title="Ceasefire lines", slug="ceasefire-lines")
    draft = own_draft(contributor, title="My notes", slug="my-notes")
    first_version = draft.history.get()
    public_page = "/briefings/ceasefire-lines/"
    reader = Client()  # anonymous: served from the cache
    assert reader.get(public_page)["X-Cache"] == "miss"
    assert reader.get(public_page)["X-Cache"] == "hit"
    # Every step below commits, as it would in production.
    commits = django_capture_on_commit_callbacks

    writer = Client()
    with commits(execute=True):
        signed_in = writer.post(
            "/admin/login/?next=/admin/", {"username": contributor.username, "password": PASSWORD}
        )
    assert signed_in.status_code == 302
    contributor.refresh_from_db()
    assert contributor.last_login is not None
    assert reader.get(public_page)["X-Cache"] == "hit"

    with commits(execute=True):
        data = form_data(writer.get(change_url(draft)))
        data["standfirst"] = "Private thoughts."
        assert writer.post(change_url(draft), data).status_code == 302
    assert reader.get(public_page)["X-Cache"] == "hit"

    rows = draft.history.count()
    with commits(execute=True):
        form = writer.get(restore_url(draft, first_version))
        assert writer.post(restore_url(draft, first_version), form_data(form)).status_code == 302
    assert draft.history.count() == rows + 1
    assert reader.get(public_page)["X-Cache"] == "hit"

    editor = web_as(editor_user)
    public = Briefing.objects.get(slug="ceasefire-lines")
    with commits(execute=True):
        data = form_data(editor.get(change_url(public)))
        data["standfirst"] = "The lines moved overnight."
        assert editor.post(change_url(public), data).status_code == 302
    page = reader.get(public_page)
    assert page["X-Cache"] == "miss"
    assert "The lines moved overnight." in page.content.decode()
