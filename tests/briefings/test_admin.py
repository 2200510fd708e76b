"""The editors' admin: every model listed, roles, the workflow, safe saves, preview, merges, history."""

import datetime
import json
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.forms import MultiWidget
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefings.admin import safe_save
from briefings.models import ActorRedirect, Briefing, Quote
from tests import factories

pytestmark = pytest.mark.django_db

Status = Briefing.Status


def change_url(briefing):
    return reverse("admin:briefings_briefing_change", args=[briefing.pk])


def form_data(response):
    """What the browser would post back for the form on `response`, unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            widget = field.field.widget
            if isinstance(widget, MultiWidget):
                for suffix, part in zip(
                    widget.widgets_names, widget.decompress(value), strict=True
                ):
                    data[field.html_name + suffix] = part
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            else:
                data[field.html_name] = value
    return data


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def own_draft(user, **fields):
    briefing = factories.BriefingFactory(
        status=Status.DRAFT, published_at=None, created_by=user, **fields
    )
    briefing.authors.add(user)
    return briefing


# Every model


@pytest.mark.parametrize(
    "model",
    [
        "actor",
        "briefing",
        "correction",
        "faqentry",
        "office",
        "place",
        "quote",
        "source",
        "tenure",
        "topic",
    ],
)
def test_every_model_has_a_list_and_an_add_form_for_editors(client, editor, model):
    client.force_login(editor)

    assert client.get(reverse(f"admin:briefings_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:briefings_{model}_add")).status_code == 200


def test_the_quote_list_prints_dates_as_precisely_as_they_are_known(client, editor):
    factories.QuoteFactory(said_on=datetime.date(2022, 2, 1), said_on_precision="month")
    client.force_login(editor)

    page = client.get(reverse("admin:briefings_quote_changelist")).content.decode()

    assert "Feb 2022" in page
    assert "1 Feb 2022" not in page


def test_a_duplicate_quote_entered_in_the_admin_is_refused_with_a_message_not_a_crash(
    client, editor
):
    existing = factories.QuoteFactory(text="Weapons are the way to peace.")
    client.force_login(editor)

    response = client.post(
        reverse("admin:briefings_quote_add"),
        {
            "text": "  “Weapons are the way to  peace.”",
            "language": "en",
            "speaker": existing.speaker.pk,
            "verification": "reported",
        },
    )

    assert response.status_code == 200
    assert "This speaker&#x27;s quote is stored already" in response.content.decode()
    assert existing.speaker.quotes.count() == 1


def test_a_quote_marked_verified_without_a_source_is_refused_in_the_admin(client, editor):
    speaker = factories.ActorFactory()
    client.force_login(editor)

    response = client.post(
        reverse("admin:briefings_quote_add"),
        {
            "text": "We will see.",
            "language": "en",
            "speaker": speaker.pk,
            "verification": "verified",
        },
    )

    assert response.status_code == 200
    assert "A verified quote needs its primary source" in response.content.decode()
    assert not speaker.quotes.exists()


# Roles


def test_a_contributor_lists_their_own_briefings_and_public_ones_but_no_one_elses_drafts(
    client, contributor
):
    mine = own_draft(contributor, title="My own draft")
    factories.BriefingFactory(title="Somebody else's briefing")
    factories.BriefingFactory(title="Somebody else's draft", status=Status.DRAFT, published_at=None)
    client.force_login(contributor)

    page = client.get(reverse("admin:briefings_briefing_changelist")).content.decode()

    assert mine.title in page
    assert "Somebody else&#x27;s briefing" in page  # public: readable, not changeable
    assert "Somebody else&#x27;s draft" not in page


def test_a_contributor_cannot_open_someone_elses_briefing(client, contributor):
    other = factories.BriefingFactory(status=Status.DRAFT, published_at=None)
    client.force_login(contributor)

    response = client.get(change_url(other))

    assert response.status_code == 302  # the admin's "does not exist" redirect
    assert other.title not in client.get(response.url).content.decode()


def test_a_contributor_edits_their_draft_without_status_dates_featured_or_corrections(
    client, contributor
):
    draft = own_draft(contributor)
    client.force_login(contributor)

    response = client.get(change_url(draft))
    form = response.context["adminform"].form

    assert response.status_code == 200
    assert "title" in form.fields
    assert not {"status", "published_at", "featured"} & set(form.fields)
    assert not any(
        inline.opts.model.__name__ == "Correction"
        for inline in response.context["inline_admin_formsets"]
    )


def test_a_contributors_briefing_in_review_is_read_only_to_them(client, contributor):
    draft = own_draft(contributor)
    Briefing.objects.filter(pk=draft.pk).update(status=Status.IN_REVIEW)
    client.force_login(contributor)

    response = client.get(change_url(draft))

    assert response.status_code == 200
    assert response.context["title"] == "View briefing"
    assert client.post(change_url(draft), {"title": "Changed"}).status_code == 403


def test_contributors_are_not_offered_the_editors_actions(client, contributor):
    own_draft(contributor)
    client.force_login(contributor)

    response = client.get(reverse("admin:briefings_briefing_changelist"))
    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]

    assert "submit_for_review" in actions
    assert not {"publish", "unpublish", "archive", "delete_selected"} & set(actions)


# No lost edits


def test_the_second_of_two_saves_from_the_same_version_is_refused_with_what_changed(
    client, editor, editor_user
):
    briefing = factories.BriefingFactory(body="## One\n\nThe first paragraph.\n")
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    # Meanwhile another editor saves the same briefing.
    other = Client()
    other.force_login(editor_user)
    other_data = form_data(other.get(change_url(briefing)))
    other_data |= {"title": "Their new title", "body": "## One\n\nThe first paragraph, revised.\n"}
    assert other.post(change_url(briefing), other_data).status_code == 302

    data["standfirst"] = "My own standfirst."
    response = client.post(change_url(briefing), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Not saved: " in page and "role-editor" in page
    assert "Their new title" in page
    assert "<ins>, revised</ins>" in page
    stored = Briefing.objects.get(pk=briefing.pk)
    assert stored.title == "Their new title"
    assert stored.standfirst != "My own standfirst."
    assert stored.version == 2


def test_a_save_racing_past_the_form_check_is_refused_by_the_service_and_writes_nothing(
    client, editor
):
    briefing = factories.BriefingFactory()
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    data["title"] = "Mine"
    real_check = safe_save.stale_edit_error
    calls = []

    def check_before_the_other_save(pk, version):
        # The other save lands just after this form's check passed. (The view's rollback undoes
        # it in this single-connection test, so it lands again before the second check.)
        calls.append(version)
        Briefing.objects.filter(pk=pk).update(version=version + 1, title="Theirs")
        return None if len(calls) == 1 else real_check(pk, version)

    with mock.patch.object(safe_save, "stale_edit_error", check_before_the_other_save):
        response = client.post(change_url(briefing), data)

    assert response.status_code == 200
    assert "Not saved: " in response.content.decode()
    assert Briefing.objects.get(pk=briefing.pk).title == "Theirs"


def test_a_form_without_its_version_is_refused(client, editor):
    briefing = factories.BriefingFactory()
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    del data["version"]
    data["title"] = "Mine"

    response = client.post(change_url(briefing), data)

    assert response.status_code == 200
    assert "does not say which version" in response.content.decode()
    assert Briefing.objects.get(pk=briefing.pk).title != "Mine"


def test_a_save_from_the_admin_goes_through_the_service_and_bumps_the_version(client, editor):
    briefing = factories.BriefingFactory()
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    data["title"] = "A better title"

    assert client.post(change_url(briefing), data).status_code == 302

    stored = Briefing.objects.get(pk=briefing.pk)
    assert (stored.title, stored.version) == ("A better title", 2)
    assert stored.history.first().history_user == editor


# The workflow


def test_a_contributor_submits_their_draft_for_review_from_the_form(client, contributor):
    draft = own_draft(contributor)
    client.force_login(contributor)
    data = form_data(client.get(change_url(draft)))

    response = client.post(change_url(draft), {**data, "_workflow": "submit_for_review"})

    assert response.status_code == 302
    assert Briefing.objects.get(pk=draft.pk).status == Status.IN_REVIEW
    assert f"“{draft.title}” submitted for review." in messages_of(response)


def test_an_editor_publishes_from_the_form_and_the_page_offers_what_comes_next(client, editor):
    briefing = factories.BriefingFactory(status=Status.IN_REVIEW, published_at=None)
    client.force_login(editor)
    page = client.get(change_url(briefing))
    assert [step.name for step in page.context["workflow_steps"]] == [
        "publish",
        "unpublish",
        "archive",
    ]

    client.post(change_url(briefing), {**form_data(page), "_workflow": "publish"})

    stored = Briefing.objects.get(pk=briefing.pk)
    assert stored.is_public
    assert stored.history.first().history_change_reason == "Published"
    steps = client.get(change_url(briefing)).context["workflow_steps"]
    assert [step.name for step in steps] == ["unpublish", "archive"]


def test_list_actions_report_each_success_and_each_refusal(client, editor):
    draft = factories.BriefingFactory(status=Status.DRAFT, published_at=None)
    archived = factories.BriefingFactory(status=Status.ARCHIVED)
    client.force_login(editor)

    response = client.post(
        reverse("admin:briefings_briefing_changelist"),
        {"action": "submit_for_review", "_selected_action": [draft.pk, archived.pk]},
    )

    assert response.status_code == 302
    notes = messages_of(response)
    assert f"“{draft.title}” submitted for review." in notes
    assert any(note.startswith(f"“{archived.title}” was not submitted") for note in notes)
    assert Briefing.objects.get(pk=archived.pk).status == Status.ARCHIVED


def test_save_and_preview_opens_the_public_page(client, editor):
    briefing = factories.BriefingFactory(status=Status.DRAFT, published_at=None)
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))

    response = client.post(change_url(briefing), {**data, "_saveandpreview": "1"})

    assert response.status_code == 302
    assert response.url == briefing.get_absolute_url()
    assert "Draft preview" in client.get(response.url).content.decode()


# Markdown preview


def test_the_preview_renders_markdown_like_the_site(client, editor):
    client.force_login(editor)

    response = client.post(
        reverse("admin:briefings_markdown_preview"), {"text": "## Heading\n\n**bold** <b>x</b>"}
    )

    html = response.json()["html"]
    assert '<h2 id="heading">Heading</h2>' in html
    assert "<strong>bold</strong>" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_the_preview_is_for_writers_only_by_post_and_limited_in_size(client, editor):
    url = reverse("admin:briefings_markdown_preview")
    assert client.post(url, {"text": "x"}).status_code == 403
    assert client.post(url, {"text": "x"}).json()["error"]
    # Staff without an editorial role write nothing, so they preview nothing either.
    client.force_login(factories.UserFactory(is_staff=True))
    assert client.post(url, {"text": "x"}).status_code == 403
    client.force_login(editor)
    assert client.get(url).status_code == 405

    response = client.post(url, {"text": "x" * 200_001})

    assert response.status_code == 400
    assert "too long" in json.loads(response.content)["error"]


# Actors


def test_merging_actors_asks_which_survives_then_moves_everything_and_redirects(client, editor):
    keep = factories.ActorFactory(name="Volodymyr Zelensky", slug="volodymyr-zelensky")
    duplicate = factories.ActorFactory(name="Volodymyr Zelenskyy", slug="volodymyr-zelenskyy")
    factories.QuoteFactory(speaker=duplicate)
    factories.ActorAliasFactory(actor=duplicate, name="Zelenskyi")
    client.force_login(editor)
    url = reverse("admin:briefings_actor_changelist")
    selection = {"action": "merge_actors", "_selected_action": [keep.pk, duplicate.pk]}

    confirm = client.post(url, selection)
    assert confirm.status_code == 200
    assert confirm.context["survivor"] == duplicate  # the one with the most to move
    response = client.post(url, {**selection, "post": "yes", "survivor": keep.pk})

    assert response.status_code == 302
    assert any(
        "/actors/volodymyr-zelenskyy/ now redirects" in note for note in messages_of(response)
    )
    assert keep.quotes.count() == 1
    assert ActorRedirect.objects.get(old_slug="volodymyr-zelenskyy").actor == keep


def test_contributors_are_not_offered_the_merge(client, contributor):
    client.force_login(contributor)

    page = client.get(reverse("admin:briefings_actor_changelist")).content.decode()

    assert "merge_actors" not in page


# Quotes


def test_mark_verified_verifies_quotes_with_a_source_and_names_the_ones_without(client, editor):
    sourced = factories.QuoteFactory(source=factories.SourceFactory())
    unsourced = factories.QuoteFactory(text="Nobody wrote this down.")
    client.force_login(editor)

    response = client.post(
        reverse("admin:briefings_quote_changelist"),
        {"action": "mark_verified", "_selected_action": [sourced.pk, unsourced.pk]},
    )

    notes = messages_of(response)
    assert "Marked 1 quote verified." in notes
    assert any("Nobody wrote this down." in note and "no primary source" in note for note in notes)
    assert Quote.objects.get(pk=sourced.pk).verified_by == editor
    assert Quote.objects.get(pk=unsourced.pk).verification == Quote.Verification.REPORTED


def test_a_quote_saved_without_a_tenure_gets_the_office_held_on_the_date_said(client, editor):
    tenure = factories.TenureFactory(started_on=datetime.date(2024, 10, 1))
    client.force_login(editor)

    response = client.post(
        reverse("admin:briefings_quote_add"),
        {
            "text": "Today was really about security guarantees.",
            "language": "en",
            "speaker": tenure.actor.pk,
            "said_on": "2025-08-18",
            "said_on_precision": "day",
            "verification": "reported",
        },
    )

    quote = Quote.objects.get(speaker=tenure.actor)
    assert quote.tenure == tenure
    assert any(note.startswith("Tenure set to") for note in messages_of(response))


# History


def test_the_history_shows_who_changed_what_with_a_line_diff_for_the_body(client, editor):
    briefing = factories.BriefingFactory(body="## One\n\nOld words here.\n")
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    client.post(change_url(briefing), {**data, "body": "## One\n\nNew words here.\n"})

    page = client.get(
        reverse("admin:briefings_briefing_history", args=[briefing.pk])
    ).content.decode()

    assert "<del>Old</del>" in page
    assert "<ins>New</ins>" in page
    assert "Edited" in page


def test_restoring_an_earlier_version_saves_it_as_the_newest_through_the_service(client, editor):
    briefing = factories.BriefingFactory(title="The original title")
    first = briefing.history.get()
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    client.post(change_url(briefing), {**data, "title": "A later title"})
    restore_url = reverse(
        "admin:briefings_briefing_simple_history", args=[briefing.pk, first.history_id]
    )

    form = client.get(restore_url)
    assert form.context["adminform"].form["version"].value() == 2
    response = client.post(restore_url, form_data(form))

    assert response.status_code == 302
    stored = Briefing.objects.get(pk=briefing.pk)
    assert (stored.title, stored.version) == ("The original title", 3)
    assert stored.history.first().history_change_reason.startswith("Restored version from ")


def test_a_contributor_restores_an_earlier_version_of_their_own_draft(client, contributor):
    draft = own_draft(contributor, title="First thoughts")
    first = draft.history.get()
    client.force_login(contributor)
    client.post(change_url(draft), {**form_data(client.get(change_url(draft))), "title": "Later"})
    restore_url = reverse(
        "admin:briefings_briefing_simple_history", args=[draft.pk, first.history_id]
    )

    response = client.post(restore_url, form_data(client.get(restore_url)))

    assert response.status_code == 302
    stored = Briefing.objects.get(pk=draft.pk)
    assert (stored.title, stored.status, stored.version) == ("First thoughts", Status.DRAFT, 3)


def test_restoring_a_published_briefings_old_draft_keeps_it_published(client, editor):
    briefing = factories.BriefingFactory(status=Status.DRAFT, published_at=None, title="Draft")
    draft_version = briefing.history.get()
    client.force_login(editor)
    page = client.get(change_url(briefing))
    client.post(change_url(briefing), {**form_data(page), "_workflow": "publish"})
    restore_url = reverse(
        "admin:briefings_briefing_simple_history", args=[briefing.pk, draft_version.history_id]
    )

    client.post(restore_url, form_data(client.get(restore_url)))

    assert Briefing.objects.get(pk=briefing.pk).is_public


def test_restoring_an_actor_records_why(client, editor):
    actor = factories.ActorFactory(short_description="Before")
    first = actor.history.get()
    actor.short_description = "After"
    actor.save()
    client.force_login(editor)
    restore_url = reverse("admin:briefings_actor_simple_history", args=[actor.pk, first.history_id])

    response = client.post(restore_url, form_data(client.get(restore_url)))

    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.short_description == "Before"
    assert actor.history.first().history_change_reason.startswith("Restored version from ")


def test_someone_who_may_only_view_an_actor_cannot_restore_it(client, contributor):
    actor = factories.ActorFactory()
    client.force_login(contributor)
    restore_url = reverse(
        "admin:briefings_actor_simple_history", args=[actor.pk, actor.history.get().history_id]
    )

    assert client.get(restore_url).status_code == 200
    assert client.post(restore_url, {"name": "Renamed"}).status_code == 403


def test_a_contributor_adds_faq_entries_only_to_their_own_drafts(client, contributor):
    others = factories.BriefingFactory(status=Status.DRAFT, published_at=None)
    client.force_login(contributor)

    response = client.post(
        reverse("admin:briefings_faqentry_add"),
        {"question": "Why?", "answer": "Because.", "briefing": others.pk, "order": 0},
    )

    assert response.status_code == 200
    assert "own draft briefings" in response.content.decode()


def test_a_contributor_cannot_restore_a_briefing_they_may_not_edit(client, contributor):
    draft = own_draft(contributor)
    first = draft.history.get()
    Briefing.objects.filter(pk=draft.pk).update(status=Status.IN_REVIEW)
    client.force_login(contributor)
    restore_url = reverse(
        "admin:briefings_briefing_simple_history", args=[draft.pk, first.history_id]
    )

    assert client.post(restore_url, {"title": "x"}).status_code == 403


# The index


def test_the_index_shows_what_needs_attention_in_a_constant_number_of_queries(
    client, editor, django_assert_num_queries
):
    client.force_login(editor)
    factories.BriefingFactory(status=Status.IN_REVIEW, published_at=None, title="Please review")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("admin:index"))

    for _ in range(5):
        factories.BriefingFactory(status=Status.IN_REVIEW, published_at=None)
        factories.BriefingFactory()
    with django_assert_num_queries(len(few)):
        page = client.get(reverse("admin:index")).content.decode()

    assert "Awaiting review" in page
    assert "Please review" in page
    assert "?status__exact=in_review" in page


def test_the_briefing_list_costs_the_same_queries_for_few_and_many_rows(
    client, editor, django_assert_num_queries
):
    client.force_login(editor)
    factories.BriefingFactory()
    url = reverse("admin:briefings_briefing_changelist")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        briefing = factories.BriefingFactory()
        briefing.authors.add(factories.UserFactory())

    with django_assert_num_queries(len(few)):
        client.get(url)


def test_the_briefing_forms_rows_are_saved_through_their_services(client, editor):
    briefing = factories.BriefingFactory()
    entry = factories.FAQEntryFactory(briefing=briefing, question="Why now?", answer="Because.")
    client.force_login(editor)
    data = form_data(client.get(change_url(briefing)))
    [row] = [
        key.removesuffix("id")
        for key, value in data.items()
        if key.startswith("faq_entries-") and key.endswith("-id") and str(value) == str(entry.pk)
    ]

    response = client.post(change_url(briefing), {**data, row + "answer": "Because it is time."})

    assert response.status_code == 302
    newest = entry.history.first()
    assert newest.answer == "Because it is time."
    assert (newest.history_user, newest.history_change_reason) == (editor, "Edited")


def test_a_page_shown_read_only_says_why(client, contributor):
    briefing = factories.BriefingFactory()  # public
    quote = factories.QuoteFactory(text="We will not be moved.")
    factories.BriefingQuoteFactory(briefing=briefing, quote=quote)
    client.force_login(contributor)

    page = client.get(reverse("admin:briefings_quote_change", args=[quote.pk]))

    text = page.content.decode().replace("&#x27;", "'")
    assert page.status_code == 200
    assert 'name="_save"' not in text
    assert "You can read this but not change it: This quote is used by something public" in text
    topic = client.get(reverse("admin:briefings_topic_change", args=[factories.TopicFactory().pk]))
    assert "Topics are editors' work." in topic.content.decode().replace("&#x27;", "'")


def test_an_actors_inline_rows_are_saved_through_the_services(client, editor):
    actor = factories.ActorFactory()
    tenure = factories.TenureFactory(actor=actor, note="")
    client.force_login(editor)
    url = reverse("admin:briefings_actor_change", args=[actor.pk])
    data = form_data(client.get(url))
    [row] = [
        key.removesuffix("id")
        for key, value in data.items()
        if key.startswith("tenures-") and key.endswith("-id") and str(value) == str(tenure.pk)
    ]

    response = client.post(url, {**data, row + "note": "acting"})

    assert response.status_code == 302
    newest = tenure.history.first()
    assert (newest.note, newest.history_user, newest.history_change_reason) == (
        "acting",
        editor,
        "Edited",
    )
