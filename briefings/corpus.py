"""A synthetic corpus in bulk: realistic-looking briefings, actors, quotes and FAQ entries for load tests.

`generate_corpus(briefings=N, seed=S)` writes N briefings with everything around them (topics,
places, actors with aliases, offices and tenures, sources, quotes, FAQ entries) using
`bulk_create`, and fills every field a normal `save()` computes (rendered Markdown, tables of
contents, normalised quote text, tenure flags) by calling each row's `prepare()`, as save()
does. The same seed writes the same corpus; a second seed adds a second corpus beside the
first. The people, organisations and publishers are invented; the countries, cities and seas
are real. The words it writes with are data, in briefings/data/corpus/*.yaml; the code that
puts them together is here.
"""

import bisect
import datetime
import functools
import itertools
import multiprocessing
import os
import random
import re
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from briefings import markdown as site_markdown
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
    normalise_quote_text,
)
from briefings.search import rebuild_search_vectors

BATCH_SIZE = 1000
RENDER_CHUNK = 100
MIN_ACTORS, MAX_ACTORS = 50, 5000
YEARS_OF_BRIEFINGS = 6

# ---------------------------------------------------------------------------------------------
# Vocabulary: topics, places, names and phrases, read once from briefings/data/corpus/*.yaml.
# ---------------------------------------------------------------------------------------------

VOCABULARY = Path(__file__).resolve().parent / "data" / "corpus"
# The only values in the vocabulary that are not text.
_FLAGS = {"article", "surname_first"}


class _TextLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Reads every plain value as text, except `true` and `false`.

    YAML's usual rules would read Norway's ISO code NO as false and an unquoted year as a
    number; the vocabulary is words, so an editor never has to think about quoting them.
    """

    yaml_implicit_resolvers = {}


_TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)


def _read_vocabulary(name):
    path = VOCABULARY / f"{name}.yaml"
    with path.open(encoding="utf-8") as file:
        data = yaml.load(file, Loader=_TextLoader)
    _check_values(data, path.name)
    return data


def _check_values(value, where, key=None):
    """Flags are true or false, and nothing else is: `article: yes` would read as text."""
    if isinstance(value, dict):
        for name, item in value.items():
            _check_values(item, f"{where}: {name}", name)
    elif isinstance(value, list):
        for item in value:
            _check_values(item, where, key)
    elif isinstance(value, bool) != (key in _FLAGS):
        expected = "true or false" if key in _FLAGS else "text"
        raise ValueError(f"{where}: {value!r} should be {expected}")


@dataclass(frozen=True)
class Theme:
    """The words of one subject, so that a search finds some briefings, not all."""

    topics: tuple
    nouns: tuple  # noun phrases that take "the"
    actions: tuple  # verb phrases after "to"
    adjectives: tuple
    commodities: tuple
    titles: tuple
    headings: tuple
    sentences: tuple
    questions: tuple
    quotes: tuple


_WORLD, _NAMES, _THEMES, _PHRASES = map(_read_vocabulary, ("world", "names", "themes", "phrases"))

# Topics and places.
# (name, parent name or None, description), every parent before its subtopics.
TOPICS = [
    topic
    for name, entry in _WORLD["topics"].items()
    for topic in [
        (name, None, entry["description"]),
        *((sub, name, text) for sub, text in entry.get("subtopics", {}).items()),
    ]
]
# (name, the-article in running text, kind)
REGIONS = [(r["name"], r.get("article", False), r["kind"]) for r in _WORLD["regions"]]
# (name, ISO code, demonym, capital, name pool, regions, the-article)
COUNTRIES = [
    (c["name"], c["iso"], c["demonym"], c["capital"], c["names"], tuple(c["regions"]),
     c.get("article", False))
    for c in _WORLD["countries"]
]  # fmt: skip
# (name, ISO code of its country)
CITIES = [(city, iso) for iso, cities in _WORLD["cities"].items() for city in cities]

# Names of people and organisations.
# pool: (given names, family names), each separated by spaces.
NAME_POOLS = {pool: (p["given"], p["family"]) for pool, p in _NAMES["name_pools"].items()}
SURNAME_FIRST = {pool for pool, p in _NAMES["name_pools"].items() if p.get("surname_first")}
TRANSLITERATIONS = _NAMES["transliterations"]
_UKRAINIAN = [tuple(pair) for pair in _NAMES["ukrainian_cyrillic"]]
PERSON_ROLES = _NAMES["person_roles"]
IGO_REGIONS = _NAMES["igo_regions"]
IGO_FIELDS = _NAMES["igo_fields"]
IGO_BODIES = _NAMES["igo_bodies"]
THINK_TANK_WORDS = _NAMES["think_tank_words"]
THINK_TANK_FIELDS = _NAMES["think_tank_fields"]
MINISTRIES = [(m["ministry"], m["minister"]) for m in _NAMES["ministries"]]
NEWSPAPERS = _NAMES["newspapers"]
ARMED_PREFIXES = _NAMES["armed_prefixes"]
ARMED_NOUNS = _NAMES["armed_nouns"]
ARMED_GROUP_COUNTRIES = _NAMES["armed_group_countries"]
COMPANY_INDUSTRIES = [(c["industry"], c["sector"]) for c in _NAMES["company_industries"]]
# (name, domain, kind of source)
PUBLISHERS = [(p["name"], p["domain"], p["kind"]) for p in _NAMES["publishers"]]

# Themes, and the phrases any briefing may use; phrases.yaml explains the {slots}.
THEMES = {
    name: Theme(**{part: tuple(words) for part, words in theme.items()})
    for name, theme in _THEMES.items()
}
THEME_NAMES = sorted(THEMES)
SENTENCES = _PHRASES["sentences"]
GENERAL_HEADINGS = _PHRASES["headings"]
STANDFIRSTS = _PHRASES["standfirsts"]
GENERAL_QUESTIONS = _PHRASES["questions"]
ANSWER_SENTENCES = _PHRASES["answer_sentences"]
QUOTE_SENTENCES = _PHRASES["quote_sentences"]
OCCASIONS = _PHRASES["occasions"]
QUOTE_CONTEXTS = _PHRASES["quote_contexts"]
CORRECTIONS = _PHRASES["corrections"]
OFFICIALS = _PHRASES["officials"]
TIMEFRAMES = _PHRASES["timeframes"]
SAYS = _PHRASES["says"]
MOODS = _PHRASES["moods"]
MONTHS = _PHRASES["months"]
GENERAL_ADJECTIVES = _PHRASES["adjectives"]
STATES = _PHRASES["states"]

# Shares of the models' choices, next to the models they name rather than in the vocabulary.

# The share of each kind among generated actors.
ACTOR_KINDS = [
    (Actor.Kind.PERSON, 64),
    (Actor.Kind.IGO, 6),
    (Actor.Kind.THINK_TANK, 7),
    (Actor.Kind.GOVERNMENT_BODY, 8),
    (Actor.Kind.MEDIA, 4),
    (Actor.Kind.ARMED_GROUP, 3),
    (Actor.Kind.COMPANY, 6),
    (Actor.Kind.STATE, 2),
]

STATUS_WEIGHTS = [
    ("published", 89),
    ("scheduled", 1),
    ("draft", 5),
    ("in_review", 3),
    ("archived", 2),
]
KIND_WEIGHTS = [
    (Briefing.Kind.ANALYSIS, 40),
    (Briefing.Kind.BACKGROUND, 20),
    (Briefing.Kind.EXPLAINER, 20),
    (Briefing.Kind.REPORTAGE, 12),
    (Briefing.Kind.OPINION, 8),
]
VERIFICATION_WEIGHTS = [
    (Quote.Verification.REPORTED, 45),
    (Quote.Verification.UNVERIFIED, 33),
    (Quote.Verification.VERIFIED, 14),
    (Quote.Verification.DISPUTED, 6),
    (Quote.Verification.MISATTRIBUTED, 2),
]


# ---------------------------------------------------------------------------------------------
# The generator.
# ---------------------------------------------------------------------------------------------


class CorpusExists(Exception):
    """A corpus with this seed is in the database already; nothing was added."""

    def __init__(self, seed):
        self.seed = seed
        super().__init__(
            f"A corpus with seed {seed} exists already; nothing was added. "
            "Use another --seed to add a second corpus."
        )


@dataclass
class CorpusResult:
    seed: int
    counts: dict[str, int]
    seconds: float
    search_seconds: float
    search_rows: int  # search vectors computed; none on SQLite, which stores none


def actor_count_for(briefings):
    """About one actor for every five briefings, within sensible bounds."""
    return min(MAX_ACTORS, max(MIN_ACTORS, briefings // 5))


def generate_corpus(*, briefings, seed, progress=None, now=None, workers=None) -> CorpusResult:
    """Writes `briefings` synthetic briefings and everything they refer to, in one transaction.

    `progress(label, done, total)` is called as the work advances. Raises CorpusExists, having
    written nothing, when a corpus with this seed was generated before.

    Rendering Markdown costs more than writing the text or inserting the rows, so `workers`
    processes render each batch while this one inserts the previous batch; by default one per
    CPU from two batches on, and none (rendering here) for smaller corpora.
    """
    if briefings < 1:
        raise ValueError("A corpus needs at least one briefing.")
    if workers is None:
        workers = (os.cpu_count() or 1) if briefings > BATCH_SIZE else 0
    started = time.monotonic()
    builder = _Builder(seed=seed, now=now or timezone.now(), progress=progress)
    with transaction.atomic(), _markdown_renderer(workers) as render:
        builder.build_taxonomy()
        builder.refuse_existing_corpus()
        builder.build_actors(actor_count_for(briefings))
        builder.build_sources(max(20, briefings // 2))
        builder.progress("briefings", 0, briefings)
        previous = None
        for first in range(0, briefings, BATCH_SIZE):
            # Small chunks go to the renderers as soon as they are written, so that rendering
            # overlaps with both writing this batch and inserting the previous one.
            chunks = []
            for start in range(first, min(first + BATCH_SIZE, briefings), RENDER_CHUNK):
                plans = builder.plan_briefings(range(start, min(start + RENDER_CHUNK, briefings)))
                chunks.append((plans, render(_BriefingPlan.texts(plans))))
            if previous:
                builder.save_briefings(previous, total=briefings)
            previous = chunks
        builder.save_briefings(previous, total=briefings)
        search_seconds, search_rows = builder.rebuild_search()
    return CorpusResult(
        seed=seed,
        counts=dict(builder.counts),
        seconds=time.monotonic() - started,
        search_seconds=search_seconds,
        search_rows=search_rows,
    )


_Renderer = site_markdown.Renderer


_renderer = None


def _local_renderer():
    """This process's Markdown renderer: building one costs about as much as rendering a text."""
    global _renderer  # one per process
    if _renderer is None:
        _renderer = _Renderer()
    return _renderer


def _render_texts(texts):
    """Rendered HTML and contents of each text; runs in a worker process, or in this one."""
    render = _local_renderer()
    return [render(text) for text in texts]


@contextmanager
def _markdown_renderer(workers):
    """A function that starts rendering a list of texts and returns how to collect the result."""
    if not workers or "fork" not in multiprocessing.get_all_start_methods():

        def render_here(texts):
            result = _render_texts(texts)
            return lambda: result

        yield render_here
        return
    # Forked workers only render strings; they never touch the database connection.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:

        def render(texts):
            size = -(-len(texts) // workers)
            parts = [
                pool.submit(_render_texts, texts[start : start + size])
                for start in range(0, len(texts), size)
            ]
            return lambda: [result for part in parts for result in part.result()]

        yield render


@dataclass
class _Place:
    obj: Place
    text: str  # as running text writes it: "the United States"
    regions: tuple = ()
    demonym: str = ""
    capital: str = ""
    pool: str = ""
    iso: str = ""


@dataclass
class _Actor:
    obj: Actor | None
    person: bool
    country: _Place | None
    short: str = ""  # the name on second mention: a surname, an acronym
    article: bool = False  # "the Black Sea Security Council"
    role: str = ""
    aliases: list = field(default_factory=list)
    offices: list = field(default_factory=list)  # (title, single holder)
    tenures: list = field(default_factory=list)
    quotes: list = field(default_factory=list)  # Quote objects spoken by this actor
    quote_texts: set = field(default_factory=set)  # their normalised texts

    @property
    def text(self):
        name = self.obj.name
        if name.startswith("The "):
            return f"the {name[4:]}"
        return f"the {name}" if self.article else name

    @property
    def short_text(self):
        if self.short == self.obj.name:
            return self.text
        return self.short


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _possessives(text):
    # "the United States's" reads "the United States'".
    return re.sub(r"(?<=s)'s\b", "'", text)


def _capitalise(text):
    return text[:1].upper() + text[1:]


def _acronym(name):
    letters = [word[0] for word in re.split(r"[\s-]+", name) if word[:1].isupper()]
    return "".join(letters) if len(letters) >= 2 else ""


def _cyrillic(name):
    out, text = [], name.lower()
    while text:
        for latin, cyrillic in _UKRAINIAN:
            if text.startswith(latin):
                out.append(cyrillic)
                text = text[len(latin) :]
                break
        else:
            out.append(text[0])
            text = text[1:]
    return " ".join(_capitalise(word) for word in "".join(out).split(" "))


_SLOT = re.compile(r"\{(\w+)\}")


@functools.cache
def _compiled(template):
    """The template as [text, (slot method, capitalised), text, …], parsed once."""
    parts = _SLOT.split(template)
    for index in range(1, len(parts), 2):
        parts[index] = (f"_{parts[index].lower()}", parts[index][0].isupper())
    return parts


def _slug_with_suffix(text, suffix, max_length=200):
    return f"{slugify(text)[: max_length - len(suffix) - 1].strip('-')}-{suffix}"


class _Builder:
    def __init__(self, *, seed, now, progress):
        self.seed = seed
        self.now = now
        self.today = now.date()
        self.progress = progress or (lambda label, done, total: None)
        self.counts = defaultdict(int)
        self.theme_sources = defaultdict(list)  # theme -> [(date, Source)] in date order
        self.theme_briefings = defaultdict(list)  # theme -> recent Briefing objects

    def _rng(self, *parts):
        # One stream per purpose, so that one part of the corpus does not shift another.
        return random.Random(":".join(str(part) for part in (self.seed, *parts)))

    def _save(self, label, model, objects):
        model.objects.bulk_create(objects, batch_size=2000)
        self.counts[label] += len(objects)
        return objects

    # The seed's mark ----------------------------------------------------------------------

    def briefing_slug(self, index, title):
        return _slug_with_suffix(title, f"{self.seed}-{index + 1}")

    def refuse_existing_corpus(self):
        first_title, _, _ = self._title_plan(0)
        if Briefing.objects.filter(slug=self.briefing_slug(0, first_title)).exists():
            raise CorpusExists(self.seed)

    # Topics and places: shared by every corpus, created once ------------------------------

    def build_taxonomy(self):
        self.progress("taxonomy", 0, 1)
        existing = {}
        for topic in Topic.objects.all():
            existing[topic.slug] = existing[topic.name.casefold()] = topic
        self.topics, new_topics = {}, []
        for name, parent, description in TOPICS:
            topic = existing.get(slugify(name)) or existing.get(name.casefold())
            if topic is None:
                topic = Topic(
                    name=name,
                    slug=slugify(name),
                    description=description,
                    parent=self.topics.get(parent),
                )
                topic.prepare(render=_local_renderer())
                new_topics.append(topic)
            self.topics[name] = topic
        # Parents first: a child refers to its parent's primary key.
        self._save("topics", Topic, [t for t in new_topics if t.parent is None])
        for topic in new_topics:
            if topic.parent is not None:
                topic.parent_id = topic.parent.pk
        self._save("topics", Topic, [t for t in new_topics if t.parent is not None])
        self._build_places()
        self.progress("taxonomy", 1, 1)

    def _build_places(self):
        existing = {}
        for place in Place.objects.all():
            existing[place.slug] = existing[(place.name, place.kind)] = place
            if place.kind == Place.Kind.COUNTRY and place.iso_code:
                existing[place.iso_code] = place

        def find_or_plan(name, kind, iso=""):
            place = (
                existing.get(slugify(name))
                or existing.get((name, kind))
                or (existing.get(iso) if iso else None)
            )
            if place is not None:
                return place, False
            place = Place(name=name, slug=slugify(name), kind=kind, iso_code=iso)
            existing[place.slug] = existing[(name, kind)] = place
            return place, True

        new_places, parent_links = [], []
        self.regions = {}
        for name, article, kind in REGIONS:
            place, new = find_or_plan(name, kind)
            self.regions[name] = _Place(place, f"the {name}" if article else name)
            if new:
                new_places.append(place)
        self.countries = []
        self.by_iso = {}
        for name, iso, demonym, capital, pool, regions, article in COUNTRIES:
            place, new = find_or_plan(name, Place.Kind.COUNTRY, iso)
            country = _Place(
                place, f"the {name}" if article else name, regions, demonym, capital, pool, iso
            )
            self.countries.append(country)
            self.by_iso[iso] = country
            if new:
                new_places.append(place)
                parent_links += [(place, self.regions[region].obj) for region in regions]
        self.cities = defaultdict(list)
        for name, iso in CITIES:
            place, new = find_or_plan(name, Place.Kind.CITY)
            self.cities[iso].append(_Place(place, name))
            if new:
                new_places.append(place)
                parent_links.append((place, self.by_iso[iso].obj))
        self._save("places", Place, new_places)
        through = Place.parents.through
        self._save(
            "place parents",
            through,
            [through(from_place=child, to_place=parent) for child, parent in parent_links],
        )
        self.land_regions = [r for r in self.regions.values() if r.obj.kind == Place.Kind.REGION]
        # Some countries are in the news far more often than others.
        self.country_weights = list(
            itertools.accumulate(1 / (rank + 4) for rank in range(len(self.countries)))
        )

    # Actors, their aliases, offices and tenures -------------------------------------------

    def build_actors(self, count):
        self.progress("actors", 0, count)
        rng = self._rng("actors")
        taken_names = set(Actor.objects.values_list("name", "short_description"))
        taken_slugs = set(Actor.objects.values_list("slug", flat=True))
        state_countries = [
            c for c in self.countries if (c.obj.name, "Sovereign state") not in taken_names
        ]
        rng.shuffle(state_countries)
        plans = []
        for _ in range(count):
            kind = _weighted(rng, ACTOR_KINDS)
            if kind == Actor.Kind.STATE and not state_countries:
                kind = Actor.Kind.PERSON
            plan = self._plan_actor(rng, kind, state_countries)
            plans.append(plan)
        people = [plan for plan in plans if plan.person]
        offices, tenures = self._plan_offices(rng, plans, people)
        for plan in plans:
            actor = plan.obj
            if plan.person:
                actor.short_description = self._person_description(plan)
                if rng.random() < 0.5:
                    actor.bio = (
                        f"**{actor.name}** (born {actor.born}): {actor.short_description}.\n\n"
                        f"{plan.short} is often quoted on {rng.choice(TOPICS)[0].lower()} "
                        f"and {rng.choice(TOPICS)[0].lower()}."
                    )
            base = actor.short_description
            for attempt in itertools.count(1):
                if (actor.name, actor.short_description) not in taken_names:
                    break
                born = f", born {actor.born_on.year}" if attempt == 1 else f" ({attempt})"
                actor.short_description = f"{base}{born}"
            taken_names.add((actor.name, actor.short_description))
            slug = slugify(actor.name) or "actor"
            candidate = slug
            for number in itertools.count(2):
                if candidate not in taken_slugs:
                    break
                candidate = f"{slug}-{number}"
            actor.slug = candidate
            taken_slugs.add(candidate)
            actor.prepare(render=_local_renderer())
        self._save("actors", Actor, [plan.obj for plan in plans])
        self._save("actor aliases", ActorAlias, [a for plan in plans for a in plan.aliases])
        self._save("offices", Office, offices)
        self._save("tenures", Tenure, tenures)
        self.actors = plans
        self.people = people
        self.media_names = [
            plan.obj.name for plan in plans if plan.obj.kind == Actor.Kind.MEDIA
        ] or [publisher for publisher, _, _ in PUBLISHERS]
        rank = list(range(len(plans)))
        rng.shuffle(rank)
        # A few actors appear everywhere, most appear now and then.
        self.actor_weights = list(itertools.accumulate(1 / (r + 3) for r in rank))
        self.actors_by_country = defaultdict(list)
        for plan in plans:
            if plan.country is not None:
                self.actors_by_country[plan.country.iso].append(plan)
        self.progress("actors", count, count)

    def _plan_actor(self, rng, kind, state_countries):
        country = rng.choice(self.countries)
        plan = _Actor(obj=None, person=kind == Actor.Kind.PERSON, country=country)
        if plan.person:
            return self._plan_person(rng, plan)
        founded = datetime.date(rng.randint(1949, 2018), 1, 1)
        acronym = ""
        if kind == Actor.Kind.IGO:
            name = f"{rng.choice(IGO_REGIONS)} {rng.choice(IGO_FIELDS)} {rng.choice(IGO_BODIES)}"
            acronym = _acronym(name)
            description = f"Intergovernmental organisation founded in {founded.year}"
            plan.country = None
            plan.offices = [
                (f"{acronym} Secretary General", True),
                (f"{acronym} Deputy Secretary General", True),
                (f"Member of the {acronym} Council", False),
            ]
        elif kind == Actor.Kind.THINK_TANK:
            word, subject = rng.choice(THINK_TANK_WORDS), rng.choice(THINK_TANK_FIELDS)
            name = rng.choice(
                [
                    f"{word} Institute for {subject}",
                    f"Centre for {subject}",
                    f"{country.capital} Institute for {subject}",
                    f"{word} Council on {subject}",
                ]
            )
            acronym = _acronym(name)
            description = f"Think tank based in {country.capital}"
            plan.offices = [
                (f"Director of the {name}", True),
                (f"Senior Fellow at the {name}", False),
            ]
        elif kind == Actor.Kind.GOVERNMENT_BODY:
            ministry, minister = rng.choice(MINISTRIES)
            name = f"{country.demonym} Ministry of {ministry}"
            description = f"Government ministry of {country.text}"
            plan.offices = [
                (f"{country.demonym} {minister}", True),
                (f"Deputy {country.demonym} {minister}", False),
            ]
        elif kind == Actor.Kind.MEDIA:
            name = rng.choice(
                [
                    f"The {country.capital} {rng.choice(NEWSPAPERS)}",
                    f"{rng.choice(THINK_TANK_WORDS)} News Agency",
                    f"Radio {rng.choice(THINK_TANK_WORDS)}",
                ]
            )
            description = f"{country.demonym} news organisation"
            plan.offices = [
                (f"Editor-in-chief of {name}", True),
                (f"Correspondent for {name}", False),
            ]
        elif kind == Actor.Kind.ARMED_GROUP:
            country = plan.country = self.by_iso[rng.choice(ARMED_GROUP_COUNTRIES)]
            name = f"{rng.choice(ARMED_PREFIXES)} {rng.choice(ARMED_NOUNS)}"
            if rng.random() < 0.5:
                name = f"{name} of {country.obj.name}"
            acronym = _acronym(name)
            description = f"Armed group active in {country.text}"
            plan.offices = [
                (f"Commander of the {name}", True),
                (f"Spokesperson for the {name}", True),
            ]
        elif kind == Actor.Kind.COMPANY:
            industry, sector = rng.choice(COMPANY_INDUSTRIES)
            owner = rng.choice(NAME_POOLS[country.pool][1].split())
            name = f"{rng.choice([rng.choice(THINK_TANK_WORDS), owner])} {industry}"
            description = f"{country.demonym} {sector} company"
            plan.offices = [
                (f"Chief Executive of {name}", True),
                (f"Board member of {name}", False),
            ]
        else:  # a state
            country = plan.country = state_countries.pop()
            name = country.obj.name
            description = "Sovereign state"
            founded = None
            plan.offices = [
                (f"President of {country.obj.name}", True),
                (f"Prime Minister of {country.obj.name}", True),
            ]
            plan.aliases.append(
                ActorAlias(name=country.capital, kind=ActorAlias.Kind.OTHER, language="en")
            )
        plan.article = kind in (
            Actor.Kind.IGO,
            Actor.Kind.THINK_TANK,
            Actor.Kind.GOVERNMENT_BODY,
            Actor.Kind.ARMED_GROUP,
        ) or (kind == Actor.Kind.STATE and country.text.startswith("the "))
        if acronym:
            plan.aliases.append(ActorAlias(name=acronym, kind=ActorAlias.Kind.ACRONYM))
        if kind == Actor.Kind.MEDIA and name.startswith("The "):
            plan.aliases.append(ActorAlias(name=name[4:], kind=ActorAlias.Kind.SHORT))
        if rng.random() < 0.3 or not plan.aliases:
            former = f"{name.rsplit(' ', 1)[0]} {rng.choice(['Group', 'Association', 'Committee'])}"
            plan.aliases.append(ActorAlias(name=former, kind=ActorAlias.Kind.FORMER, language="en"))
        plan.short = acronym or name
        bio = ""
        if kind != Actor.Kind.STATE and rng.random() < 0.6:
            bio = (
                f"The **{name}**{f' ({acronym})' if acronym else ''} is "
                f"{'an' if description[0] in 'AEIOU' else 'a'} {description[0].lower()}{description[1:]}. "
                f"It features in briefings on {rng.choice(TOPICS)[0].lower()} and "
                f"{rng.choice(TOPICS)[0].lower()}.\n\n"
                f"- Headquarters: {country.capital}\n"
                f"- Staff: about {rng.randint(2, 90) * 10}"
            )
        plan.obj = Actor(
            name=name,
            kind=kind,
            short_description=description,
            bio=bio,
            country=plan.country.obj if plan.country else None,
            born_on=founded,
            born_on_precision="year" if founded else "",
        )
        for alias in plan.aliases:
            alias.actor = plan.obj
        return plan

    def _plan_person(self, rng, plan):
        country = plan.country
        firsts, lasts = (part.split() for part in NAME_POOLS[country.pool])
        first, last = rng.choice(firsts), rng.choice(lasts)
        surname_first = country.pool in SURNAME_FIRST
        name = f"{last} {first}" if surname_first else f"{first} {last}"
        plan.short = last
        candidates = [ActorAlias(name=last, kind=ActorAlias.Kind.SHORT)]
        variant_first = TRANSLITERATIONS.get(first, first)
        variant_last = TRANSLITERATIONS.get(last, last)
        if (variant_first, variant_last) != (first, last):
            variant = (
                f"{variant_last} {variant_first}"
                if surname_first
                else f"{variant_first} {variant_last}"
            )
            candidates.append(
                ActorAlias(name=variant, kind=ActorAlias.Kind.TRANSLITERATION, language="en")
            )
        if country.pool == "ua":
            candidates.append(
                ActorAlias(name=_cyrillic(name), kind=ActorAlias.Kind.NATIVE, language="uk")
            )
        if surname_first:
            candidates.append(
                ActorAlias(name=f"{first} {last}", kind=ActorAlias.Kind.OTHER, language="en")
            )
        else:
            candidates.append(ActorAlias(name=f"{first[0]}. {last}", kind=ActorAlias.Kind.OTHER))
        plan.aliases = [
            candidates[0],
            *rng.sample(candidates[1:], rng.randint(0, min(2, len(candidates) - 1))),
        ]
        precision = "day" if rng.random() < 0.7 else "year"
        born = datetime.date(rng.randint(1940, 1988), rng.randint(1, 12), rng.randint(1, 28))
        born = PartialDate.normalised(born, precision)
        plan.role = rng.choice(PERSON_ROLES)
        plan.obj = Actor(
            name=name,
            kind=Actor.Kind.PERSON,
            country=country.obj,
            born_on=born.date,
            born_on_precision=born.precision,
        )
        for alias in plan.aliases:
            alias.actor = plan.obj
        return plan

    def _plan_offices(self, rng, plans, people):
        offices, tenures = [], []
        first_year = self.today.year - 15
        people_by_country = defaultdict(list)
        for person in people:
            people_by_country[id(person.country)].append(person)
        for plan in plans:
            if plan.person or not people:
                continue
            for title, single in plan.offices[: rng.randint(1, len(plan.offices))]:
                office = Office(title=title, organisation=plan.obj, single_holder=single)
                offices.append(office)
                # Holders come from the organisation's country when it has enough people.
                local = people_by_country.get(id(plan.country), ())
                local = local if len(local) >= 3 else people
                if single:
                    start = datetime.date(
                        rng.randint(first_year, first_year + 7),
                        rng.randint(1, 12),
                        rng.randint(1, 28),
                    )
                    holder = None
                    while start < self.today:
                        holder = rng.choice([p for p in local if p is not holder] or people)
                        end = start + datetime.timedelta(days=rng.randint(500, 2200))
                        if end >= self.today:
                            end = (
                                None
                                if rng.random() < 0.85
                                else self.today - datetime.timedelta(days=rng.randint(1, 60))
                            )
                            if end is not None and end <= start:
                                end = None
                        tenures.append(self._tenure(holder, office, start, end))
                        if end is None:
                            break
                        start = end + datetime.timedelta(days=rng.choice([0, 0, 0, 1, 14, 60]))
                else:
                    for holder in rng.sample(local, min(len(local), rng.randint(2, 4))):
                        start = datetime.date(
                            rng.randint(first_year, self.today.year - 1), rng.randint(1, 12), 1
                        )
                        end = (
                            None
                            if rng.random() < 0.6
                            else start + datetime.timedelta(days=rng.randint(200, 1500))
                        )
                        if end is not None and end >= self.today:
                            end = None
                        tenures.append(self._tenure(holder, office, start, end))
        return offices, tenures

    @staticmethod
    def _tenure(holder, office, start, end):
        tenure = Tenure(
            actor=holder.obj,
            office=office,
            started_on=start,
            ended_on=end,
            note="acting" if end is not None and (end - start).days < 200 else "",
        )
        tenure.prepare()
        holder.tenures.append(tenure)
        return tenure

    @staticmethod
    def _person_description(plan):
        if plan.tenures:
            latest = max(plan.tenures, key=lambda tenure: tenure.started_on)
            if latest.ended_on is None:
                return f"{latest.office.title} since {latest.started_on.year}"
            return f"Former {latest.office.title}"
        return f"{plan.country.demonym} {plan.role}"

    # Sources ---------------------------------------------------------------------------------

    def build_sources(self, count):
        self.progress("sources", 0, count)
        rng = self._rng("sources")
        organisations = [
            plan
            for plan in self.actors
            if plan.obj.kind in (Actor.Kind.IGO, Actor.Kind.GOVERNMENT_BODY, Actor.Kind.STATE)
        ]
        span = (YEARS_OF_BRIEFINGS + 1) * 365
        sources = []
        for index in range(count):
            theme_name = rng.choice(THEME_NAMES)
            theme = THEMES[theme_name]
            published = self.today - datetime.timedelta(days=rng.randint(0, span))
            kind = _weighted(
                rng,
                [("press_report", 40), ("transcript", 14), ("official_statement", 14), ("video", 8),
                 ("government_document", 7), ("analysis", 11), ("social_post", 6)],
            )  # fmt: skip
            place = rng.choice(self.countries)
            writer = _Writer(rng, self, theme, [place], [], published)
            headline = writer.fill(rng.choice(theme.titles))
            if (
                kind in ("official_statement", "transcript", "government_document")
                and organisations
            ):
                organisation = rng.choice(organisations)
                publisher = organisation.obj.name
                domain = f"{slugify(organisation.short)}.example"
                title = {
                    "official_statement": f"Statement on the {rng.choice(theme.nouns)}",
                    "transcript": f"Transcript: {writer.fill(rng.choice(OCCASIONS))}",
                    "government_document": f"{_capitalise(rng.choice(theme.nouns))}: policy paper",
                }[kind]
                section = "news"
            else:
                publisher, domain, _ = rng.choice(
                    [p for p in PUBLISHERS if p[2] == kind] or PUBLISHERS
                )
                title = {"video": f"Video: {headline}", "social_post": f"Post: {headline}"}.get(
                    kind, headline
                )
                section = rng.choice(["world", "politics", "economy", "security"])
            url = f"https://{domain}/{section}/{published:%Y/%m/%d}/{_slug_with_suffix(title, f'{self.seed}-{index + 1}', 120)}"
            accessed = min(self.today, published + datetime.timedelta(days=rng.randint(0, 90)))
            source = Source(
                url=url,
                title=title[:300],
                publisher=publisher,
                kind=kind,
                published_on=published,
                accessed_on=accessed,
                archive_url=f"https://archive.example/{accessed:%Y%m%d}/{url}"
                if rng.random() < 0.2
                else "",
            )
            source.prepare()
            sources.append(source)
            self.theme_sources[theme_name].append((published, source))
        self._save("sources", Source, sources)
        for pairs in self.theme_sources.values():
            pairs.sort(key=lambda pair: pair[0])
        self.theme_source_dates = {
            theme: [published for published, _ in pairs]
            for theme, pairs in self.theme_sources.items()
        }
        self.all_sources = sources
        self.progress("sources", count, count)

    def source_before(self, rng, theme_name, day):
        """A source on the theme published shortly before `day`, or any source."""
        pairs = self.theme_sources.get(theme_name) or []
        end = bisect.bisect_right(self.theme_source_dates.get(theme_name, []), day)
        candidates = pairs[max(0, end - 30) : end]
        return rng.choice(candidates)[1] if candidates else rng.choice(self.all_sources)

    # Briefings ------------------------------------------------------------------------------

    def _title_plan(self, index):
        """Title, themes and countries of briefing `index`.

        They come from a stream of their own and from fixed lists only, so that briefing 1 of a
        seed has the same title (and slug) whatever the corpus size or the database holds.
        """
        rng = self._rng("title", index)
        themes = [rng.choice(THEME_NAMES)]
        if rng.random() < 0.3:
            themes.append(rng.choice([name for name in THEME_NAMES if name != themes[0]]))
        countries = []
        for _ in range(rng.randint(1, 3)):
            country = rng.choices(self.countries, cum_weights=self.country_weights)[0]
            if country not in countries:
                countries.append(country)
        writer = _Writer(rng, self, THEMES[themes[0]], countries, [], self.today)
        title = writer.fill(rng.choice(THEMES[themes[0]].titles), count=False)
        return _possessives(_capitalise(title))[:200], themes, countries

    def plan_briefings(self, indexes):
        batch = [self._plan_briefing(index) for index in indexes]
        if Briefing.objects.filter(slug__in=[plan.briefing.slug for plan in batch]).exists():
            raise CorpusExists(self.seed)
        return batch

    def save_briefings(self, chunks, *, total):
        batch = []
        for plans, rendered in chunks:
            # prepare() renders through a lookup of what the workers rendered.
            render = dict(zip(_BriefingPlan.texts(plans), rendered(), strict=True)).__getitem__
            for plan in plans:
                plan.briefing.prepare(render=render)
                for entry in plan.faq_entries:
                    entry.prepare(render=render)
            batch += plans
        briefings = [plan.briefing for plan in batch]
        self._save("briefings", Briefing, briefings)
        new_quotes = [quote for plan in batch for quote in plan.new_quotes]
        self._save("quotes", Quote, new_quotes)
        self._save(
            "quote links", BriefingQuote, [link for plan in batch for link in plan.quote_links]
        )
        self._save(
            "actor links", BriefingActor, [link for plan in batch for link in plan.actor_links]
        )
        entries = [entry for plan in batch for entry in plan.faq_entries]
        self._save("FAQ entries", FAQEntry, entries)
        self._save("corrections", Correction, [c for plan in batch for c in plan.corrections])
        topics, places, sources = (
            Briefing.topics.through,
            Briefing.places.through,
            Briefing.sources.through,
        )
        self._save(
            "topic links",
            topics,
            [topics(briefing=p.briefing, topic=topic) for p in batch for topic in p.topics],
        )
        self._save(
            "place links",
            places,
            [places(briefing=p.briefing, place=place) for p in batch for place in p.places],
        )
        self._save(
            "source links",
            sources,
            [sources(briefing=p.briefing, source=source) for p in batch for source in p.sources],
        )
        related = Briefing.related.through
        self._save(
            "related links",
            related,
            [
                related(from_briefing=plan.briefing, to_briefing=other)
                for plan in batch
                for other in plan.related
            ],
        )
        faq_topics = FAQEntry.topics.through
        self._save(
            "FAQ topic links",
            faq_topics,
            [
                faq_topics(faqentry=entry, topic=plan.topics[0])
                for plan in batch
                for entry in plan.faq_entries
            ],
        )
        # A briefing last changed when it was published, not when the corpus was generated.
        Briefing.objects.filter(
            pk__in=[b.pk for b in briefings if b.published_at and b.published_at <= self.now]
        ).update(created_at=F("published_at"), updated_at=F("published_at"))
        self.progress("briefings", self.counts["briefings"], total)

    def _plan_briefing(self, index):
        title, theme_names, places = self._title_plan(index)
        themes = [THEMES[name] for name in theme_names]

        rng = self._rng("briefing", index)
        plan = _BriefingPlan()
        status = _weighted(rng, STATUS_WEIGHTS)
        day = datetime.timedelta(days=1)
        if status == "published":
            published_at = self.now - rng.uniform(0.1, YEARS_OF_BRIEFINGS * 365) * day
        elif status == "scheduled":
            status, published_at = "published", self.now + rng.uniform(1, 30) * day
        elif status == "archived":
            published_at = self.now - rng.uniform(365, YEARS_OF_BRIEFINGS * 365) * day
        else:
            published_at = None
        reference = (published_at or self.now).date()
        if reference > self.today:
            reference = self.today

        plan.topics = list(
            dict.fromkeys(self.topics[name] for theme in themes for name in theme.topics)
        )[: rng.randint(1, 3)]
        linked_places = [place.obj for place in places]
        if rng.random() < 0.5:
            region = self.regions[rng.choice(places[0].regions)]
            linked_places.append(region.obj)
        if rng.random() < 0.25 and self.cities.get(places[0].iso):
            linked_places.append(rng.choice(self.cities[places[0].iso]).obj)
        plan.places = list(dict.fromkeys(linked_places))[:3]

        actors = self._choose_actors(rng, places)
        quotes, plan.new_quotes = self._choose_quotes(
            rng, actors, theme_names[0], themes[0], places, reference
        )
        writer = _Writer(rng, self, themes[0], places, actors, reference, extra_themes=themes[1:])
        body = writer.body(quotes)
        standfirst = _possessives(_capitalise(writer.fill(rng.choice(STANDFIRSTS), count=False)))
        briefing = Briefing(
            title=title,
            slug=self.briefing_slug(index, title),
            standfirst=standfirst[:600],
            body=body,
            kind=_weighted(rng, KIND_WEIGHTS),
            status=status,
            published_at=published_at,
            information_as_of=reference - rng.randint(0, 3) * day if published_at else None,
            featured=status == "published" and rng.random() < 0.02,
        )
        plan.briefing = briefing

        speakers = {id(quote.speaker) for quote in quotes}
        for order, actor in enumerate(actors):
            role = (
                BriefingActor.Role.SUBJECT if order == 0
                else BriefingActor.Role.QUOTED if id(actor.obj) in speakers
                else BriefingActor.Role.MENTIONED
            )  # fmt: skip
            plan.actor_links.append(
                BriefingActor(
                    briefing=briefing,
                    actor=actor.obj,
                    role=role,
                    mention_count=writer.mentions[id(actor)],
                )
            )
        for order, quote in enumerate(quotes, start=1):
            plan.quote_links.append(BriefingQuote(briefing=briefing, quote=quote, order=order))
        plan.sources = list(dict.fromkeys(
            [quote.source for quote in quotes if quote.source is not None]
            + [self.source_before(rng, theme_names[0], reference) for _ in range(rng.randint(1, 2))]
        ))  # fmt: skip
        plan.faq_entries = writer.faq_entries(briefing, published_at)
        if status == "published" and published_at <= self.now and rng.random() < 0.03:
            noted = min(self.now, published_at + rng.uniform(1, 60) * day)
            plan.corrections.append(
                Correction(
                    briefing=briefing,
                    kind=rng.choice(Correction.Kind.values),
                    published_at=noted,
                    text=_capitalise(writer.fill(rng.choice(CORRECTIONS), count=False)),
                )
            )
        recent = self.theme_briefings[theme_names[0]]
        if recent and rng.random() < 0.4:
            plan.related = rng.sample(recent, min(len(recent), rng.randint(1, 2)))
        if briefing.status == Briefing.Status.PUBLISHED:
            recent.append(briefing)
            del recent[:-50]
        return plan

    def _choose_actors(self, rng, places):
        wanted = rng.randint(2, 6)
        chosen, shorts = [], set()
        for _ in range(wanted * 4):
            if len(chosen) == wanted:
                break
            local = self.actors_by_country.get(rng.choice(places).iso)
            if local and rng.random() < 0.5:
                actor = rng.choice(local)
            else:
                actor = rng.choices(self.actors, cum_weights=self.actor_weights)[0]
            # Two actors called alike in one text would make its mentions ambiguous.
            if actor in chosen or actor.short in shorts or actor.obj.name in shorts:
                continue
            chosen.append(actor)
            shorts.update((actor.short, actor.obj.name))
        if not any(actor.person for actor in chosen):
            # Someone has to speak the quotes.
            person = rng.choice(self.people)
            for _ in range(20):
                if person.short not in shorts and person.obj.name not in shorts:
                    break
                person = rng.choice(self.people)
            if len(chosen) == wanted:
                chosen[-1] = person
            else:
                chosen.append(person)
        return chosen

    def _choose_quotes(self, rng, actors, theme_name, theme, places, reference):
        """The briefing's quotes, and those of them that are new."""
        speakers = [actor for actor in actors if actor.person] or actors
        quotes, new = [], []
        for _ in range(rng.randint(4, 6)):
            speaker = rng.choice(speakers if rng.random() < 0.85 else actors)
            # Now and then a briefing uses a quote stored for another one, said before it.
            if speaker.quotes and rng.random() < 0.1:
                quote = rng.choice(speaker.quotes)
                if quote.said_on <= reference and not any(quote is used for used in quotes):
                    quotes.append(quote)
                    continue
            quote = self._new_quote(rng, speaker, theme_name, theme, places, reference)
            quotes.append(quote)
            new.append(quote)
        return quotes, new

    def _new_quote(self, rng, speaker, theme_name, theme, places, reference):
        writer = _Writer(rng, self, theme, places, [], reference)
        said = reference - datetime.timedelta(days=rng.randint(1, 150))
        source = self.source_before(rng, theme_name, said) if rng.random() < 0.9 else None
        if source is not None and source.published_on <= reference:
            said = source.published_on - datetime.timedelta(days=rng.choice([0, 0, 0, 1, 2]))
        precision = _weighted(rng, [("day", 80), ("month", 15), ("year", 5)])
        partial = PartialDate.normalised(said, precision)
        known = speaker.quote_texts
        for attempt in range(12):
            first = rng.choice(theme.quotes if rng.random() < 0.6 else QUOTE_SENTENCES)
            text = _possessives(_capitalise(writer.fill(first, count=False)))
            if attempt > 3 or rng.random() < 0.3:
                second = rng.choice([t for t in QUOTE_SENTENCES if t != first])
                text = f"{text} {_possessives(_capitalise(writer.fill(second, count=False)))}"
            # Compared as Quote.prepare() stores them, for the (speaker, text) uniqueness check.
            if normalise_quote_text(text) not in known:
                break
        else:
            text = f"{text} I said it in {said.year}, and I say it again."
        verification = _weighted(rng, VERIFICATION_WEIGHTS)
        if source is None and verification == Quote.Verification.VERIFIED:
            verification = Quote.Verification.REPORTED
        tenure = self._tenure_on(speaker, partial)
        quote = Quote(
            text=text,
            speaker=speaker.obj,
            tenure=tenure,
            attributed_as=(
                ""
                if tenure is not None or rng.random() < 0.5
                else speaker.obj.short_description[:200]
            ),
            said_on=partial.date,
            said_on_precision=partial.precision,
            occasion=writer.fill(rng.choice(OCCASIONS), count=False),
            context=writer.fill(rng.choice(QUOTE_CONTEXTS), count=False)
            if rng.random() < 0.3
            else "",
            source=source,
            source_locator=(
                rng.choice(
                    [
                        f"{rng.randint(0, 1):02}:{rng.randint(0, 59):02}:{rng.randint(0, 59):02}",
                        f"para. {rng.randint(1, 20)}",
                        f"p. {rng.randint(1, 40)}",
                    ]
                )
                if source is not None and rng.random() < 0.6
                else ""
            ),
            verification=verification,
            verified_at=(
                datetime.datetime.combine(
                    min(self.today, said + datetime.timedelta(days=rng.randint(1, 30))),
                    datetime.time(12),
                    tzinfo=datetime.UTC,
                )
                if verification == Quote.Verification.VERIFIED
                else None
            ),
        )
        quote.prepare()
        speaker.quotes.append(quote)
        known.add(quote.text_normalised)
        return quote

    @staticmethod
    def _tenure_on(speaker, partial):
        """The tenure held throughout the date said, when exactly one fits (as Actor.tenure_on)."""
        fitting = [
            tenure
            for tenure in speaker.tenures
            if tenure.covers(partial.earliest) and tenure.covers(partial.latest)
        ]
        return fitting[0] if len(fitting) == 1 else None

    # Search -----------------------------------------------------------------------------------

    def rebuild_search(self):
        """bulk_create sends no signals, so the vectors are computed once, at the end."""
        self.progress("search", 0, 1)
        started = time.monotonic()
        if connection.vendor == "postgresql":
            # Statistics for the freshly filled tables, so that the rebuild's joins use indexes.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        rows = sum(rebuild_search_vectors().values())
        self.progress("search", 1, 1)
        return time.monotonic() - started, rows


@dataclass
class _BriefingPlan:
    """A briefing and the rows around it, before they are saved."""

    briefing: Briefing = None
    topics: list = field(default_factory=list)
    places: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    related: list = field(default_factory=list)
    actor_links: list = field(default_factory=list)
    quote_links: list = field(default_factory=list)
    new_quotes: list = field(default_factory=list)
    faq_entries: list = field(default_factory=list)
    corrections: list = field(default_factory=list)

    @staticmethod
    def texts(batch):
        """The Markdown to render: the bodies and the FAQ answers."""
        return [plan.briefing.body for plan in batch] + [
            entry.answer for plan in batch for entry in plan.faq_entries
        ]


class _Writer:
    """Fills sentence templates from a theme, the briefing's places and its actors."""

    def __init__(self, rng, builder, theme, places, actors, reference, extra_themes=()):
        self.rng = rng
        self.builder = builder
        self.themes = [theme, *extra_themes]
        self.theme = theme
        self.places = places
        self.actors = actors
        self.reference = reference
        self.mentions = defaultdict(int)
        self.introduced = set()
        self.counting = False
        self.next_actor = rng.randrange(len(actors)) if actors else 0
        self.sentence_state = {}

    def fill(self, template, count=True):
        """The template with every {slot} filled; mentions of actors are counted when `count`."""
        self.counting = count
        self.sentence_state = {}
        if len(self.themes) > 1 and self.rng.random() < 0.2:
            self.theme = self.rng.choice(self.themes[1:])
        else:
            self.theme = self.themes[0]
        return self._fill(template)

    def _fill(self, template):
        parts = _compiled(template)
        out = [parts[0]]
        for index in range(1, len(parts), 2):
            method, capitalised = parts[index]
            value = getattr(self, method)()
            if "{" in value:
                value = self._fill(value)
            out.append(_capitalise(value) if capitalised else value)
            out.append(parts[index + 1])
        return "".join(out)

    # Slots.

    def _mention(self, actor):
        if self.counting:
            self.mentions[id(actor)] += 1
            if id(actor) in self.introduced:
                return actor.short_text
            self.introduced.add(id(actor))
        return actor.text

    def _actor(self):
        if not self.actors:
            return self._official()
        actor = self.actors[self.next_actor % len(self.actors)]
        self.next_actor += 1
        return self._mention(actor)

    def _actor_name(self):
        return self._mention(self.actors[0]) if self.actors else "the government"

    def _place(self):
        return self.rng.choice(self.places).text

    def _place2(self):
        others = self.places[1:] or [c for c in self.builder.countries if c not in self.places]
        return self.rng.choice(others).text

    def _city(self):
        country = self.rng.choice(self.places)
        cities = self.builder.cities.get(country.iso) or ()
        return self.rng.choice([country.capital, *(city.text for city in cities)])

    @functools.cached_property
    def regions(self):
        regions = [
            self.builder.regions[name]
            for place in self.places
            for name in place.regions
            if self.builder.regions[name].obj.kind == Place.Kind.REGION
        ]
        return regions or self.builder.land_regions

    def _region(self):
        return self.rng.choice(self.regions).text

    def _pick(self, key, options):
        # Two slots of one kind in a sentence ({noun} and {noun2}) get different words.
        used = self.sentence_state.setdefault(key, set())
        choices = [option for option in options if option not in used] or options
        value = self.rng.choice(choices)
        used.add(value)
        return value

    def _noun(self):
        return self._pick("noun", self.theme.nouns)

    _noun2 = _noun

    def _action(self):
        return self._pick("action", self.theme.actions)

    _action2 = _action

    def _adj(self):
        pool = self.theme.adjectives if self.rng.random() < 0.6 else GENERAL_ADJECTIVES
        return self.rng.choice(pool)

    def _commodity(self):
        return self.rng.choice(self.theme.commodities)

    def _state(self):
        return self.rng.choice(STATES)

    def _official(self):
        return self.rng.choice(OFFICIALS)

    def _timeframe(self):
        return self.rng.choice(TIMEFRAMES)

    def _says(self):
        return self.rng.choice(SAYS)

    def _mood(self):
        return self.rng.choice(MOODS)

    def _month(self):
        return self.rng.choice(MONTHS)

    def _year(self):
        return str(self.rng.randint(self.reference.year - 8, self.reference.year - 1))

    def _number(self):
        return str(self.rng.choice([5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 60, 120, 300]))

    def _percent(self):
        return f"{self.rng.randint(3, 64)} per cent"

    def _money(self):
        if self.rng.random() < 0.5:
            return f"${self.rng.randint(12, 480) / 10:g}bn"
        return f"€{self.rng.randint(15, 95) * 10}m"

    def _media(self):
        return self.rng.choice(self.builder.media_names)

    # Whole texts.

    def sentence(self, used):
        """A sentence whose template the text has not used yet, while there are any left."""
        pools = [self.themes[0].sentences, SENTENCES]
        if self.rng.random() >= 0.2:
            pools.reverse()
        for pool in pools:
            fresh = [template for template in pool if template not in used]
            if fresh:
                break
        template = self.rng.choice(fresh or SENTENCES)
        used.add(template)
        return _possessives(_capitalise(self.fill(template)))

    def body(self, quotes):
        rng = self.rng
        section_count = rng.randint(3, 6)
        budget = rng.randint(420, 700) // section_count
        list_in = rng.randrange(section_count) if rng.random() < 0.4 else None
        quote_in = rng.randrange(section_count) if quotes and rng.random() < 0.35 else None
        headings, used, sections = set(), set(), []
        for number in range(section_count):
            heading = self._heading(headings)
            paragraphs, words = [], 0
            while words < budget:
                sentences = []
                for _ in range(rng.randint(3, 5)):
                    sentences.append(self.sentence(used))
                    words += len(sentences[-1].split())
                    if words >= budget:
                        break
                paragraphs.append(" ".join(sentences))
            if number == list_in:
                paragraphs.insert(1, self._list(used))
            if number == quote_in:
                paragraphs.insert(len(paragraphs) - 1, self._blockquote(quotes[0]))
            sections.append([f"## {heading}", *paragraphs])
        # Every linked actor is named at least once.
        for actor in self.actors:
            if not self.mentions[id(actor)]:
                self.counting = True
                sentence = rng.choice(
                    [
                        "{} did not respond to a request for comment.",
                        "{} has so far stayed out of the debate.",
                        "{} is expected to weigh in before long.",
                    ]
                ).format(self._mention(actor))
                sections[-1][-1] += " " + _capitalise(sentence)
        return "\n\n".join("\n\n".join(section) for section in sections)

    def _heading(self, taken):
        for _ in range(10):
            pool = self.themes[0].headings if self.rng.random() < 0.5 else GENERAL_HEADINGS
            heading = _possessives(_capitalise(self.fill(self.rng.choice(pool))))
            if heading.casefold() not in taken:
                break
        else:
            heading = f"{heading}, continued"
        taken.add(heading.casefold())
        return heading

    def _list(self, used):
        nouns = self.rng.sample(self.themes[0].nouns, self.rng.randint(3, 4))
        intro = self.rng.choice(["What to watch:", "The main points of friction:", "In brief:"])
        items = [f"- **{_capitalise(noun)}**: {self.sentence(used)}" for noun in nouns]
        return "\n".join([intro, "", *items])

    def _blockquote(self, quote):
        speaker = next((a for a in self.actors if a.obj is quote.speaker), None)
        name = self._mention(speaker) if speaker else quote.speaker.name
        return f"> {quote.text}\n>\n> — {_capitalise(name)}"

    def faq_entries(self, briefing, published_at):
        rng = self.rng
        pool = list(self.themes[0].questions) + GENERAL_QUESTIONS
        rng.shuffle(pool)
        wanted = rng.randint(2, 4)
        entries, asked = [], set()
        for template in pool:
            if len(entries) == wanted:
                break
            question = _possessives(_capitalise(self.fill(template, count=False)))
            if question.casefold() in asked:
                continue
            asked.add(question.casefold())
            used = set()
            paragraphs = [" ".join(self._answer_sentence(used) for _ in range(rng.randint(2, 4)))]
            if rng.random() < 0.25:
                nouns = rng.sample(self.themes[0].nouns, 3)
                paragraphs.append("\n".join(f"- the {noun}" for noun in nouns))
            if rng.random() < 0.2:
                paragraphs.append(self._answer_sentence(used))
            answer = "\n\n".join(paragraphs)
            reviewed = None
            if published_at and published_at.date() <= self.builder.today and rng.random() < 0.6:
                reviewed = published_at.date() + datetime.timedelta(
                    days=rng.randint(0, max(0, (self.builder.today - published_at.date()).days))
                )
            entries.append(
                FAQEntry(
                    question=question[:300],
                    answer=answer,
                    briefing=briefing,
                    order=len(entries) + 1,
                    last_reviewed_on=reviewed,
                )
            )
        return entries

    def _answer_sentence(self, used):
        pool = ANSWER_SENTENCES if self.rng.random() < 0.6 else self.themes[0].sentences
        template = self.rng.choice([t for t in pool if t not in used] or pool)
        used.add(template)
        return _possessives(_capitalise(self.fill(template, count=False)))
