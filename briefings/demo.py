"""Loads the illustrative content in `briefings/data/demo/` into an empty knowledge base.

The briefings are Markdown files that go through the importer, as anyone's would; the reference
data they name (topics, places, actors and their offices, sources, quotes, general FAQ entries)
is YAML, created here first. Quotes reach a briefing by being quoted in it: the importer finds
the stored quote and reuses it.
"""

import datetime
from pathlib import Path

import yaml
from django.db import transaction

from briefings import policies, services
from briefings.dates import DatePrecision, PartialDate
from briefings.importer.service import import_briefings
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

DEMO_DIR = Path(__file__).resolve().parent / "data" / "demo"

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


class DemoContentError(Exception):
    """The demo files do not load cleanly: a name that matches nothing, a quote not stored …"""


@transaction.atomic
def load_demo_content() -> dict[str, int] | None:
    """Creates the demo content and returns how many objects of each kind it added.

    Does nothing and returns None when any briefing exists, so it never mixes with real content.
    """
    if Briefing.objects.exists():
        return None
    before = _counts()
    _load_topics()
    _load_places()
    actors = _load_actors()
    _load_offices(actors)
    sources = _load_sources()
    _load_quotes(actors, sources)
    briefings = _import_briefings()
    _load_faq_entries()
    _backdate_last_changes(briefings)
    after = _counts()
    return {label: after[label] - before[label] for label in COUNTED_MODELS}


def _read(name):
    return yaml.safe_load((DEMO_DIR / name).read_text(encoding="utf-8"))


def _counts():
    return {label: model.objects.count() for label, model in COUNTED_MODELS.items()}


def _create(model, **fields):
    """Saves one object after the validation an editor's form would run, through its service."""
    instance = model(**fields)
    instance.full_clean()
    return services.content_save(obj=instance, by=policies.OPERATOR, reason="Demo content")


def _partial_date(row, name):
    """Reads row[name], a date (1946-06-14), month (2022-02) or year (2019), into the model's
    two fields: the date and its precision."""
    value = row[name]
    if isinstance(value, datetime.date):
        precision = DatePrecision.DAY
    elif isinstance(value, int):
        value, precision = datetime.date(value, 1, 1), DatePrecision.YEAR
    else:
        year, month = map(int, value.split("-"))
        value, precision = datetime.date(year, month, 1), DatePrecision.MONTH
    row[name], row[f"{name}_precision"] = value, precision
    return PartialDate(value, precision)


def _load_topics():
    topics = {}
    for row in _read("topics.yaml"):
        parent = topics[row.pop("parent")] if "parent" in row else None
        topics[row["slug"]] = _create(Topic, parent=parent, **row)


def _load_places():
    places = {}
    for row in _read("places.yaml"):
        parents = [places[slug] for slug in row.pop("parents", ())]
        place = places[row["slug"]] = _create(Place, **row)
        place.parents.set(parents)


def _load_actors():
    places = {place.slug: place for place in Place.objects.all()}
    actors = {}
    for row in _read("actors.yaml"):
        aliases = row.pop("aliases", ())
        country = places[row.pop("country")] if "country" in row else None
        if "born_on" in row:
            _partial_date(row, "born_on")
        actor = _create(Actor, country=country, **row)
        for alias in aliases:
            _create(ActorAlias, actor=actor, **alias)
        actors[actor.slug] = actor
    return actors


def _load_offices(actors):
    for row in _read("offices.yaml"):
        tenures = row.pop("tenures")
        organisation = actors[row.pop("organisation")] if "organisation" in row else None
        office = _create(Office, organisation=organisation, **row)
        for tenure in tenures:
            _create(Tenure, office=office, actor=actors[tenure.pop("actor")], **tenure)


def _load_sources():
    # By the URL as written: quotes.yaml names them so.
    return {row["url"]: _create(Source, **row) for row in _read("sources.yaml")}


def _load_quotes(actors, sources):
    for row in _read("quotes.yaml"):
        speaker, source = actors[row.pop("speaker")], sources[row.pop("source")]
        said = _partial_date(row, "said_on")
        # The tenure is None where no single office covers the date said.
        _create(Quote, speaker=speaker, tenure=speaker.tenure_on(said), source=source, **row)


def _import_briefings():
    """The Markdown briefings, through the importer; anything it could not place is an error."""
    paths = sorted((DEMO_DIR / "briefings").glob("*.md"))
    reports = import_briefings({path.name: path.read_bytes() for path in paths})
    problems = [
        f"{path.name}: {problem}"
        for path, report in zip(paths, reports, strict=True)
        for problem in [
            *report.warnings,
            *(f"not classified: {passage}" for passage in report.unclassified),
            *(f"new speaker {actor.name}: no actor matched" for actor in report.new_actors),
            # A quote reaches a briefing only from quotes.yaml, with its source and status.
            *(f"not in quotes.yaml: “{q.text}”" for q in report.quotes if not q.existing),
        ]
    ]
    if problems:
        raise DemoContentError("The demo briefings do not import cleanly:\n" + "\n".join(problems))
    return [report.briefing for report in reports]


def _load_faq_entries():
    """The entries that belong to no briefing; a briefing's come with it, in its front matter."""
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for order, row in enumerate(_read("faq.yaml"), start=1):
        slugs = row.pop("topics", ())
        entry = _create(FAQEntry, order=order, **row)
        entry.topics.set([topics[slug] for slug in slugs])


def _backdate_last_changes(briefings):
    """A briefing last changed when it was published, not when the demo was loaded."""
    for briefing in briefings:
        if briefing.published_at:
            Briefing.objects.filter(pk=briefing.pk).update(updated_at=briefing.published_at)
