"""Every rule of the domain model, broken once: the message an editor sees, and the database's refusal."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from briefings.dates import PartialDate
from briefings.markdown import Renderer
from briefings.models import (
    Actor,
    ActorAlias,
    Briefing,
    BriefingActor,
    BriefingQuote,
    FAQEntry,
    Office,
    Place,
    Quote,
    Source,
    Tenure,
    Topic,
)
from tests import factories

pytestmark = pytest.mark.django_db

date = datetime.date


def validation_errors(obj):
    """The errors an editor would see on saving `obj` through a form, keyed by field."""
    with pytest.raises(ValidationError) as exc:
        obj.full_clean()
    return exc.value.message_dict


@pytest.fixture
def nato():
    return factories.ActorFactory(
        name="NATO", slug="nato", kind=Actor.Kind.IGO, short_description="Military alliance"
    )


@pytest.fixture
def secretary_general(nato):
    return factories.OfficeFactory(title="NATO Secretary General", organisation=nato)


@pytest.fixture
def stoltenberg():
    return factories.ActorFactory(name="Jens Stoltenberg", slug="jens-stoltenberg")


@pytest.fixture
def rutte():
    return factories.ActorFactory(name="Mark Rutte", slug="mark-rutte")


@pytest.fixture
def stoltenberg_tenure(stoltenberg, secretary_general):
    return factories.TenureFactory(
        actor=stoltenberg,
        office=secretary_general,
        started_on=date(2014, 10, 1),
        ended_on=date(2024, 9, 30),
    )


@pytest.fixture
def rutte_tenure(rutte, secretary_general, stoltenberg_tenure):
    return factories.TenureFactory(
        actor=rutte, office=secretary_general, started_on=date(2024, 10, 1)
    )


# Topics


def test_a_second_topic_with_the_same_name_is_refused():
    factories.TopicFactory(name="Security guarantees", slug="security-guarantees")

    errors = validation_errors(Topic(name="Security guarantees", slug="other-slug"))

    assert errors["name"] == ["Topic with this Name already exists."]


def test_a_second_topic_with_the_same_slug_is_refused():
    factories.TopicFactory(name="Security guarantees", slug="security-guarantees")

    errors = validation_errors(Topic(name="Guarantees", slug="security-guarantees"))

    assert errors["slug"] == ["Topic with this Slug already exists."]


def test_the_database_refuses_two_topics_with_the_same_name():
    factories.TopicFactory(name="Sanctions", slug="sanctions")

    with pytest.raises(IntegrityError), transaction.atomic():
        Topic.objects.bulk_create([Topic(name="Sanctions", slug="sanctions-2")])


def test_a_topic_cannot_be_its_own_parent():
    topic = factories.TopicFactory()
    topic.parent = topic

    errors = validation_errors(topic)

    assert errors["parent"] == ["A topic cannot sit below itself or its own subtopics."]


def test_the_database_refuses_a_topic_that_is_its_own_parent():
    topic = factories.TopicFactory()

    with (
        pytest.raises(IntegrityError, match="topic_not_own_parent"),
        transaction.atomic(),
    ):
        Topic.objects.filter(pk=topic.pk).update(parent=F("pk"))


def test_a_topic_cannot_be_placed_below_its_own_subtopic():
    war = factories.TopicFactory(name="War")
    front = factories.TopicFactory(name="Front line", parent=war)
    towns = factories.TopicFactory(name="Towns", parent=front)
    war.parent = towns

    errors = validation_errors(war)

    assert errors["parent"] == ["A topic cannot sit below itself or its own subtopics."]


def test_a_topic_can_be_moved_below_an_unrelated_topic():
    war = factories.TopicFactory(name="War")
    diplomacy = factories.TopicFactory(name="Diplomacy")
    war.parent = diplomacy

    war.full_clean()


# Places


def test_a_second_place_of_the_same_kind_and_name_is_refused():
    factories.PlaceFactory(name="Georgia", slug="georgia", kind=Place.Kind.COUNTRY)

    errors = validation_errors(Place(name="Georgia", slug="georgia-2", kind=Place.Kind.COUNTRY))

    assert errors[NON_FIELD_ERRORS] == ["There is already a place of this kind with this name."]


def test_places_of_different_kinds_may_share_a_name():
    factories.PlaceFactory(name="Georgia", slug="georgia", kind=Place.Kind.COUNTRY)

    Place(name="Georgia", slug="georgia-us", kind=Place.Kind.REGION).full_clean()


def test_the_database_refuses_two_places_of_the_same_kind_and_name():
    factories.PlaceFactory(name="Donbas", slug="donbas", kind=Place.Kind.REGION)

    with pytest.raises(IntegrityError), transaction.atomic():
        Place.objects.bulk_create([Place(name="Donbas", slug="donbas-2", kind=Place.Kind.REGION)])


def test_two_countries_cannot_share_an_iso_code():
    factories.PlaceFactory(name="Ukraine", slug="ukraine", kind=Place.Kind.COUNTRY, iso_code="UA")

    errors = validation_errors(
        Place(name="Ukrainia", slug="ukrainia", kind=Place.Kind.COUNTRY, iso_code="UA")
    )

    assert errors[NON_FIELD_ERRORS] == ["Another country already has this ISO code."]


def test_the_database_refuses_two_countries_with_the_same_iso_code():
    factories.PlaceFactory(name="Ukraine", slug="ukraine", kind=Place.Kind.COUNTRY, iso_code="UA")

    with pytest.raises(IntegrityError), transaction.atomic():
        Place.objects.bulk_create(
            [Place(name="Ukrainia", slug="ukrainia", kind=Place.Kind.COUNTRY, iso_code="UA")]
        )


def test_a_territory_may_carry_the_code_of_a_country_and_of_another_territory():
    factories.PlaceFactory(name="Ukraine", slug="ukraine", kind=Place.Kind.COUNTRY, iso_code="UA")
    factories.PlaceFactory(name="Crimea", slug="crimea", kind=Place.Kind.TERRITORY, iso_code="UA")

    Place(name="Donetsk", slug="donetsk", kind=Place.Kind.TERRITORY, iso_code="UA").full_clean()


def test_countries_without_an_iso_code_do_not_clash():
    factories.PlaceFactory(name="Somaliland", slug="somaliland", kind=Place.Kind.COUNTRY)

    Place(name="Transnistria", slug="transnistria", kind=Place.Kind.COUNTRY).full_clean()


@pytest.mark.parametrize("code", ["ua", "Ua", "U1", "1A"])
def test_an_iso_code_must_be_two_capital_letters(code):
    errors = validation_errors(
        Place(name="Ukraine", slug="ukraine", kind=Place.Kind.COUNTRY, iso_code=code)
    )

    assert errors[NON_FIELD_ERRORS] == ["An ISO 3166 code is two capital letters, e.g. UA."]


def test_the_database_refuses_a_badly_formed_iso_code():
    place = factories.PlaceFactory(kind=Place.Kind.COUNTRY, iso_code="UA")

    with (
        pytest.raises(IntegrityError, match="place_iso_code_format"),
        transaction.atomic(),
    ):
        Place.objects.filter(pk=place.pk).update(iso_code="ua")


# Actors


def test_namesakes_need_different_short_descriptions():
    factories.ActorFactory(name="John Smith", slug="john-smith", short_description="")

    errors = validation_errors(Actor(name="John Smith", slug="john-smith-2", short_description=""))

    assert errors[NON_FIELD_ERRORS] == [
        "An actor with this name and short description exists already; "
        "tell namesakes apart in the short description."
    ]


def test_namesakes_with_different_short_descriptions_are_accepted():
    factories.ActorFactory(name="John Smith", slug="john-smith", short_description="UK politician")

    Actor(name="John Smith", slug="john-smith-2", short_description="US general").full_clean()


def test_the_database_refuses_two_actors_with_the_same_name_and_description():
    factories.ActorFactory(name="John Smith", slug="john-smith", short_description="Politician")

    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.bulk_create(
            [Actor(name="John Smith", slug="john-smith-2", short_description="Politician")]
        )


def test_two_actors_cannot_share_a_wikidata_id():
    factories.ActorFactory(name="Volodymyr Zelensky", wikidata_id="Q3874799")

    errors = validation_errors(Actor(name="Zelenskyy", slug="zelenskyy", wikidata_id="Q3874799"))

    assert errors[NON_FIELD_ERRORS] == ["Another actor already has this Wikidata ID."]


def test_any_number_of_actors_may_have_no_wikidata_id():
    factories.ActorFactory(name="First", wikidata_id="")
    factories.ActorFactory(name="Second", wikidata_id="")

    Actor(name="Third", slug="third", wikidata_id="").full_clean()


def test_the_database_refuses_two_actors_with_the_same_wikidata_id():
    factories.ActorFactory(name="Volodymyr Zelensky", wikidata_id="Q3874799")

    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.bulk_create(
            [Actor(name="Zelenskyy", slug="zelenskyy", wikidata_id="Q3874799")]
        )


@pytest.mark.parametrize("wikidata_id", ["q3874799", "3874799", "Q", "Q0123", "Q12a"])
def test_a_wikidata_id_must_be_a_q_followed_by_digits(wikidata_id):
    errors = validation_errors(Actor(name="Someone", slug="someone", wikidata_id=wikidata_id))

    assert errors[NON_FIELD_ERRORS] == ["A Wikidata ID is a Q followed by digits, e.g. Q3874799."]


def test_the_database_refuses_a_badly_formed_wikidata_id():
    actor = factories.ActorFactory(wikidata_id="Q42")

    with (
        pytest.raises(IntegrityError, match="actor_wikidata_id_format"),
        transaction.atomic(),
    ):
        Actor.objects.filter(pk=actor.pk).update(wikidata_id="q42")


def test_an_actor_cannot_die_before_being_born():
    actor = Actor(
        name="Someone", slug="someone", born_on=date(1950, 5, 1), died_on=date(1949, 12, 31)
    )

    errors = validation_errors(actor)

    assert errors["died_on"] == [
        "The end date (31 Dec 1949) cannot be before the birth or founding date (1 May 1950)."
    ]


def test_an_organisation_dissolved_in_the_year_it_was_founded_is_accepted():
    # Known to the year only, the dissolution may well fall after a founding day in March.
    actor = Actor(
        name="Short-lived council",
        slug="short-lived-council",
        kind=Actor.Kind.GOVERNMENT_BODY,
        born_on=date(2022, 3, 15),
        born_on_precision="day",
        died_on=date(2022, 11, 1),
        died_on_precision="year",
    )

    actor.full_clean()


def test_the_database_refuses_a_death_before_the_birth():
    actor = factories.ActorFactory(born_on=date(1950, 5, 1))

    with (
        pytest.raises(IntegrityError, match="actor_died_after_born"),
        transaction.atomic(),
    ):
        Actor.objects.filter(pk=actor.pk).update(died_on=date(1949, 1, 1), died_on_precision="day")


def test_a_date_without_precision_is_taken_as_exact_to_the_day():
    actor = Actor(name="Someone", slug="someone", born_on=date(1959, 3, 16))

    actor.full_clean()

    assert actor.born_on_precision == "day"


def test_a_precision_without_a_date_is_dropped():
    actor = Actor(name="Someone", slug="someone", died_on_precision="year")

    actor.full_clean()

    assert actor.died_on_precision == ""


def test_saving_fills_in_a_missing_precision_and_moves_partial_dates_to_their_start():
    actor = factories.ActorFactory(
        born_on=date(1959, 3, 16),
        born_on_precision="",
        died_on=date(2020, 7, 19),
        died_on_precision="month",
    )
    actor.refresh_from_db()

    assert (actor.born_on, actor.born_on_precision) == (date(1959, 3, 16), "day")
    assert (actor.died_on, actor.died_on_precision) == (date(2020, 7, 1), "month")


def test_saving_a_year_precision_stores_the_first_of_january():
    actor = factories.ActorFactory(born_on=date(1959, 3, 16), born_on_precision="year")
    actor.refresh_from_db()

    assert actor.born_on == date(1959, 1, 1)
    assert str(actor.born) == "1959"


@pytest.mark.parametrize("field", ["born_on", "died_on"])
def test_the_database_refuses_a_date_without_a_precision(field):
    actor = factories.ActorFactory(born_on=date(1950, 1, 1), died_on=date(2000, 1, 1))

    with (
        pytest.raises(IntegrityError, match=f"actor_{field}_precision_with_date"),
        transaction.atomic(),
    ):
        Actor.objects.filter(pk=actor.pk).update(**{f"{field}_precision": ""})


@pytest.mark.parametrize("field", ["born_on", "died_on"])
def test_the_database_refuses_a_precision_without_a_date(field):
    actor = factories.ActorFactory()

    with (
        pytest.raises(IntegrityError, match=f"actor_{field}_precision_with_date"),
        transaction.atomic(),
    ):
        Actor.objects.filter(pk=actor.pk).update(**{f"{field}_precision": "year"})


def test_an_actor_cannot_have_the_same_alias_twice_in_one_language():
    alias = factories.ActorAliasFactory(name="Zelenskyy", language="en")

    errors = validation_errors(ActorAlias(actor=alias.actor, name="Zelenskyy", language="en"))

    assert errors[NON_FIELD_ERRORS] == ["This actor already has this alias in this language."]


def test_the_same_alias_in_another_language_is_accepted():
    alias = factories.ActorAliasFactory(name="Zelenskyy", language="en")

    ActorAlias(actor=alias.actor, name="Zelenskyy", language="de").full_clean()


def test_the_database_refuses_a_duplicate_alias():
    alias = factories.ActorAliasFactory(name="Zelenskyy", language="")

    with pytest.raises(IntegrityError), transaction.atomic():
        ActorAlias.objects.bulk_create(
            [ActorAlias(actor=alias.actor, name="Zelenskyy", language="")]
        )


def test_tenure_on_a_date_finds_the_office_held_then(stoltenberg, stoltenberg_tenure):
    assert stoltenberg.tenure_on(date(2022, 2, 24)) == stoltenberg_tenure
    assert stoltenberg.tenure_on(date(2024, 9, 30)) == stoltenberg_tenure
    assert stoltenberg.tenure_on(date(2024, 10, 1)) is None
    assert stoltenberg.tenure_on(date(2014, 9, 30)) is None


def test_tenure_on_a_partial_date_finds_the_tenure_covering_all_of_it(
    stoltenberg_tenure, rutte_tenure, rutte, stoltenberg
):
    assert rutte.tenure_on(PartialDate(date(2024, 10, 1), "month")) == rutte_tenure
    assert stoltenberg.tenure_on(PartialDate(date(2023, 1, 1), "year")) == stoltenberg_tenure


def test_tenure_on_a_month_or_year_straddling_a_change_of_office_suggests_nothing(
    stoltenberg_tenure, rutte_tenure, rutte, stoltenberg
):
    assert stoltenberg.tenure_on(PartialDate(date(2024, 1, 1), "year")) is None
    assert rutte.tenure_on(PartialDate(date(2024, 9, 1), "month")) is None


def test_tenure_on_a_date_gives_nothing_when_two_offices_fit(stoltenberg, stoltenberg_tenure):
    factories.TenureFactory(
        actor=stoltenberg,
        office=factories.OfficeFactory(title="Chair of the Munich Security Conference"),
        started_on=date(2024, 1, 1),
    )

    assert stoltenberg.tenure_on(date(2024, 6, 1)) is None
    assert stoltenberg.tenure_on(date(2020, 6, 1)) == stoltenberg_tenure


# Offices and tenures


def test_an_organisation_cannot_have_two_offices_with_the_same_title(secretary_general, nato):
    errors = validation_errors(Office(title="NATO Secretary General", organisation=nato))

    assert errors[NON_FIELD_ERRORS] == ["This organisation already has an office with this title."]


def test_two_organisations_may_have_offices_with_the_same_title(secretary_general):
    un = factories.ActorFactory(name="United Nations", kind=Actor.Kind.IGO)

    Office(title="NATO Secretary General", organisation=un).full_clean()


def test_the_database_refuses_two_offices_with_the_same_title_in_one_organisation(
    secretary_general, nato
):
    with pytest.raises(IntegrityError), transaction.atomic():
        Office.objects.bulk_create([Office(title="NATO Secretary General", organisation=nato)])


def test_an_office_with_overlapping_tenures_cannot_become_single_holder():
    office = factories.OfficeFactory(title="Member of the Verkhovna Rada", single_holder=False)
    factories.TenureFactory(office=office, started_on=date(2019, 8, 29))
    factories.TenureFactory(office=office, started_on=date(2019, 8, 29))
    office.single_holder = True

    errors = validation_errors(office)

    assert errors["single_holder"] == [
        "Tenures of this office overlap; fix them before making it single-holder."
    ]


def test_an_office_with_successive_tenures_can_become_single_holder(stoltenberg_tenure):
    office = stoltenberg_tenure.office
    office.single_holder = False
    office.save()
    factories.TenureFactory(office=office, started_on=date(2024, 10, 1))
    office.single_holder = True

    office.full_clean()


def test_switching_an_office_to_many_holders_updates_its_tenures(stoltenberg_tenure):
    office = stoltenberg_tenure.office
    assert stoltenberg_tenure.single_holder is True

    office.single_holder = False
    office.save()

    stoltenberg_tenure.refresh_from_db()
    assert stoltenberg_tenure.single_holder is False


def test_switching_an_office_back_to_one_holder_updates_its_tenures():
    office = factories.OfficeFactory(single_holder=False)
    tenure = factories.TenureFactory(office=office)
    assert tenure.single_holder is False

    office.single_holder = True
    office.save()

    tenure.refresh_from_db()
    assert tenure.single_holder is True


def test_a_tenure_cannot_end_before_it_starts(rutte, secretary_general):
    tenure = Tenure(
        actor=rutte,
        office=secretary_general,
        started_on=date(2024, 10, 1),
        ended_on=date(2024, 9, 30),
    )

    errors = validation_errors(tenure)

    assert errors["ended_on"] == ["A tenure cannot end before it starts."]


def test_the_database_refuses_a_tenure_that_ends_before_it_starts(rutte_tenure):
    with (
        pytest.raises(IntegrityError, match="tenure_end_not_before_start"),
        transaction.atomic(),
    ):
        Tenure.objects.filter(pk=rutte_tenure.pk).update(ended_on=date(2024, 9, 30))


def test_a_single_holder_office_refuses_an_overlapping_tenure_naming_the_holder(
    stoltenberg_tenure, rutte, secretary_general
):
    tenure = Tenure(actor=rutte, office=secretary_general, started_on=date(2024, 6, 1))

    errors = validation_errors(tenure)

    assert errors[NON_FIELD_ERRORS] == [
        "NATO Secretary General has one holder at a time, and Jens Stoltenberg held it "
        "from 1 Oct 2014 to 30 Sep 2024."
    ]


def test_a_successor_may_take_office_on_the_day_the_predecessor_leaves(
    stoltenberg_tenure, rutte, secretary_general
):
    handover = Tenure(actor=rutte, office=secretary_general, started_on=date(2024, 9, 30))

    handover.full_clean()
    handover.save()

    assert secretary_general.tenures.count() == 2


def test_a_tenure_starting_the_day_before_the_handover_is_refused(
    stoltenberg_tenure, rutte, secretary_general
):
    tenure = Tenure(actor=rutte, office=secretary_general, started_on=date(2024, 9, 29))

    assert "one holder at a time" in validation_errors(tenure)[NON_FIELD_ERRORS][0]


def test_the_database_accepts_a_handover_on_the_same_day(
    postgres_only, stoltenberg_tenure, rutte, secretary_general
):
    Tenure.objects.bulk_create(
        [Tenure(actor=rutte, office=secretary_general, started_on=date(2024, 9, 30))]
    )

    assert secretary_general.tenures.count() == 2


def test_an_open_ended_tenure_overlaps_every_later_one(stoltenberg, rutte, secretary_general):
    factories.TenureFactory(
        actor=stoltenberg, office=secretary_general, started_on=date(2014, 10, 1)
    )
    tenure = Tenure(
        actor=rutte,
        office=secretary_general,
        started_on=date(2030, 1, 1),
        ended_on=date(2034, 1, 1),
    )

    errors = validation_errors(tenure)

    assert errors[NON_FIELD_ERRORS] == [
        "NATO Secretary General has one holder at a time, and Jens Stoltenberg held it "
        "from 1 Oct 2014 to now."
    ]


def test_a_handover_on_consecutive_days_is_accepted(stoltenberg_tenure, rutte, secretary_general):
    Tenure(actor=rutte, office=secretary_general, started_on=date(2024, 10, 1)).full_clean()


def test_editing_a_tenure_does_not_clash_with_itself(rutte_tenure):
    rutte_tenure.note = "first term"

    rutte_tenure.full_clean()


def test_an_office_with_many_holders_allows_overlapping_tenures():
    office = factories.OfficeFactory(title="Member of the Verkhovna Rada", single_holder=False)
    factories.TenureFactory(office=office, started_on=date(2019, 8, 29))

    Tenure(actor=factories.ActorFactory(), office=office, started_on=date(2019, 8, 29)).full_clean()


def test_the_database_refuses_overlapping_tenures_of_a_single_holder_office(
    postgres_only, stoltenberg_tenure, rutte, secretary_general
):
    # An exclusion constraint; on SQLite Tenure.clean() is the only guard.
    with (
        pytest.raises(IntegrityError, match="tenure_single_holder_no_overlap"),
        transaction.atomic(),
    ):
        Tenure.objects.bulk_create(
            [Tenure(actor=rutte, office=secretary_general, started_on=date(2024, 6, 1))]
        )


def test_the_database_accepts_overlapping_tenures_of_an_office_with_many_holders():
    office = factories.OfficeFactory(single_holder=False)
    factories.TenureFactory(office=office, started_on=date(2019, 8, 29))

    factories.TenureFactory(office=office, started_on=date(2019, 8, 29))

    assert office.tenures.count() == 2


# Sources


@pytest.mark.parametrize(
    "spelling",
    [
        "HTTPS://WWW.NATO.INT/cps/en/natohq/opinions.htm",
        "https://www.nato.int:443/cps/en/natohq/opinions.htm",
        "https://www.nato.int/cps/en/natohq/opinions.htm#paragraph-3",
        "https://www.nato.int/cps/en/natohq/opinions.htm?utm_source=x&utm_medium=email",
        "https://www.nato.int/cps/en/natohq/opinions.htm?fbclid=IwAR0abc",
        "https://www.nato.int/cps/en/natohq/opinions.htm/",
    ],
)
def test_the_same_document_under_another_spelling_is_refused(spelling):
    factories.SourceFactory(url="https://www.nato.int/cps/en/natohq/opinions.htm")

    errors = validation_errors(Source(url=spelling, title="Press conference"))

    assert errors["url"] == ["Source with this URL already exists."]


def test_a_source_is_stored_under_its_canonical_url():
    source = factories.SourceFactory(
        url="HTTPS://Www.Nato.Int:443/cps/en/natohq/Opinions.htm/?id=5&utm_campaign=x&fbclid=y#top"
    )
    source.refresh_from_db()

    assert source.url == "https://www.nato.int/cps/en/natohq/Opinions.htm?id=5"


def test_a_source_keeps_a_port_that_is_not_the_default():
    source = factories.SourceFactory(url="http://example.org:8080/report")

    assert source.url == "http://example.org:8080/report"


def test_documents_at_different_paths_are_different_sources():
    factories.SourceFactory(url="https://example.org/reports/1")

    Source(url="https://example.org/reports/2", title="Another report").full_clean()


def test_the_database_refuses_two_sources_with_the_same_url():
    factories.SourceFactory(url="https://example.org/reports/1")

    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.bulk_create([Source(url="https://example.org/reports/1", title="Again")])


# Briefings


def test_a_published_briefing_needs_a_publication_time():
    briefing = Briefing(
        title="Talks", slug="talks", standfirst="What changed.", status=Briefing.Status.PUBLISHED
    )

    errors = validation_errors(briefing)

    assert errors["published_at"] == ["A published briefing needs a publication date and time."]


def test_a_draft_needs_no_publication_time():
    Briefing(title="Talks", slug="talks", standfirst="What changed.").full_clean()


def test_the_database_refuses_a_published_briefing_without_a_publication_time(draft_briefing):
    with (
        pytest.raises(IntegrityError, match="briefing_published_has_date"),
        transaction.atomic(),
    ):
        Briefing.objects.filter(pk=draft_briefing.pk).update(status=Briefing.Status.PUBLISHED)


def test_an_actor_is_listed_on_a_briefing_once():
    link = factories.BriefingActorFactory()

    errors = validation_errors(
        BriefingActor(briefing=link.briefing, actor=link.actor, role=BriefingActor.Role.SUBJECT)
    )

    assert errors[NON_FIELD_ERRORS] == ["This actor is already listed on the briefing."]


def test_the_database_refuses_an_actor_listed_twice_on_a_briefing():
    link = factories.BriefingActorFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        BriefingActor.objects.bulk_create([BriefingActor(briefing=link.briefing, actor=link.actor)])


def test_a_quote_is_used_in_a_briefing_once():
    link = factories.BriefingQuoteFactory()

    errors = validation_errors(BriefingQuote(briefing=link.briefing, quote=link.quote, order=9))

    assert errors[NON_FIELD_ERRORS] == ["This quote is already used in the briefing."]


def test_the_database_refuses_a_quote_used_twice_in_a_briefing():
    link = factories.BriefingQuoteFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        BriefingQuote.objects.bulk_create([BriefingQuote(briefing=link.briefing, quote=link.quote)])


# Quotes


@pytest.mark.parametrize(
    "retyped",
    [
        "We will not accept a ceasefire without guarantees.",
        "“We will not accept a ceasefire without guarantees.”",
        "We will not  accept a ceasefire\nwithout guarantees.",
        "  WE WILL NOT ACCEPT A CEASEFIRE WITHOUT GUARANTEES.  ",
    ],
)
def test_a_speakers_quote_retyped_differently_is_a_duplicate(retyped):
    quote = factories.QuoteFactory(text='"We will not accept a ceasefire without guarantees."')

    errors = validation_errors(Quote(text=retyped, speaker=quote.speaker))

    assert errors[NON_FIELD_ERRORS] == [
        "This speaker's quote is stored already; use the existing one."
    ]


def test_curly_apostrophes_and_dashes_make_no_new_quote():
    quote = factories.QuoteFactory(text="We don’t negotiate – not now…")

    errors = validation_errors(Quote(text="We don't negotiate - not now...", speaker=quote.speaker))

    assert errors[NON_FIELD_ERRORS] == [
        "This speaker's quote is stored already; use the existing one."
    ]


def test_the_same_words_by_another_speaker_are_another_quote():
    factories.QuoteFactory(text="Peace through strength.")

    Quote(text="Peace through strength.", speaker=factories.ActorFactory()).full_clean()


def test_the_database_refuses_a_speakers_quote_twice():
    first = factories.QuoteFactory(text="Peace through strength.")
    second = factories.QuoteFactory(speaker=first.speaker, text="Something else.")

    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=second.pk).update(text_normalised=first.text_normalised)


def test_a_verified_quote_needs_its_source():
    quote = Quote(
        text="Peace through strength.",
        speaker=factories.ActorFactory(),
        verification=Quote.Verification.VERIFIED,
    )

    errors = validation_errors(quote)

    assert errors["source"] == [
        "A verified quote needs its primary source; add it or choose another status."
    ]


def test_a_verified_quote_with_its_source_is_accepted():
    Quote(
        text="Peace through strength.",
        speaker=factories.ActorFactory(),
        verification=Quote.Verification.VERIFIED,
        source=factories.SourceFactory(),
    ).full_clean()


def test_the_database_refuses_a_verified_quote_without_a_source():
    quote = factories.QuoteFactory(source=None)

    with (
        pytest.raises(IntegrityError, match="quote_verified_has_source"),
        transaction.atomic(),
    ):
        Quote.objects.filter(pk=quote.pk).update(verification=Quote.Verification.VERIFIED)


def test_the_database_refuses_a_date_said_without_a_precision():
    quote = factories.QuoteFactory(said_on=date(2025, 2, 24))

    with (
        pytest.raises(IntegrityError, match="quote_said_on_precision_with_date"),
        transaction.atomic(),
    ):
        Quote.objects.filter(pk=quote.pk).update(said_on_precision="")


def test_a_quote_cannot_be_attributed_to_someone_elses_office(stoltenberg_tenure, rutte):
    quote = Quote(text="NATO is stronger.", speaker=rutte, tenure=stoltenberg_tenure)

    errors = validation_errors(quote)

    assert errors["tenure"] == ["This tenure belongs to Jens Stoltenberg, not to Mark Rutte."]


def test_a_quote_dated_outside_the_tenure_is_refused(rutte_tenure, rutte):
    quote = Quote(
        text="NATO is stronger.",
        speaker=rutte,
        tenure=rutte_tenure,
        said_on=date(2024, 2, 24),
        said_on_precision="day",
    )

    errors = validation_errors(quote)

    assert errors["tenure"] == [
        "Mark Rutte held this office 2024–present, which does not cover 24 Feb 2024, the date said."
    ]


def test_a_quote_known_to_the_year_is_accepted_when_the_year_overlaps_the_tenure(
    rutte_tenure, rutte
):
    Quote(
        text="NATO is stronger.",
        speaker=rutte,
        tenure=rutte_tenure,
        said_on=date(2024, 2, 24),
        said_on_precision="year",
    ).full_clean()


@pytest.mark.parametrize(
    ("said_on", "precision"), [(date(2024, 1, 1), "year"), (date(2024, 6, 1), "month")]
)
def test_a_quote_known_roughly_is_accepted_from_a_tenure_within_that_period(said_on, precision):
    # An acting holder for a few weeks: the year or month said contains the whole tenure.
    acting = factories.TenureFactory(
        started_on=date(2024, 6, 10), ended_on=date(2024, 6, 20), note="acting"
    )

    Quote(
        text="I am only minding the shop.",
        speaker=acting.actor,
        tenure=acting,
        said_on=said_on,
        said_on_precision=precision,
    ).full_clean()


def test_a_quote_with_a_tenure_and_no_date_is_accepted(rutte_tenure, rutte):
    Quote(text="NATO is stronger.", speaker=rutte, tenure=rutte_tenure).full_clean()


def test_saving_a_quote_fills_in_a_missing_precision():
    quote = factories.QuoteFactory(said_on=date(2025, 2, 24), said_on_precision="")
    quote.refresh_from_db()

    assert quote.said_on_precision == "day"


def test_a_quote_is_attributed_to_the_office_its_speaker_holds(rutte_tenure, rutte):
    quote = factories.QuoteFactory(speaker=rutte, tenure=rutte_tenure)

    assert quote.attribution(today=date(2025, 6, 1)) == "Mark Rutte, NATO Secretary General"


def test_a_quote_from_a_past_office_says_then(stoltenberg_tenure, stoltenberg):
    quote = factories.QuoteFactory(speaker=stoltenberg, tenure=stoltenberg_tenure)

    assert (
        quote.attribution(today=date(2025, 1, 1)) == "Jens Stoltenberg, then NATO Secretary General"
    )
    assert quote.attribution(today=date(2024, 9, 30)) == "Jens Stoltenberg, NATO Secretary General"


def test_a_quote_from_a_first_term_does_not_say_then_while_the_speaker_serves_again():
    trump = factories.ActorFactory(name="Donald Trump", slug="donald-trump")
    president = factories.OfficeFactory(title="President of the United States", organisation=None)
    first_term = factories.TenureFactory(
        actor=trump, office=president, started_on=date(2017, 1, 20), ended_on=date(2021, 1, 20)
    )
    factories.TenureFactory(actor=trump, office=president, started_on=date(2025, 1, 20))
    quote = factories.QuoteFactory(speaker=trump, tenure=first_term, said_on=date(2017, 4, 12))

    assert (
        quote.attribution(today=date(2026, 11, 26))
        == "Donald Trump, President of the United States"
    )
    assert (
        quote.attribution(today=date(2023, 6, 1))
        == "Donald Trump, then President of the United States"
    )


def test_a_quote_without_a_tenure_uses_the_attribution_as_written(rutte):
    quote = factories.QuoteFactory(speaker=rutte, attributed_as="NATO chief")

    assert quote.attribution() == "Mark Rutte, NATO chief"


def test_a_quote_with_neither_tenure_nor_attribution_gives_the_bare_name(rutte):
    quote = factories.QuoteFactory(speaker=rutte)

    assert quote.attribution() == "Mark Rutte"


# FAQ entries


def test_a_briefing_cannot_ask_the_same_question_twice():
    entry = factories.FAQEntryFactory(question="Who guarantees the ceasefire?")

    errors = validation_errors(
        FAQEntry(
            briefing=entry.briefing, question="Who guarantees the ceasefire?", answer="No one."
        )
    )

    assert errors[NON_FIELD_ERRORS] == ["This briefing already has this question."]


def test_two_briefings_may_ask_the_same_question():
    factories.FAQEntryFactory(question="Who guarantees the ceasefire?")

    FAQEntry(
        briefing=factories.BriefingFactory(),
        question="Who guarantees the ceasefire?",
        answer="No one.",
    ).full_clean()


def test_the_database_refuses_a_question_twice_on_one_briefing():
    entry = factories.FAQEntryFactory(question="Who guarantees the ceasefire?")

    with pytest.raises(IntegrityError), transaction.atomic():
        FAQEntry.objects.bulk_create(
            [FAQEntry(briefing=entry.briefing, question=entry.question, answer="Again.")]
        )


def test_a_general_question_is_asked_once():
    factories.FAQEntryFactory(briefing=None, question="What is NATO?")

    errors = validation_errors(
        FAQEntry(briefing=None, question="What is NATO?", answer="An alliance.")
    )

    assert errors[NON_FIELD_ERRORS] == ["A general FAQ entry with this question exists already."]


def test_a_briefing_may_repeat_a_general_question():
    factories.FAQEntryFactory(briefing=None, question="What is NATO?")

    FAQEntry(
        briefing=factories.BriefingFactory(), question="What is NATO?", answer="An alliance."
    ).full_clean()


def test_the_database_refuses_a_general_question_twice():
    factories.FAQEntryFactory(briefing=None, question="What is NATO?")

    with pytest.raises(IntegrityError), transaction.atomic():
        FAQEntry.objects.bulk_create(
            [FAQEntry(briefing=None, question="What is NATO?", answer="Again.")]
        )


# Markdown rendered on save


def test_a_briefing_body_is_rendered_on_save():
    briefing = factories.BriefingFactory(body="## The talks\n\nA **breakthrough**.")

    assert '<h2 id="the-talks">The talks</h2>' in briefing.body_html
    assert "<strong>breakthrough</strong>" in briefing.body_html


def test_an_edited_briefing_body_is_rendered_again():
    briefing = factories.BriefingFactory(body="Old text.")

    briefing.body = "New _text_."
    briefing.save()

    briefing.refresh_from_db()
    assert briefing.body_html == "<p>New <em>text</em>.</p>"


def test_an_actor_bio_is_rendered_on_save():
    actor = factories.ActorFactory(bio="Prime minister of the **Netherlands**.")

    assert actor.bio_html == "<p>Prime minister of the <strong>Netherlands</strong>.</p>"


def test_an_faq_answer_is_rendered_on_save():
    entry = factories.FAQEntryFactory(answer="- one\n- two")

    assert entry.answer_html == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"


def test_a_topic_description_is_rendered_on_save():
    topic = factories.TopicFactory(description="Who *guarantees* what.")

    assert topic.description_html == "<p>Who <em>guarantees</em> what.</p>"


# How objects read and where they live


def test_objects_read_as_their_names():
    assert str(factories.TopicFactory(name="Security guarantees")) == "Security guarantees"
    assert str(factories.PlaceFactory(name="Black Sea")) == "Black Sea"
    assert str(factories.ActorFactory(name="Mark Rutte")) == "Mark Rutte"
    assert str(factories.ActorAliasFactory(name="Zelenskyy")) == "Zelenskyy"
    assert str(factories.OfficeFactory(title="President of Ukraine")) == "President of Ukraine"
    assert str(factories.BriefingFactory(title="Talks in Riyadh")) == "Talks in Riyadh"
    assert str(factories.FAQEntryFactory(question="What is NATO?")) == "What is NATO?"


def test_a_tenure_reads_as_holder_office_and_years(stoltenberg_tenure, rutte_tenure):
    assert str(stoltenberg_tenure) == "Jens Stoltenberg, NATO Secretary General (2014–2024)"
    assert str(rutte_tenure) == "Mark Rutte, NATO Secretary General (2024–present)"


def test_a_source_reads_as_title_and_publisher():
    assert str(factories.SourceFactory(title="Press conference", publisher="NATO")) == (
        "Press conference (NATO)"
    )
    assert str(factories.SourceFactory(title="Press conference", publisher="")) == (
        "Press conference"
    )


def test_a_quote_reads_as_its_words_and_speaker(rutte):
    short = factories.QuoteFactory(text="NATO is stronger.", speaker=rutte)
    long = factories.QuoteFactory(text="x" * 61, speaker=rutte)

    assert str(short) == "“NATO is stronger.” — Mark Rutte"
    assert str(long) == f"“{'x' * 59}…” — Mark Rutte"


def test_links_in_a_briefing_read_as_sentences(rutte):
    briefing = factories.BriefingFactory(title="Talks in Riyadh")
    actor_link = factories.BriefingActorFactory(
        briefing=briefing, actor=rutte, role=BriefingActor.Role.SUBJECT
    )
    quote_link = factories.BriefingQuoteFactory(briefing=briefing)
    correction = factories.CorrectionFactory(
        briefing=briefing, published_at=datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
    )

    assert str(actor_link) == "Mark Rutte in Talks in Riyadh (Subject)"
    assert str(quote_link) == f"Quote {quote_link.quote_id} in Talks in Riyadh"
    assert str(correction) == "Correction to Talks in Riyadh on 05 Mar 2025"


def test_reader_objects_link_to_their_pages():
    quote = factories.QuoteFactory()
    entry = factories.FAQEntryFactory()

    assert factories.BriefingFactory(slug="talks").get_absolute_url() == "/briefings/talks/"
    assert factories.ActorFactory(slug="mark-rutte").get_absolute_url() == "/actors/mark-rutte/"
    assert factories.TopicFactory(slug="sanctions").get_absolute_url() == "/topics/sanctions/"
    assert factories.PlaceFactory(slug="black-sea").get_absolute_url() == "/places/black-sea/"
    assert quote.get_absolute_url() == f"/quotes/{quote.pk}/"
    assert entry.get_absolute_url() == f"/faq/{entry.pk}/"


def test_a_correction_links_to_its_place_in_the_briefing():
    correction = factories.CorrectionFactory(briefing=factories.BriefingFactory(slug="talks"))

    assert correction.get_absolute_url() == f"/briefings/talks/#correction-{correction.pk}"


def test_texts_are_stored_with_plain_line_breaks_and_no_surrounding_space_as_forms_send_them():
    briefing = factories.BriefingFactory(
        standfirst="  One line.\r\nAnother.  ", body="## Heading\r\n\r\nText.\r\n"
    )

    briefing.refresh_from_db()

    assert briefing.standfirst == "One line.\nAnother."
    assert briefing.body == "## Heading\n\nText."


# Derived fields: computed by each model's prepare(), which save() calls, and which the bulk
# writers (the backup restore, the corpus generator) call in save()'s place.

# The fields prepare() computes, by model.
DERIVED = {
    Actor: ["born_on", "born_on_precision", "died_on", "died_on_precision", "bio_html"],
    Briefing: ["body_html", "body_toc"],
    FAQEntry: ["answer_html"],
    Quote: ["said_on", "said_on_precision", "text_normalised"],
    Source: ["url"],
    Tenure: ["single_holder"],
    Topic: ["description_html"],
}


def unsaved(model):
    """An unsaved object with inputs that every derivation changes."""
    if model is Actor:
        return Actor(
            name="Ursula von der Leyen",
            slug="ursula-von-der-leyen",
            born_on=date(1958, 10, 8),
            born_on_precision="month",
            died_on=date(2100, 5, 5),
            bio="President of the **European Commission**.\n\n- born in Brussels",
        )
    if model is Briefing:
        return Briefing(
            title="Talks",
            slug="talks",
            status=Briefing.Status.DRAFT,
            body="## Where things stand\n\nText.\n\n### Détails\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        )
    if model is FAQEntry:
        return FAQEntry(question="Why?", answer="Because *this*.[^1]\n\n[^1]: A footnote.")
    if model is Quote:
        return Quote(
            text="  “We’re ready — now…”  ",
            speaker=factories.ActorFactory(),
            said_on=date(2025, 6, 17),
            said_on_precision="year",
        )
    if model is Source:
        return Source(url="HTTPS://Example.ORG:443/report/?utm_source=x&id=5#top", title="Report")
    if model is Tenure:
        office = factories.OfficeFactory(single_holder=False)
        return Tenure(actor=factories.ActorFactory(), office=office, started_on=date(2020, 1, 1))
    if model is Topic:
        return Topic(name="Sanctions", slug="sanctions", description="Who *pays*: <b>them</b>.")
    raise AssertionError(model)


def derived_values(obj):
    return {name: getattr(obj, name) for name in DERIVED[type(obj)]}


@pytest.mark.parametrize("model", DERIVED, ids=lambda model: model.__name__)
def test_save_stores_what_prepare_computes(model):
    prepared = unsaved(model)
    before = derived_values(prepared)
    prepared.prepare()
    saved = unsaved(model)

    saved.save()
    saved.refresh_from_db()

    assert derived_values(prepared) != before  # the inputs exercise every derivation
    assert derived_values(saved) == derived_values(prepared)


@pytest.mark.parametrize("model", DERIVED, ids=lambda model: model.__name__)
def test_a_shared_renderer_computes_what_the_default_one_does(model):
    """Bulk writers pass one Renderer for every row; the rows come out as save() stores them."""
    shared = Renderer()
    by_default, with_shared = unsaved(model), unsaved(model)
    unsaved(Briefing).prepare(render=shared)  # the renderer has rendered something before

    by_default.prepare()
    with_shared.prepare(render=shared)

    assert derived_values(with_shared) == derived_values(by_default)


def test_prepare_renders_through_the_function_it_is_given():
    """The corpus generator renders in worker processes and hands prepare() the results."""
    rendered = {"Text.": ("<p>rendered elsewhere</p>", [{"id": "x", "title": "X", "level": 2}])}
    briefing, entry = Briefing(body="Text."), FAQEntry(answer="Text.")

    briefing.prepare(render=rendered.__getitem__)
    entry.prepare(render=rendered.__getitem__)

    assert (briefing.body_html, briefing.body_toc) == rendered["Text."]
    assert entry.answer_html == "<p>rendered elsewhere</p>"


def test_validation_sees_the_values_save_will_store(rutte):
    factories.QuoteFactory(speaker=rutte, text="we're ready")
    quote = Quote(
        speaker=rutte,
        text="  “We’re READY”  ",
        said_on=date(2025, 6, 17),
        said_on_precision="month",
    )

    errors = validation_errors(quote)

    assert quote.said_on == date(2025, 6, 1)
    assert quote.text_normalised == "we're ready"
    assert "already" in " ".join(errors[NON_FIELD_ERRORS])
