"""Merging two actors loses nothing: the better-established copy of a shared quote, the profile
the survivor lacks, and a confirmation page that says what will happen before it does."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from briefings import services
from briefings.models import Actor, ActorAlias, BriefingQuote, Place, Quote, Tenure
from tests import factories

pytestmark = pytest.mark.django_db

Verification = Quote.Verification
WORDS = "We are not afraid of anyone."


@pytest.fixture
def zelensky(db):
    return factories.ActorFactory(
        name="Volodymyr Zelensky", slug="volodymyr-zelensky", short_description=""
    )


@pytest.fixture
def duplicate(db):
    return factories.ActorFactory(
        name="Volodymyr Zelenskyy", slug="volodymyr-zelenskyy", short_description=""
    )


def merge(survivor, duplicate, by, **kwargs):
    return services.actor_merge(
        survivor=Actor.objects.get(pk=survivor.pk),
        duplicate=Actor.objects.get(pk=duplicate.pk),
        by=by,
        **kwargs,
    )


def plan_for(survivor, duplicate):
    return services.actor_merge_plan(
        survivor=Actor.objects.get(pk=survivor.pk), duplicate=Actor.objects.get(pk=duplicate.pk)
    )


def verified_copy(speaker, editor, **fields):
    return factories.QuoteFactory(
        speaker=speaker,
        text=f"“{WORDS}”",
        verification=Verification.VERIFIED,
        source=factories.SourceFactory(title="Address to the nation, transcript"),
        source_locator="para. 12",
        verified_by=editor,
        verified_at=timezone.now() - datetime.timedelta(days=3),
        said_on=datetime.date(2022, 2, 25),
        occasion="Video address from Kyiv",
        **fields,
    )


def quotes_in(briefing):
    return [(link.quote_id, link.order) for link in BriefingQuote.objects.filter(briefing=briefing)]


# Quotes both actors have


def test_a_verified_copy_of_the_duplicate_stays_with_its_source_and_every_briefing_uses_it(
    zelensky, duplicate, editor_user
):
    ours = factories.QuoteFactory(
        speaker=zelensky, text=WORDS, verification=Verification.UNVERIFIED, source=None
    )
    office = factories.OfficeFactory(title="President of Ukraine")
    held = factories.TenureFactory(
        actor=duplicate, office=office, started_on=datetime.date(2019, 5, 20)
    )
    theirs = verified_copy(duplicate, editor_user, tenure=held)
    only_ours = factories.BriefingQuoteFactory(quote=ours, order=2).briefing
    only_theirs = factories.BriefingQuoteFactory(quote=theirs, order=4).briefing
    both = factories.BriefingFactory()
    other = factories.QuoteFactory()
    factories.BriefingQuoteFactory(briefing=both, quote=theirs, order=1)
    factories.BriefingQuoteFactory(briefing=both, quote=other, order=3)
    factories.BriefingQuoteFactory(briefing=both, quote=ours, order=5)

    merge(zelensky, duplicate, editor_user)

    assert not Quote.objects.filter(pk=ours.pk).exists()
    kept = Quote.objects.get(pk=theirs.pk)
    assert kept.speaker == zelensky
    assert (kept.verification, kept.source, kept.source_locator) == (
        Verification.VERIFIED,
        theirs.source,
        "para. 12",
    )
    assert (kept.verified_by, kept.verified_at) == (editor_user, theirs.verified_at)
    assert (kept.said_on, kept.occasion) == (datetime.date(2022, 2, 25), "Video address from Kyiv")
    assert kept.tenure == held and Tenure.objects.get(pk=held.pk).actor == zelensky
    assert list(zelensky.quotes.all()) == [kept]
    assert quotes_in(only_ours) == [(kept.pk, 2)]
    assert quotes_in(only_theirs) == [(kept.pk, 4)]
    assert quotes_in(both) == [(kept.pk, 1), (other.pk, 3)]  # once, at the earlier place

    latest = kept.history.first()
    assert latest.history_user == editor_user
    assert f"quote #{ours.pk}" in latest.history_change_reason
    assert "verified" in latest.history_change_reason
    deleted = Quote.history.filter(id=ours.pk).first()
    assert (deleted.history_type, deleted.history_user) == ("-", editor_user)
    assert f"Merged into quote #{theirs.pk}" in deleted.history_change_reason


def test_the_kept_copy_takes_the_survivors_tenure_when_the_two_tenures_are_merged(
    zelensky, duplicate, editor_user
):
    office = factories.OfficeFactory(title="Member of the Verkhovna Rada", single_holder=False)
    started = datetime.date(2019, 8, 29)
    ours_tenure = factories.TenureFactory(actor=zelensky, office=office, started_on=started)
    theirs_tenure = factories.TenureFactory(actor=duplicate, office=office, started_on=started)
    factories.QuoteFactory(speaker=zelensky, text=WORDS, source=None)
    theirs = verified_copy(duplicate, editor_user, tenure=theirs_tenure)

    merge(zelensky, duplicate, editor_user)

    assert Quote.objects.get(pk=theirs.pk).tenure == ours_tenure
    assert not Tenure.objects.filter(pk=theirs_tenure.pk).exists()


def test_the_survivors_copy_stays_when_it_is_as_well_established(zelensky, duplicate, editor_user):
    ours = verified_copy(zelensky, editor_user)
    theirs = verified_copy(duplicate, editor_user)

    merge(zelensky, duplicate, editor_user)

    assert list(Quote.objects.all()) == [ours]
    assert not Quote.objects.filter(pk=theirs.pk).exists()


def test_a_copy_with_a_source_beats_one_without_and_a_disputed_copy_deleted_is_flagged(
    zelensky, duplicate
):
    factories.QuoteFactory(speaker=zelensky, text=WORDS, verification=Verification.DISPUTED)
    theirs = factories.QuoteFactory(
        speaker=duplicate,
        text=WORDS,
        verification=Verification.REPORTED,
        source=factories.SourceFactory(),
    )

    (merged,) = plan_for(zelensky, duplicate).merged_quotes

    assert merged.kept == theirs and merged.kept_from_duplicate
    assert merged.reason == "it cites a primary source, the other copy does not"
    assert merged.caution == "The deleted copy was marked disputed."


# The profile


def test_the_profile_fields_the_survivor_lacks_are_filled_from_the_duplicate(
    zelensky, duplicate, editor_user
):
    ukraine = factories.PlaceFactory(name="Ukraine", kind=Place.Kind.COUNTRY)
    Actor.objects.filter(pk=duplicate.pk).update(
        short_description="President of Ukraine since 2019",
        bio="Actor, then **president**.",
        wikidata_id="Q3874799",
        born_on=datetime.date(1978, 1, 25),
        born_on_precision="day",
        country=ukraine,
    )

    merge(zelensky, duplicate, editor_user)

    zelensky.refresh_from_db()
    assert zelensky.short_description == "President of Ukraine since 2019"
    assert zelensky.bio == "Actor, then **president**."
    assert "<strong>president</strong>" in zelensky.bio_html
    assert zelensky.wikidata_id == "Q3874799"
    assert (zelensky.born_on, zelensky.born_on_precision) == (datetime.date(1978, 1, 25), "day")
    assert zelensky.country == ukraine
    reason = zelensky.history.first().history_change_reason
    assert reason.startswith("Merged Volodymyr Zelenskyy")
    assert reason.endswith("; 5 fields filled from it")


@pytest.mark.django_db(transaction=True)
def test_the_wikidata_id_moves_to_the_survivor_without_breaking_its_uniqueness(roles):
    editor = factories.UserFactory(username="merging-editor", is_staff=True, is_superuser=True)
    survivor = factories.ActorFactory(name="Mark Rutte", short_description="")
    # The same name and description twice is unique too: the duplicate differs only in its ID.
    duplicate = factories.ActorFactory(
        name="Mark Rutte", slug="mark-rutte-2", short_description="NATO Secretary General"
    )
    Actor.objects.filter(pk=duplicate.pk).update(wikidata_id="Q57792")

    services.actor_merge(survivor=survivor, duplicate=duplicate, by=editor)

    assert list(Actor.objects.values_list("pk", "wikidata_id", "short_description")) == [
        (survivor.pk, "Q57792", "NATO Secretary General")
    ]


def test_fields_both_have_and_that_differ_stay_the_survivors_and_are_reported(
    zelensky, duplicate, editor_user
):
    Actor.objects.filter(pk=zelensky.pk).update(
        short_description="President of Ukraine",
        born_on=datetime.date(1978, 1, 25),
        born_on_precision="day",
    )
    Actor.objects.filter(pk=duplicate.pk).update(
        short_description="Ukrainian comedian",
        kind=Actor.Kind.OTHER,
        born_on=datetime.date(1978, 1, 1),
        born_on_precision="year",
    )

    plan = plan_for(zelensky, duplicate)
    merge(zelensky, duplicate, editor_user)

    assert plan.filled_fields == []
    assert [
        (field.label, field.survivor_value, field.duplicate_value) for field in plan.dropped_fields
    ] == [
        ("Kind", "Person", "Other"),
        ("Short description", "President of Ukraine", "Ukrainian comedian"),
        ("Born or founded", "25 Jan 1978", "1978"),
    ]
    zelensky.refresh_from_db()
    assert (zelensky.kind, zelensky.short_description) == (
        Actor.Kind.PERSON,
        "President of Ukraine",
    )
    assert zelensky.born_on == datetime.date(1978, 1, 25)


def test_a_field_that_would_clash_is_reported_and_not_filled(zelensky, duplicate, editor_user):
    factories.ActorFactory(
        name="Volodymyr Zelensky", slug="namesake", short_description="Footballer"
    )
    Actor.objects.filter(pk=zelensky.pk).update(
        died_on=datetime.date(1990, 1, 1), died_on_precision="day"
    )
    Actor.objects.filter(pk=duplicate.pk).update(
        short_description="Footballer", born_on=datetime.date(1995, 3, 1), born_on_precision="day"
    )

    plan = plan_for(zelensky, duplicate)
    merge(zelensky, duplicate, editor_user)

    notes = {field.name: field.note for field in plan.dropped_fields}
    assert notes["short_description"].startswith("not filled: another actor")
    assert notes["born_on"].startswith("not filled: the end date would come before")
    zelensky.refresh_from_db()
    assert (zelensky.short_description, zelensky.born_on) == ("", None)


def test_an_alias_that_is_the_survivors_own_name_is_dropped(zelensky, duplicate, editor_user):
    own_name = factories.ActorAliasFactory(actor=duplicate, name="Volodymyr Zelensky")
    other = factories.ActorAliasFactory(actor=duplicate, name="Zelenskyi")

    plan = plan_for(zelensky, duplicate)
    merge(zelensky, duplicate, editor_user)

    assert (plan.moved_aliases, plan.dropped_aliases) == ([other], [own_name])
    assert sorted(zelensky.aliases.values_list("name", flat=True)) == [
        "Volodymyr Zelenskyy",
        "Zelenskyi",
    ]


# The plan and the merge agree


def test_a_merge_whose_plan_changed_since_it_was_shown_is_refused(zelensky, duplicate, editor_user):
    shown = plan_for(zelensky, duplicate)
    factories.QuoteFactory(speaker=duplicate, text="Said after the page was shown.")

    with pytest.raises(services.ActorMergeChanged, match="nothing was merged"):
        merge(zelensky, duplicate, editor_user, expected=shown.fingerprint)

    assert Actor.objects.filter(pk=duplicate.pk).exists()
    merge(zelensky, duplicate, editor_user, expected=plan_for(zelensky, duplicate).fingerprint)
    assert not Actor.objects.filter(pk=duplicate.pk).exists()


def test_plans_for_several_duplicates_are_made_in_turn_and_write_nothing(
    zelensky, duplicate, editor_user
):
    third = factories.ActorFactory(name="V. Zelensky", slug="v-zelensky", short_description="")
    first_copy = factories.QuoteFactory(speaker=duplicate, text=WORDS)
    second_copy = factories.QuoteFactory(speaker=third, text=WORDS)

    first, second = services.actor_merge_plans(
        survivor=zelensky, duplicates=[duplicate, third], by=editor_user
    )

    assert first.moved_quotes == [first_copy]
    assert [(m.kept, m.dropped) for m in second.merged_quotes] == [(first_copy, second_copy)]
    assert Actor.objects.count() == 3
    assert Quote.objects.get(pk=first_copy.pk).speaker == duplicate
    assert not ActorAlias.objects.exists()


def test_only_editors_may_plan_or_merge(zelensky, duplicate, contributor):
    with pytest.raises(PermissionDenied):
        merge(zelensky, duplicate, contributor)
    with pytest.raises(PermissionDenied):
        services.actor_merge_plans(survivor=zelensky, duplicates=[duplicate], by=contributor)

    assert Actor.objects.count() == 2


# The admin's confirmation page


@pytest.fixture
def merge_case(zelensky, duplicate, editor_user):
    """Two records of one person, with something of each kind to move, fill, merge or drop."""
    Actor.objects.filter(pk=zelensky.pk).update(short_description="President of Ukraine")
    Actor.objects.filter(pk=duplicate.pk).update(
        short_description="Comedian", wikidata_id="Q3874799", bio="Born in Kryvyi Rih."
    )
    factories.QuoteFactory(speaker=zelensky, text=WORDS, source=None)
    verified_copy(duplicate, editor_user)
    factories.QuoteFactory(speaker=duplicate, text="I need ammunition, not a ride.")
    factories.ActorAliasFactory(actor=duplicate, name="Zelenskyi", language="en")
    factories.TenureFactory(
        actor=duplicate,
        office=factories.OfficeFactory(title="President of Ukraine"),
        started_on=datetime.date(2019, 5, 20),
    )
    briefing = factories.BriefingFactory(title="The first days of the invasion")
    factories.BriefingActorFactory(briefing=briefing, actor=duplicate)
    return zelensky, duplicate


def plan_section(page, actor):
    """The part of the page that says what happens if `actor` is kept."""
    start = page.index(f'id="merge-plan-{actor.pk}"')
    end = page.find('<section class="merge-plan"', start)
    return page[start : end if end != -1 else None]


def test_the_confirmation_page_says_what_will_happen_to_each_thing(client, merge_case, editor_user):
    zelensky, duplicate = merge_case
    client.force_login(editor_user)
    url = reverse("admin:briefings_actor_changelist")
    selection = {"action": "merge_actors", "_selected_action": [zelensky.pk, duplicate.pk]}

    response = client.post(url, {**selection, "survivor": zelensky.pk})

    assert response.status_code == 200
    page = plan_section(response.content.decode(), zelensky)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).replace("&#x27;", "'")
    assert "“Volodymyr Zelenskyy” is merged into “Volodymyr Zelensky” and deleted" in text
    assert "/actors/volodymyr-zelenskyy/ will redirect to /actors/volodymyr-zelensky/" in text
    assert "“Volodymyr Zelenskyy” becomes an alias" in text
    # The quotes: one moves, one is merged, the duplicate's verified copy kept, and why.
    assert "“I need ammunition, not a ride.”" in text
    assert "Kept: the copy of “Volodymyr Zelenskyy”, Verified , source:" in text
    assert "Deleted: the copy of “Volodymyr Zelensky”, Reported , no source" in text
    assert "Why: It is verified against its primary source, the other copy is reported." in text
    # The profile: filled from the duplicate, and what differs and is dropped.
    assert "Wikidata ID (empty) Q3874799 Filled from “Volodymyr Zelenskyy”" in text
    assert "Bio (empty) Born in Kryvyi Rih. Filled from" in text
    assert "Short description President of Ukraine Comedian Dropped: differs" in text
    # Aliases, offices held, briefings.
    assert "Move to “Volodymyr Zelensky”: “Zelenskyi” (en)." in text
    assert "Move to “Volodymyr Zelensky”: President of Ukraine (2019–present)." in text
    assert "“The first days of the invasion”" in text


def test_confirming_carries_out_the_plan_shown(client, merge_case, editor_user):
    zelensky, duplicate = merge_case
    client.force_login(editor_user)
    url = reverse("admin:briefings_actor_changelist")
    selection = {"action": "merge_actors", "_selected_action": [zelensky.pk, duplicate.pk]}
    shown = client.post(url, selection).content.decode()
    fingerprints = re.search(rf'name="plan-{zelensky.pk}" value="([^"]+)"', shown)[1]

    response = client.post(
        url,
        {**selection, "post": "yes", "survivor": zelensky.pk, f"plan-{zelensky.pk}": fingerprints},
    )

    assert response.status_code == 302
    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    zelensky.refresh_from_db()
    assert (zelensky.wikidata_id, zelensky.short_description) == (
        "Q3874799",
        "President of Ukraine",
    )
    assert zelensky.quotes.get(text__contains="afraid").verification == Verification.VERIFIED


def test_a_page_that_no_longer_shows_what_would_happen_merges_nothing_and_shows_it_again(
    client, merge_case, editor_user
):
    zelensky, duplicate = merge_case
    client.force_login(editor_user)
    url = reverse("admin:briefings_actor_changelist")
    selection = {"action": "merge_actors", "_selected_action": [zelensky.pk, duplicate.pk]}
    shown = client.post(url, selection).content.decode()
    fingerprints = re.search(rf'name="plan-{zelensky.pk}" value="([^"]+)"', shown)[1]
    factories.ActorAliasFactory(actor=duplicate, name="Selenskyj", language="de")

    response = client.post(
        url,
        {**selection, "post": "yes", "survivor": zelensky.pk, f"plan-{zelensky.pk}": fingerprints},
    )

    assert response.status_code == 200
    assert "Nothing was merged" in response.content.decode()
    assert "“Selenskyj” (de)" in plan_section(response.content.decode(), zelensky)
    assert Actor.objects.filter(pk=duplicate.pk).exists()
    assert not list(get_messages(response.wsgi_request))


def test_three_actors_merge_in_the_order_shown(client, zelensky, duplicate, editor_user):
    third = factories.ActorFactory(name="V. Zelensky", slug="v-zelensky", short_description="")
    factories.QuoteFactory(speaker=duplicate, text=WORDS)
    factories.QuoteFactory(speaker=third, text=WORDS)
    client.force_login(editor_user)
    url = reverse("admin:briefings_actor_changelist")
    pks = [zelensky.pk, duplicate.pk, third.pk]
    selection = {"action": "merge_actors", "_selected_action": pks}
    shown = client.post(url, {**selection, "survivor": zelensky.pk}).content.decode()
    fingerprints = re.search(rf'name="plan-{zelensky.pk}" value="([^"]+)"', shown)[1]

    response = client.post(
        url,
        {**selection, "post": "yes", "survivor": zelensky.pk, f"plan-{zelensky.pk}": fingerprints},
    )

    assert response.status_code == 302
    assert list(Actor.objects.all()) == [zelensky]
    assert zelensky.quotes.count() == 1


def test_a_contributor_gets_no_merge(client, zelensky, duplicate, contributor):
    client.force_login(contributor)
    url = reverse("admin:briefings_actor_changelist")
    selection = {"action": "merge_actors", "_selected_action": [zelensky.pk, duplicate.pk]}

    shown = client.post(url, selection)
    confirmed = client.post(url, {**selection, "post": "yes", "survivor": zelensky.pk})

    for response in (shown, confirmed):
        assert response.status_code in {200, 302, 403}
        assert b"merge-plan" not in response.content
    assert Actor.objects.count() == 2
