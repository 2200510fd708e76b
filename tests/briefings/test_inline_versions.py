"""No lost edits in the briefing form's inlines: a save over FAQ entries, corrections, quotes or
actors that changed since the form was opened is refused, saying what changed, and saves nothing."""

import datetime
import html

import pytest
from django.db.models import F
from knox.models import AuthToken
from rest_framework.test import APIClient

from briefings import linking, services
from briefings.admin import safe_save
from briefings.models import Briefing, BriefingActor, BriefingQuote, Correction, FAQEntry
from tests import factories
from tests.briefings.test_admin import change_url, form_data, own_draft

pytestmark = pytest.mark.django_db

REFUSED = "of this briefing changed after you opened it"


def page_of(response):
    return html.unescape(response.content.decode())


def api_as(user):
    client = APIClient()
    _instance, token = AuthToken.objects.create(user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def faq_entry(briefing, question="Why does the summit matter?", **fields):
    return factories.FAQEntryFactory(
        briefing=briefing, question=question, answer="Because it sets the agenda.", **fields
    )


def row_data(data, prefix, pk):
    """The posted field name prefix of row `pk` of the inline `prefix` (say "faq_entries-0-")."""
    [name] = [
        key
        for key, value in data.items()
        if key.startswith(prefix) and key.endswith("-id") and str(value) == str(pk)
    ]
    return name.removesuffix("id")


def test_an_faq_entry_changed_through_the_api_meanwhile_refuses_the_save_naming_it(
    client, editor, editor_user
):
    briefing = factories.BriefingFactory()
    entry = faq_entry(briefing)
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    # Meanwhile another editor improves the answer through the API.
    response = api_as(editor_user).patch(
        f"/api/v1/faqs/{entry.pk}/",
        {"answer": "Because it sets the agenda for the year."},
        format="json",
    )
    assert response.status_code == 200, response.content[:300]

    row = row_data(data, "faq_entries-", entry.pk)
    data |= {"title": "My own title", row + "answer": "My own answer."}
    response = client.post(change_url(briefing), data)

    page = page_of(response)
    assert response.status_code == 200
    assert f"Not saved: the FAQ entries {REFUSED}" in page
    assert "FAQ entry “Why does the summit matter?”: edited by role-editor" in page
    assert "Because it sets the agenda<ins> for the year</ins>." in page
    # The editor's text is still in the form; nothing of it was saved.
    assert "My own title" in page and "My own answer." in page
    stored = Briefing.objects.get(pk=briefing.pk)
    assert (stored.title, stored.version) == (briefing.title, briefing.version)
    entry.refresh_from_db()
    assert entry.answer == "Because it sets the agenda for the year."


def test_an_faq_entry_changed_directly_meanwhile_is_named_too(client, editor):
    briefing = factories.BriefingFactory()
    entry = faq_entry(briefing)
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    FAQEntry.objects.filter(pk=entry.pk).update(question="Why does the summit matter now?")

    response = client.post(change_url(briefing), {**data, "standfirst": "Mine."})

    page = page_of(response)
    assert f"Not saved: the FAQ entries {REFUSED}" in page
    assert "FAQ entry “Why does the summit matter now?”: edited" in page
    assert Briefing.objects.get(pk=briefing.pk).standfirst != "Mine."
    assert FAQEntry.objects.get(pk=entry.pk).question == "Why does the summit matter now?"


def test_a_correction_added_meanwhile_refuses_the_save(client, editor):
    briefing = factories.BriefingFactory()
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    factories.CorrectionFactory(briefing=briefing, text="The summit is on Tuesday, not Monday.")

    response = client.post(change_url(briefing), {**data, "title": "Mine"})

    page = page_of(response)
    assert f"Not saved: the corrections {REFUSED}" in page
    assert "Correction “The summit is on Tuesday, not Monday.”: added." in page
    assert Briefing.objects.get(pk=briefing.pk).title != "Mine"
    assert Correction.objects.filter(briefing=briefing).count() == 1


def test_a_quote_link_removed_meanwhile_refuses_the_save(client, editor):
    briefing = factories.BriefingFactory()
    speaker = factories.ActorFactory(name="Kaja Kallas")
    kept = factories.BriefingQuoteFactory(briefing=briefing, order=1)
    removed = factories.BriefingQuoteFactory(
        briefing=briefing,
        order=2,
        quote=factories.QuoteFactory(speaker=speaker, text="Europe must carry its own weight."),
    )
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    BriefingQuote.objects.filter(pk=removed.pk).delete()

    response = client.post(change_url(briefing), {**data, "title": "Mine"})

    page = page_of(response)
    assert response.status_code == 200
    assert f"Not saved: the quotes {REFUSED}" in page
    assert "Quote “Europe must carry its own weight.” (Kaja Kallas): removed." in page
    assert Briefing.objects.get(pk=briefing.pk).title != "Mine"
    assert list(BriefingQuote.objects.filter(briefing=briefing)) == [kept]


def test_changes_to_several_inlines_are_all_listed(client, editor):
    briefing = factories.BriefingFactory()
    entry = faq_entry(briefing)
    actor = factories.ActorFactory(name="Mark Rutte")
    pinned = factories.BriefingActorFactory(briefing=briefing, actor=actor, curated=True)
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    entry.delete()
    BriefingActor.objects.filter(pk=pinned.pk).update(role=BriefingActor.Role.SUBJECT)

    page = page_of(client.post(change_url(briefing), data))

    assert f"Not saved: the FAQ entries and actors {REFUSED}" in page
    assert "FAQ entry “Why does the summit matter?”: removed." in page
    assert "Actor Mark Rutte: edited, now pinned as subject (role)." in page


def test_a_save_with_nothing_changed_meanwhile_goes_through_with_the_editors_own_row_edits(
    client, editor
):
    briefing = factories.BriefingFactory()
    entry = faq_entry(briefing)
    factories.CorrectionFactory(briefing=briefing)
    factories.BriefingQuoteFactory(briefing=briefing)
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    row = row_data(data, "faq_entries-", entry.pk)

    response = client.post(
        change_url(briefing), {**data, "title": "Mine", row + "answer": "My own answer."}
    )

    assert response.status_code == 302
    assert Briefing.objects.get(pk=briefing.pk).title == "Mine"
    entry.refresh_from_db()
    assert entry.answer == "My own answer."


def test_the_fingerprint_is_a_hidden_field_of_the_form_and_not_shown_read_only(
    client, editor, contributor
):
    draft = own_draft(contributor)
    faq_entry(draft)
    client.force_login(editor)
    page = page_of(client.get(change_url(draft)))
    assert '<input type="hidden" name="rows_version" value="rows1:fqac f' in page

    Briefing.objects.filter(pk=draft.pk).update(status=Briefing.Status.IN_REVIEW)
    client.force_login(contributor)
    page = page_of(client.get(change_url(draft)))
    assert "rows_version" not in page and "Rows version" not in page


def test_what_linking_changes_by_itself_does_not_count(client, editor):
    putin = factories.ActorFactory(name="Vladimir Putin")
    rutte = factories.ActorFactory(name="Mark Rutte")
    starmer = factories.ActorFactory(name="Keir Starmer")
    briefing = factories.BriefingFactory(body="Vladimir Putin met Mark Rutte. Starmer waited.")
    linking.record_mentions(briefing)
    BriefingActor.objects.filter(briefing=briefing, actor=rutte).update(curated=True)
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    # Meanwhile a new alias relinks the briefing: Starmer gets a row, and the counts change.
    factories.ActorAliasFactory(actor=starmer, name="Starmer")
    linking.relink(Briefing.objects.filter(pk=briefing.pk))
    BriefingActor.objects.filter(briefing=briefing).update(mention_count=F("mention_count") + 3)
    BriefingActor.objects.filter(briefing=briefing, actor=putin).update(
        role=BriefingActor.Role.QUOTED
    )
    assert BriefingActor.objects.filter(briefing=briefing, actor=starmer).exists()

    response = client.post(change_url(briefing), {**data, "title": "Mine"})

    assert response.status_code == 302, page_of(response)[:3000]
    assert Briefing.objects.get(pk=briefing.pk).title == "Mine"


def test_saving_twice_from_fresh_forms_is_not_refused(client, editor):
    briefing = factories.BriefingFactory(body="Mark Rutte spoke.")
    factories.ActorFactory(name="Mark Rutte")
    faq_entry(briefing)
    client.force_login(editor)
    for title in ("First", "Second"):
        data = form_data(client.get(change_url(briefing)))
        response = client.post(change_url(briefing), {**data, "title": title, "_continue": "1"})
        assert response.status_code == 302
    stored = Briefing.objects.get(pk=briefing.pk)
    assert (stored.title, stored.version) == ("Second", 3)


def test_someone_elses_save_of_the_briefing_is_refused_for_the_version_not_the_rows(
    client, editor, editor_user
):
    briefing = factories.BriefingFactory(body="Mark Rutte spoke.")
    factories.ActorFactory(name="Mark Rutte")
    faq_entry(briefing)
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    # Their save bumps the version and relinks the text (a new actor row, new counts).
    stored = Briefing.objects.get(pk=briefing.pk)
    stored.body = "Mark Rutte spoke. Mark Rutte left."
    services.briefing_save(briefing=stored, by=editor_user)

    page = page_of(client.post(change_url(briefing), {**data, "title": "Mine"}))

    assert "Not saved: role-editor saved this briefing" in page
    assert REFUSED not in page


def test_a_form_without_its_rows_version_is_refused(client, editor):
    briefing = factories.BriefingFactory()
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    del data["rows_version"]

    page = page_of(client.post(change_url(briefing), {**data, "title": "Mine"}))

    assert "does not say which FAQ entries, corrections, quotes and actors" in page
    assert Briefing.objects.get(pk=briefing.pk).title != "Mine"


def test_rows_changing_after_the_forms_check_roll_the_save_back(client, editor):
    briefing = factories.BriefingFactory()
    entry = faq_entry(briefing)
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    real_check = safe_save.stale_rows_error
    calls = []

    def check_before_the_other_change(pk, loaded, models, posted=None):
        # The other change lands just after this form's check passed. (The view's rollback
        # undoes it in this single-connection test, so it lands again before the second check.)
        calls.append(loaded)
        FAQEntry.objects.filter(pk=entry.pk).update(answer="Theirs.")
        return None if len(calls) == 1 else real_check(pk, loaded, models, posted)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(safe_save, "stale_rows_error", check_before_the_other_change)
        response = client.post(change_url(briefing), {**data, "title": "Mine"})

    assert len(calls) == 2
    assert f"Not saved: the FAQ entries {REFUSED}" in page_of(response)
    assert Briefing.objects.get(pk=briefing.pk).title != "Mine"
    assert FAQEntry.objects.get(pk=entry.pk).answer == "Theirs."


# Contributors


def test_a_contributors_own_draft_is_checked_on_the_rows_their_form_shows(
    client, contributor, editor_user
):
    draft = own_draft(contributor)
    entry = faq_entry(draft)
    client.force_login(contributor)
    data = form_data(client.get(change_url(draft)))
    # Corrections are not on a contributor's form: one added meanwhile is no conflict.
    factories.CorrectionFactory(briefing=draft, published_at=datetime.datetime.now(datetime.UTC))

    response = client.post(change_url(draft), {**data, "title": "First thoughts"})

    assert response.status_code == 302
    assert Briefing.objects.get(pk=draft.pk).title == "First thoughts"

    data = form_data(client.get(change_url(draft)))
    services.faq_entry_save(
        entry=FAQEntry(
            pk=entry.pk,
            briefing=draft,
            question=entry.question,
            answer="Their answer.",
            created_at=entry.created_at,
        ),
        by=editor_user,
    )

    response = client.post(change_url(draft), {**data, "title": "Second thoughts"})

    page = page_of(response)
    assert f"Not saved: the FAQ entries {REFUSED}" in page
    assert "FAQ entry “Why does the summit matter?”: edited by role-editor" in page
    assert Briefing.objects.get(pk=draft.pk).title == "First thoughts"
