"""The workflow services: status changes with history, safe saves, quote verification, actor merges."""

import contextlib
import datetime
import threading
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from briefings import services
from briefings.models import (
    Actor,
    Briefing,
    BriefingActor,
    Office,
    Quote,
    Tenure,
)
from briefings.services import StaleEditError
from tests import factories

Status = Briefing.Status
NOW = datetime.datetime(2025, 3, 10, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def frozen_now():
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield NOW


def briefing_in(status, **fields):
    published_at = NOW - datetime.timedelta(days=1) if status == Status.PUBLISHED else None
    return factories.BriefingFactory(status=status, published_at=published_at, **fields)


def fresh(briefing):
    return Briefing.objects.get(pk=briefing.pk)


def new_briefing(**fields):
    return Briefing(
        title="Black Sea grain corridor",
        slug="black-sea-grain-corridor",
        standfirst="How the ships keep moving.",
        body="## Routes\n\nShips hug the western coast.",
        **fields,
    )


# The workflow


@pytest.mark.django_db
def test_a_briefing_goes_from_draft_through_review_and_publication_to_the_archive_and_back(
    contributor, editor_user
):
    briefing = services.briefing_save(briefing=new_briefing(), by=contributor)

    services.briefing_submit_for_review(briefing=fresh(briefing), by=contributor)
    assert fresh(briefing).status == Status.IN_REVIEW
    services.briefing_publish(briefing=fresh(briefing), by=editor_user)
    assert fresh(briefing).status == Status.PUBLISHED
    services.briefing_archive(briefing=fresh(briefing), by=editor_user)
    assert fresh(briefing).status == Status.ARCHIVED
    services.briefing_unpublish(briefing=fresh(briefing), by=editor_user)
    assert fresh(briefing).status == Status.DRAFT

    history = fresh(briefing).history.order_by("history_date", "history_id")
    assert [
        (record.status, record.version, record.history_user, record.history_change_reason)
        for record in history
    ] == [
        (Status.DRAFT, 1, contributor, "Created"),
        (Status.IN_REVIEW, 2, contributor, "Submitted for review"),
        (Status.PUBLISHED, 3, editor_user, "Published"),
        (Status.ARCHIVED, 4, editor_user, "Archived"),
        (Status.DRAFT, 5, editor_user, "Returned to draft"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "step", "end", "reason"),
    [
        (
            Status.DRAFT,
            services.briefing_submit_for_review,
            Status.IN_REVIEW,
            "Submitted for review",
        ),
        (Status.DRAFT, services.briefing_publish, Status.PUBLISHED, "Published"),
        (Status.IN_REVIEW, services.briefing_publish, Status.PUBLISHED, "Published"),
        (Status.IN_REVIEW, services.briefing_unpublish, Status.DRAFT, "Returned to draft"),
        (Status.PUBLISHED, services.briefing_unpublish, Status.DRAFT, "Returned to draft"),
        (Status.PUBLISHED, services.briefing_archive, Status.ARCHIVED, "Archived"),
        (Status.DRAFT, services.briefing_archive, Status.ARCHIVED, "Archived"),
        (Status.ARCHIVED, services.briefing_unpublish, Status.DRAFT, "Returned to draft"),
    ],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
def test_each_workflow_step_bumps_the_version_and_records_who_did_it_and_why(
    start, step, end, reason, editor_user
):
    briefing = briefing_in(start)

    step(briefing=fresh(briefing), by=editor_user)

    stored = fresh(briefing)
    latest = stored.history.first()
    assert (stored.status, stored.version) == (end, 2)
    assert (latest.status, latest.version) == (end, 2)
    assert (latest.history_user, latest.history_change_reason) == (editor_user, reason)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "step", "message"),
    [
        (
            Status.PUBLISHED,
            services.briefing_submit_for_review,
            "is published; it cannot be submitted for review.",
        ),
        (
            Status.IN_REVIEW,
            services.briefing_submit_for_review,
            "is in review; it cannot be submitted for review.",
        ),
        (
            Status.ARCHIVED,
            services.briefing_submit_for_review,
            "is archived; it cannot be submitted for review.",
        ),
        (Status.ARCHIVED, services.briefing_publish, "is archived; it cannot be published."),
        (Status.DRAFT, services.briefing_unpublish, "is draft; it cannot be returned to draft."),
        (Status.ARCHIVED, services.briefing_archive, "is archived; it cannot be archived."),
    ],
    ids=[
        "submitting a published briefing",
        "submitting a briefing in review",
        "submitting an archived briefing",
        "publishing an archived briefing",
        "unpublishing a draft",
        "archiving an archived briefing",
    ],
)
def test_an_impossible_step_is_refused_with_a_readable_message_and_changes_nothing(
    start, step, message, editor_user
):
    briefing = briefing_in(start, title="Sanctions on shadow tankers")

    with pytest.raises(ValidationError) as refusal:
        step(briefing=fresh(briefing), by=editor_user)

    assert refusal.value.messages == [f"“Sanctions on shadow tankers” {message}"]
    stored = fresh(briefing)
    assert (stored.status, stored.version, stored.history.count()) == (start, 1, 1)


@pytest.mark.django_db
def test_publishing_without_a_date_makes_the_briefing_public_at_once(
    client, editor_user, frozen_now
):
    briefing = briefing_in(Status.IN_REVIEW)

    services.briefing_publish(briefing=fresh(briefing), by=editor_user)

    stored = fresh(briefing)
    assert stored.published_at == frozen_now
    assert stored.is_public
    assert list(Briefing.objects.published()) == [stored]
    assert client.get(stored.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_briefing_scheduled_for_later_appears_by_itself_when_its_time_comes(
    client, editor_user, frozen_now
):
    briefing = briefing_in(Status.IN_REVIEW)
    at = frozen_now + datetime.timedelta(hours=3)

    services.briefing_publish(briefing=fresh(briefing), by=editor_user, at=at)

    stored = fresh(briefing)
    assert (stored.status, stored.published_at) == (Status.PUBLISHED, at)
    assert stored.history.first().history_change_reason == "Scheduled for 10 Mar 2025 12:30 UTC"
    assert list(Briefing.objects.scheduled()) == [stored]
    assert not Briefing.objects.published().exists()
    assert client.get(stored.get_absolute_url()).status_code == 404

    with mock.patch("django.utils.timezone.now", return_value=at + datetime.timedelta(minutes=1)):
        assert list(Briefing.objects.published()) == [stored]
        assert client.get(stored.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_schedule_note_gives_the_time_in_utc_whatever_zone_it_was_given_in(
    editor_user, frozen_now
):
    kyiv_winter_time = datetime.timezone(datetime.timedelta(hours=2))
    at = datetime.datetime(2025, 3, 10, 14, 30, tzinfo=kyiv_winter_time)

    services.briefing_publish(briefing=briefing_in(Status.IN_REVIEW), by=editor_user, at=at)

    latest = Briefing.history.latest("history_date")
    assert latest.history_change_reason == "Scheduled for 10 Mar 2025 12:30 UTC"


# Saving


@pytest.mark.django_db
def test_creating_a_briefing_records_its_creator_as_its_first_author(contributor):
    briefing = services.briefing_save(briefing=new_briefing(), by=contributor)

    stored = fresh(briefing)
    assert stored.created_by == contributor
    assert list(stored.authors.all()) == [contributor]
    assert (stored.status, stored.version) == (Status.DRAFT, 1)
    assert stored.history.first().history_user == contributor


@pytest.mark.django_db
def test_each_save_bumps_the_version(contributor):
    briefing = services.briefing_save(briefing=new_briefing(), by=contributor)

    briefing = fresh(briefing)
    briefing.title = "Black Sea grain corridor, a year on"
    services.briefing_save(briefing=briefing, by=contributor, expected_version=1)

    assert fresh(briefing).version == 2
    assert fresh(briefing).history.first().history_change_reason == "Edited"


@pytest.mark.django_db
def test_the_second_of_two_editors_saving_the_same_version_is_told_what_changed_and_loses_nothing(
    editor_user, contributor
):
    briefing = briefing_in(Status.DRAFT, created_by=contributor, body="The original body.")
    first, second = fresh(briefing), fresh(briefing)

    first.body = "The first editor's body."
    services.briefing_save(briefing=first, by=editor_user, expected_version=1)
    second.title = "The second editor's title"
    second.body = "The second editor's body."
    with pytest.raises(StaleEditError) as refusal:
        services.briefing_save(briefing=second, by=contributor, expected_version=1)

    error = refusal.value
    assert [(change.field, change.old, change.new) for change in error.changes] == [
        ("body", "The original body.", "The first editor's body.")
    ]
    assert error.changed_by == editor_user
    assert (error.expected_version, error.current_version) == (1, 2)
    assert "role-editor saved this briefing while you were editing it" in str(error)
    assert "they changed: body" in str(error)
    stored = fresh(briefing)
    assert (stored.title, stored.body, stored.version) == (
        briefing.title,
        "The first editor's body.",
        2,
    )
    assert stored.history.count() == 2


@pytest.mark.django_db
def test_a_save_based_on_the_current_version_goes_through_after_a_refusal(editor_user):
    briefing = briefing_in(Status.DRAFT)
    first, second = fresh(briefing), fresh(briefing)
    first.body = "First."
    services.briefing_save(briefing=first, by=editor_user, expected_version=1)
    second.body = "Second, too late."
    with pytest.raises(StaleEditError):
        services.briefing_save(briefing=second, by=editor_user, expected_version=1)

    reloaded = fresh(briefing)
    reloaded.body = "Second, on top of the first."
    services.briefing_save(briefing=reloaded, by=editor_user, expected_version=2)

    stored = fresh(briefing)
    assert (stored.body, stored.version) == ("Second, on top of the first.", 3)


@pytest.mark.django_db
def test_a_workflow_step_on_a_copy_loaded_before_an_edit_keeps_that_edit(editor_user):
    briefing = briefing_in(Status.IN_REVIEW, body="The original body.")
    stale = fresh(briefing)
    edited = fresh(briefing)
    edited.body = "Fixed a date."
    services.briefing_save(briefing=edited, by=editor_user, expected_version=1)

    # Refusing the stale copy would be as good as keeping the edit.
    with contextlib.suppress(StaleEditError):
        services.briefing_publish(briefing=stale, by=editor_user)

    stored = fresh(briefing)
    assert stored.body == "Fixed a date."
    assert stored.history.filter(version=stored.version).count() == 1


@pytest.mark.django_db(transaction=True)
def test_of_two_concurrent_saves_of_one_version_exactly_one_wins_on_postgresql(
    postgres_only, editor_user, contributor
):
    briefing = briefing_in(Status.DRAFT, created_by=contributor)
    both_loaded = threading.Barrier(2, timeout=10)
    outcomes = {}

    def save(body, by):
        try:
            copy = fresh(briefing)
            both_loaded.wait()
            copy.body = body
            services.briefing_save(briefing=copy, by=by, expected_version=copy.version)
            outcomes[body] = "saved"
        except Exception as error:  # reported by the assertions below
            outcomes[body] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=("Editor's body.", editor_user)),
        threading.Thread(target=save, args=("Contributor's body.", contributor)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    saved = [body for body, outcome in outcomes.items() if outcome == "saved"]
    refused = [outcome for outcome in outcomes.values() if isinstance(outcome, StaleEditError)]
    assert (len(saved), len(refused)) == (1, 1), outcomes
    [winner], [refusal] = saved, refused
    assert [(change.field, change.new) for change in refusal.changes] == [("body", winner)]
    stored = fresh(briefing)
    assert (stored.body, stored.version, stored.history.count()) == (winner, 2, 2)


@pytest.mark.django_db
def test_the_history_records_which_fields_an_edit_changed(editor_user):
    briefing = briefing_in(Status.DRAFT)
    edited = fresh(briefing)
    edited.body = "## New analysis\n\nRewritten."
    services.briefing_save(briefing=edited, by=editor_user, expected_version=1)

    latest = fresh(briefing).history.first()
    delta = latest.diff_against(latest.prev_record)

    assert "body" in delta.changed_fields
    assert "title" not in delta.changed_fields
    change = next(change for change in delta.changes if change.field == "body")
    assert change.new == "## New analysis\n\nRewritten."


# Quotes


@pytest.mark.django_db
def test_a_quote_without_a_primary_source_cannot_be_marked_verified(editor_user):
    quote = factories.QuoteFactory(source=None)

    with pytest.raises(ValidationError, match="has no primary source"):
        services.quote_mark_verified(quote=Quote.objects.get(pk=quote.pk), by=editor_user)

    stored = Quote.objects.get(pk=quote.pk)
    assert (stored.verification, stored.verified_by, stored.verified_at) == (
        Quote.Verification.REPORTED,
        None,
        None,
    )
    assert stored.history.count() == 1


@pytest.mark.django_db
def test_marking_a_sourced_quote_verified_records_who_verified_it_and_when(editor_user, frozen_now):
    quote = factories.QuoteFactory(source=factories.SourceFactory())

    services.quote_mark_verified(quote=Quote.objects.get(pk=quote.pk), by=editor_user)

    stored = Quote.objects.get(pk=quote.pk)
    assert (stored.verification, stored.verified_by, stored.verified_at) == (
        Quote.Verification.VERIFIED,
        editor_user,
        frozen_now,
    )
    latest = stored.history.first()
    assert (latest.history_user, latest.history_change_reason) == (editor_user, "Marked verified")


# Merging actors


@pytest.fixture
def zelensky(db):
    return factories.ActorFactory(name="Volodymyr Zelensky", slug="volodymyr-zelensky")


@pytest.fixture
def duplicate(db):
    return factories.ActorFactory(name="Volodymyr Zelenskyy", slug="volodymyr-zelenskyy")


def merge(survivor, duplicate, by):
    return services.actor_merge(
        survivor=Actor.objects.get(pk=survivor.pk),
        duplicate=Actor.objects.get(pk=duplicate.pk),
        by=by,
    )


@pytest.mark.django_db
def test_merging_leaves_one_quote_for_words_both_actors_had_used_by_every_briefing(
    zelensky, duplicate, editor_user
):
    kept = factories.QuoteFactory(speaker=zelensky, text="We are not afraid of anyone.")
    twin = factories.QuoteFactory(speaker=duplicate, text="“We are not  afraid of anyone.”")
    only_duplicates = factories.QuoteFactory(speaker=duplicate, text="We will win.")
    first = factories.BriefingQuoteFactory(quote=kept).briefing
    second = factories.BriefingQuoteFactory(quote=twin).briefing
    both = factories.BriefingFactory()
    factories.BriefingQuoteFactory(briefing=both, quote=kept)
    factories.BriefingQuoteFactory(briefing=both, quote=twin)

    merge(zelensky, duplicate, editor_user)

    assert not Quote.objects.filter(pk=twin.pk).exists()
    assert list(zelensky.quotes.order_by("text")) == [kept, only_duplicates]
    assert list(first.quotes.all()) == [kept]
    assert list(second.quotes.all()) == [kept]
    assert list(both.quotes.all()) == [kept]


@pytest.mark.django_db
def test_merging_combines_the_mentions_of_both_actors_in_one_briefing(
    zelensky, duplicate, editor_user
):
    shared = factories.BriefingActorFactory(actor=zelensky, mention_count=2).briefing
    factories.BriefingActorFactory(briefing=shared, actor=duplicate, mention_count=3)
    only_duplicate = factories.BriefingActorFactory(actor=duplicate, mention_count=1).briefing

    merge(zelensky, duplicate, editor_user)

    assert [
        (link.briefing, link.actor, link.mention_count)
        for link in BriefingActor.objects.order_by("briefing_id")
    ] == [(shared, zelensky, 5), (only_duplicate, zelensky, 1)]


@pytest.mark.django_db
def test_merging_keeps_the_duplicates_name_and_aliases_as_aliases_of_the_survivor(
    zelensky, duplicate, editor_user
):
    factories.ActorAliasFactory(actor=zelensky, name="Зеленський", language="uk")
    factories.ActorAliasFactory(actor=duplicate, name="Зеленський", language="uk")
    factories.ActorAliasFactory(actor=duplicate, name="Zelenski", language="pl")

    merge(zelensky, duplicate, editor_user)

    assert sorted(zelensky.aliases.values_list("name", "language")) == [
        ("Volodymyr Zelenskyy", ""),
        ("Zelenski", "pl"),
        ("Зеленський", "uk"),
    ]
    assert Actor.objects.matching_name("Volodymyr Zelenskyy").get() == zelensky


@pytest.mark.django_db
def test_merging_keeps_one_of_two_identical_tenures_and_repoints_quotes_to_it(
    zelensky, duplicate, editor_user
):
    rada = factories.OfficeFactory(title="Member of the Verkhovna Rada", single_holder=False)
    president = factories.OfficeFactory(title="President of Ukraine")
    kept = factories.TenureFactory(
        actor=zelensky, office=rada, started_on=datetime.date(2019, 5, 20)
    )
    identical = factories.TenureFactory(
        actor=duplicate, office=rada, started_on=datetime.date(2019, 5, 20)
    )
    moved = factories.TenureFactory(
        actor=duplicate, office=president, started_on=datetime.date(2019, 5, 20)
    )
    quote = factories.QuoteFactory(speaker=duplicate, tenure=identical)

    merge(zelensky, duplicate, editor_user)

    assert not Tenure.objects.filter(pk=identical.pk).exists()
    assert list(zelensky.tenures.order_by("office__title")) == [kept, moved]
    assert Quote.objects.get(pk=quote.pk).tenure == kept


@pytest.mark.django_db
def test_merging_moves_the_offices_of_a_duplicate_organisation(editor_user):
    nato = factories.ActorFactory(name="NATO", kind=Actor.Kind.IGO)
    duplicate = factories.ActorFactory(
        name="North Atlantic Treaty Organization", kind=Actor.Kind.IGO
    )
    office = factories.OfficeFactory(title="Secretary General", organisation=duplicate)

    merge(nato, duplicate, editor_user)

    assert Office.objects.get(pk=office.pk).organisation == nato


@pytest.mark.django_db
def test_merging_two_organisations_with_the_same_office_leaves_one_office_with_all_its_holders(
    editor_user,
):
    nato = factories.ActorFactory(name="NATO", kind=Actor.Kind.IGO)
    duplicate = factories.ActorFactory(
        name="North Atlantic Treaty Organization", kind=Actor.Kind.IGO
    )
    office = factories.OfficeFactory(title="Secretary General", organisation=nato)
    twin = factories.OfficeFactory(title="Secretary General", organisation=duplicate)
    rutte = factories.TenureFactory(office=office, started_on=datetime.date(2024, 10, 1))
    stoltenberg = factories.TenureFactory(
        office=twin, started_on=datetime.date(2014, 10, 1), ended_on=datetime.date(2024, 10, 1)
    )

    merge(nato, duplicate, editor_user)

    assert list(nato.offices.all()) == [office]
    assert list(office.tenures.order_by("started_on")) == [stoltenberg, rutte]


@pytest.mark.django_db
def test_a_merged_actor_is_gone_and_its_old_address_redirects_to_the_survivor(
    client, zelensky, duplicate, editor_user
):
    merge(zelensky, duplicate, editor_user)

    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    response = client.get(reverse("briefings:actor_detail", kwargs={"slug": "volodymyr-zelenskyy"}))
    assert response.status_code == 301
    assert response["Location"] == zelensky.get_absolute_url()
    latest = zelensky.history.first()
    assert latest.history_user == editor_user
    assert latest.history_change_reason.startswith("Merged Volodymyr Zelenskyy")


@pytest.mark.django_db
def test_an_address_that_redirected_to_a_merged_actor_follows_it_to_the_survivor(
    client, zelensky, duplicate, editor_user
):
    older = factories.ActorFactory(name="V. Zelensky", slug="v-zelensky")
    merge(duplicate, older, editor_user)

    merge(zelensky, duplicate, editor_user)

    response = client.get(reverse("briefings:actor_detail", kwargs={"slug": "v-zelensky"}))
    assert (response.status_code, response["Location"]) == (301, zelensky.get_absolute_url())


@pytest.mark.django_db
def test_an_actor_cannot_be_merged_into_itself(zelensky, editor_user):
    factories.QuoteFactory(speaker=zelensky)

    with pytest.raises(ValidationError, match="two different actors"):
        merge(zelensky, zelensky, editor_user)

    assert Actor.objects.get(pk=zelensky.pk).quotes.count() == 1
