"""Loads the illustrative content in `briefings.demo_data` into an empty knowledge base."""

import datetime

from django.db import transaction
from django.utils import timezone

from briefings import demo_data, linking
from briefings.dates import PartialDate
from briefings.models import (
    Actor,
    ActorAlias,
    Briefing,
    BriefingActor,
    BriefingQuote,
    Correction,
    FAQEntry,
    Office,
    Place,
    Quote,
    Source,
    Tenure,
    Topic,
)

# What the loader reports, by the name a reader would use.
COUNTED_MODELS = {
    "briefings": Briefing,
    "actors": Actor,
    "actor aliases": ActorAlias,
    "offices": Office,
    "tenures": Tenure,
    "quotes": Quote,
    "sources": Source,
    "FAQ entries": FAQEntry,
    "topics": Topic,
    "places": Place,
    "corrections": Correction,
    "actor links": BriefingActor,
    "quote links": BriefingQuote,
}

_BRIEFING_RELATIONS = (
    "publish_in_days",
    "topics",
    "places",
    "sources",
    "related",
    "actors",
    "quotes",
)


@transaction.atomic
def load_demo_content() -> dict[str, int] | None:
    """Creates the demo content and returns how many objects of each kind it added.

    Does nothing and returns None when any briefing exists, so it never mixes with real content.
    """
    if Briefing.objects.exists():
        return None
    before = _counts()
    topics = _load_topics()
    places = _load_places()
    actors = _load_actors(places)
    _load_offices(actors)
    sources = {row["key"]: _create(Source, **_fields(row, "key")) for row in demo_data.SOURCES}
    quotes = _load_quotes(actors, sources)
    briefings = _load_briefings(
        topics=topics, places=places, sources=sources, actors=actors, quotes=quotes
    )
    _load_faq_entries(briefings, topics)
    for row in demo_data.CORRECTIONS:
        _create(Correction, briefing=briefings[row["briefing"]], **_fields(row, "briefing"))
    _backdate_last_changes(briefings.values())
    after = _counts()
    return {label: after[label] - before[label] for label in COUNTED_MODELS}


def _backdate_last_changes(briefings):
    """A briefing last changed when it was published, not when the demo was loaded."""
    for briefing in briefings:
        if briefing.published_at:
            Briefing.objects.filter(pk=briefing.pk).update(updated_at=briefing.published_at)


def _create(model, **fields):
    """Saves one object after the validation an editor's form would run."""
    instance = model(**fields)
    instance.full_clean()
    instance.save()
    return instance


def _fields(row, *relations):
    """The row's model fields: everything except the named references to other rows."""
    return {key: value for key, value in row.items() if key not in relations}


def _counts():
    return {label: model.objects.count() for label, model in COUNTED_MODELS.items()}


def _load_topics():
    topics = {}
    for row in demo_data.TOPICS:
        parent = topics[row["parent"]] if "parent" in row else None
        topics[row["slug"]] = _create(Topic, parent=parent, **_fields(row, "parent"))
    return topics


def _load_places():
    places = {}
    for row in demo_data.PLACES:
        place = _create(Place, **_fields(row, "parents"))
        place.parents.set([places[slug] for slug in row.get("parents", ())])
        places[place.slug] = place
    return places


def _load_actors(places):
    actors = {}
    for row in demo_data.ACTORS:
        country = places[row["country"]] if "country" in row else None
        actor = _create(Actor, country=country, **_fields(row, "country", "aliases"))
        for name, kind, language in row.get("aliases", ()):
            _create(ActorAlias, actor=actor, name=name, kind=kind, language=language)
        actors[actor.slug] = actor
    return actors


def _load_offices(actors):
    for row in demo_data.OFFICES:
        organisation = actors[row["organisation"]] if "organisation" in row else None
        office = _create(
            Office, organisation=organisation, **_fields(row, "organisation", "tenures")
        )
        for tenure in row["tenures"]:
            _create(
                Tenure, office=office, actor=actors[tenure["actor"]], **_fields(tenure, "actor")
            )


def _load_quotes(actors, sources):
    quotes = {}
    for row in demo_data.QUOTES:
        speaker = actors[row["speaker"]]
        quotes[row["key"]] = _create(
            Quote,
            speaker=speaker,
            tenure=speaker.tenure_on(
                PartialDate(row["said_on"], row.get("said_on_precision", "day"))
            ),
            source=sources[row["source"]],
            **_fields(row, "key", "speaker", "source"),
        )
    return quotes


def _load_briefings(**refs):
    """Creates the briefings, then links each to the others it names as related."""
    now = timezone.now()
    briefings = {row["slug"]: _create_briefing(row, now=now, **refs) for row in demo_data.BRIEFINGS}
    names = linking.name_index()
    for briefing in briefings.values():
        linking.record_mentions(briefing, names)
    for row in demo_data.BRIEFINGS:
        briefings[row["slug"]].related.set([briefings[slug] for slug in row.get("related", ())])
    return briefings


def _create_briefing(row, *, now, topics, places, sources, actors, quotes):
    fields = _fields(row, *_BRIEFING_RELATIONS)
    if "publish_in_days" in row:
        # Scheduled relative to the load, so the briefing stays in the future for a while.
        fields["published_at"] = now + datetime.timedelta(days=row["publish_in_days"])
    briefing = _create(Briefing, **fields)
    briefing.topics.set([topics[slug] for slug in row["topics"]])
    briefing.places.set([places[slug] for slug in row["places"]])
    briefing.sources.set([sources[key] for key in row["sources"]])
    for slug, role, mention_count in row["actors"]:
        _create(
            BriefingActor,
            briefing=briefing,
            actor=actors[slug],
            role=role,
            mention_count=mention_count,
            # The subjects are the editors' choice; the rest is what the text names and quotes.
            curated=role == BriefingActor.Role.SUBJECT,
        )
    for order, key in enumerate(row["quotes"], start=1):
        _create(BriefingQuote, briefing=briefing, quote=quotes[key], order=order)
    return briefing


def _load_faq_entries(briefings, topics):
    for row in demo_data.FAQ_ENTRIES:
        briefing = briefings[row["briefing"]] if "briefing" in row else None
        entry = _create(FAQEntry, briefing=briefing, **_fields(row, "briefing", "topics"))
        entry.topics.set([topics[slug] for slug in row.get("topics", ())])
