"""Find actors' names in a text in one pass, whatever the number of names.

The text is read word by word; at each word the longest run of words that is a known name wins.
Names are compared case-insensitively and with typographic apostrophes and possessives folded
("Trump’s" is "Trump"), except acronyms ("US", "EU"), which must be written in capitals so that
"us" is not the United States. A name shared by two actors names neither.

`markdown_prose(text)` blanks what a mention must never be found in: fenced and inline code,
headings, link texts and targets, raw HTML; offsets stay those of the original text.

Two uses: `record_mentions(briefing)` counts the actors a briefing names into BriefingActor when it
is saved (over every actor and alias), and `link_first_mentions(html, actors)` links the first
mention of each of a briefing's own actors in each section of its rendered body, on the reader site.
"""

import hashlib
import html
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from django.core.cache import cache
from django.db.models import Count, Max

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*'?", re.UNICODE)
AMBIGUOUS = object()


@dataclass(frozen=True)
class Mention:
    actor_id: int
    start: int
    end: int


def _fold(word):
    word = unicodedata.normalize("NFKC", word).translate(_APOSTROPHES)
    if word.endswith("'s") or word.endswith("'S"):
        word = word[:-2]
    return word.rstrip("'").casefold()


def fold_name(name):
    """The form names are compared in: "Trump’s" and "TRUMP" are both "trump"."""
    return " ".join(_fold(word) for word, _, _ in _words(name))


def _is_acronym(name):
    letters = [c for c in name if c.isalpha()]
    return 1 < len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in name


def _words(text):
    for match in _WORD.finditer(text):
        yield match.group(0), match.start(), match.end()


class NameIndex:
    """Every name and alias, keyed by its words; built once, used for any number of texts."""

    def __init__(self, names):
        """`names`: (actor_id, name) pairs, the canonical names and the aliases alike."""
        self.folded, self.exact = {}, {}
        self.starts = set()  # the first word of every name: no mention starts at any other word
        self.longest = 1
        for actor_id, name in names:
            words = [w for w, _, _ in _words(name)]
            if not words:
                continue
            if _is_acronym(name):
                table, key = self.exact, tuple(words)
            else:
                table, key = self.folded, tuple(_fold(w) for w in words)
                if len(key) == 1 and len(key[0]) < 3:
                    continue  # "Xi" alone names too many things; "Xi Jinping" still counts
            known = table.get(key)
            table[key] = actor_id if known in (None, actor_id) else AMBIGUOUS
            self.starts.add(key[0])
            self.longest = max(self.longest, len(key))

    def mentions(self, text):
        """Every mention in `text`, left to right, the longest name winning where names overlap."""
        words = list(_words(text))
        folded = [_fold(w) for w, _, _ in words]
        raw = [w.translate(_APOSTROPHES).removesuffix("'s") for w, _, _ in words]
        found, i = [], 0
        while i < len(words):
            if folded[i] not in self.starts and raw[i] not in self.starts:
                i += 1
                continue
            for length in range(min(self.longest, len(words) - i), 0, -1):
                actor_id = self.folded.get(tuple(folded[i : i + length]))
                if actor_id is None:
                    actor_id = self.exact.get(tuple(raw[i : i + length]))
                if actor_id is not None and actor_id is not AMBIGUOUS:
                    found.append(Mention(actor_id, words[i][1], words[i + length - 1][2]))
                    i += length
                    break
            else:
                i += 1
        return found

    def counts(self, text):
        """How often each actor is named: {actor_id: count}."""
        return Counter(mention.actor_id for mention in self.mentions(text))


_FENCE = re.compile(r"(`{3,}+|~{3,}+)")
_NOT_PROSE = re.compile(
    r"^#{1,6}[ \t].*$"  # headings
    r"|`[^`\n]+`"  # inline code
    # Links and images, text and target; no brackets inside, so a line of "[[[[" stays linear.
    r"|!?\[[^\[\]\n]*\]\([^()\n]*\)"
    r"|<[^<>\n]+>",  # raw HTML tags and autolinks
    re.MULTILINE,
)


def _blank(match):
    return re.sub(r"[^\n]", " ", match.group(0))


def markdown_prose(text):
    """`text` with code, headings, links and HTML replaced by spaces (offsets unchanged).

    One pass over the lines: a fenced block runs from its fence to the next line that starts
    with the same fence (or to the end), as Markdown reads it.
    """
    out, fence = [], None
    for line in (text or "").splitlines(keepends=True):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None:
            if line.startswith(fence) and not line[len(fence) :].strip():
                fence = None
        else:
            out.append(_NOT_PROSE.sub(_blank, line))
            continue
        out.append(re.sub(r"[^\n]", " ", line))
    return "".join(out)


_built = {"key": None, "index": None}


def name_index():
    """An index of every actor's name and aliases, rebuilt only when they may have changed.

    Building it takes about 0.1 s per 10,000 names, too long to repeat on every save; two small
    aggregate queries tell whether the names changed since this process last built it (any save
    of an actor, the admin's alias edits included, moves its `updated_at`).
    """
    from .models import Actor, ActorAlias

    key = (
        tuple(Actor.objects.aggregate(n=Count("pk"), changed=Max("updated_at")).values()),
        tuple(ActorAlias.objects.aggregate(n=Count("pk"), last=Max("pk")).values()),
    )
    if _built["key"] != key:
        index = NameIndex(
            chain(
                # An actor awaiting review is linked nowhere until an editor has checked it.
                Actor.objects.filter(needs_review=False).values_list("pk", "name").iterator(),
                ActorAlias.objects.filter(actor__needs_review=False)
                .values_list("actor_id", "name")
                .iterator(),
            )
        )
        _built.update(key=key, index=index)
    return _built["index"]


def place_index(places):
    """An index of `places` by name, aliases and the common forms of a country's name, so that
    "the UK's" and "British" name the United Kingdom (`Place.other_names`)."""
    return NameIndex(
        (place.pk, name) for place in places for name in (place.name, *place.other_names())
    )


def briefing_prose(briefing):
    """What mentions are counted in: the standfirst and the body's prose."""
    return f"{briefing.standfirst}\n\n{markdown_prose(briefing.body)}"


def record_mentions(briefing, index=None):
    """Bring the briefing's BriefingActor rows in line with what its text names and quotes.

    Rows an editor pinned (`curated`) or excluded keep their role and stay, with the count
    updated. Other rows are the linker's: an actor named in the text is "mentioned" (or "quoted"
    when the briefing uses a quote of theirs; a "subject" stays a subject), and an actor
    neither named nor quoted any longer loses the row. Returns {actor_id: mention_count}.
    """
    from .models import BriefingActor

    index = index or name_index()
    counts = index.counts(briefing_prose(briefing))
    quoted = set(briefing.quote_links.values_list("quote__speaker_id", flat=True))
    rows = {row.actor_id: row for row in BriefingActor.objects.filter(briefing=briefing)}
    Role = BriefingActor.Role

    changed, stale = [], []
    for actor_id, row in rows.items():
        count = counts.get(actor_id, 0)
        managed = not (row.curated or row.excluded)
        if managed and not count and actor_id not in quoted:
            stale.append(row.pk)
            continue
        role = row.role
        if managed and role != Role.SUBJECT:
            role = Role.QUOTED if actor_id in quoted else Role.MENTIONED
        if (row.mention_count, row.role) != (count, role):
            row.mention_count, row.role = count, role
            changed.append(row)
    created = [
        BriefingActor(
            briefing=briefing,
            actor_id=actor_id,
            mention_count=counts.get(actor_id, 0),
            role=Role.QUOTED if actor_id in quoted else Role.MENTIONED,
        )
        for actor_id in (counts.keys() | quoted) - rows.keys()
    ]
    if stale:
        BriefingActor.objects.filter(pk__in=stale).delete()
    if changed:
        BriefingActor.objects.bulk_update(changed, ["mention_count", "role"])
    if created:
        BriefingActor.objects.bulk_create(created)
    return dict(counts)


def relink(briefings, index=None):
    """`record_mentions` for each of `briefings` (a queryset), one transaction each."""
    from django.db import transaction

    index = index or name_index()
    done = 0
    for briefing in briefings.only("pk", "standfirst", "body").order_by("pk").iterator(500):
        with transaction.atomic():
            record_mentions(briefing, index)
        done += 1
    return done


def briefings_naming(actor):
    """Briefings whose text may name `actor` by any of its names, or that list it already."""
    from django.db.models import Q

    from .models import Briefing

    contains = Q(actor_links__actor=actor)
    for name in [actor.name, *actor.aliases.values_list("name", flat=True)]:
        contains |= Q(body__icontains=name) | Q(standfirst__icontains=name)
    return Briefing.objects.filter(pk__in=Briefing.objects.filter(contains).values("pk"))


# Text inside these elements is never linked: links, code, headings, scripts.
_NO_LINKS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style"}) | {
    f"h{level}" for level in range(1, 7)
}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")


def link_first_mentions(body_html, actors, *, section_tag="h2"):
    """`body_html` with the first mention of each actor in each section linked to its page.

    `actors`: (actor, names) pairs — the briefing's own actors with their names and aliases;
    a few dozen names, so the index is built per call. A section starts at each `section_tag`
    heading. Text inside links, code and headings is left alone.
    """
    index = NameIndex((actor.pk, name) for actor, names in actors for name in names)
    if not index.folded and not index.exact:
        return body_html
    urls = {actor.pk: actor.get_absolute_url() for actor, _ in actors}
    out, seen, closed_depth, position = [], set(), 0, 0

    def add_text(raw):
        if closed_depth or not raw.strip():
            out.append(raw)
            return
        text, cursor = html.unescape(raw), 0
        pieces = []
        for mention in index.mentions(text):
            if mention.actor_id in seen:
                continue
            seen.add(mention.actor_id)
            pieces.append(html.escape(text[cursor : mention.start], quote=False))
            pieces.append(
                f'<a class="actor-mention" href="{html.escape(urls[mention.actor_id])}">'
                f"{html.escape(text[mention.start : mention.end], quote=False)}</a>"
            )
            cursor = mention.end
        out.append("".join(pieces) + html.escape(text[cursor:], quote=False) if pieces else raw)

    for tag in _TAG.finditer(body_html):
        add_text(body_html[position : tag.start()])
        closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
        if name == section_tag and not closing:
            seen = set()
        if name in _NO_LINKS and not self_closing:
            closed_depth = max(0, closed_depth + (-1 if closing else 1))
        out.append(tag.group(0))
        position = tag.end()
    add_text(body_html[position:])
    return "".join(out)


LINKED_BODY_SECONDS = 24 * 60 * 60


def cached_link_first_mentions(body_html, actors, *, section_tag="h2"):
    """`link_first_mentions`, kept in the cache under a hash of everything it depends on.

    The key covers the body, the section tag and each actor's page and names, so an entry can
    never be stale: any change to them is another key, and old entries simply expire.
    """
    urls_and_names = [(actor.get_absolute_url(), list(names)) for actor, names in actors]
    digest = hashlib.sha256(
        json.dumps([section_tag, urls_and_names, body_html], ensure_ascii=False).encode()
    ).hexdigest()
    key = f"linked-body:{digest}"
    linked = cache.get(key)
    if linked is None:
        linked = link_first_mentions(body_html, actors, section_tag=section_tag)
        cache.set(key, linked, LINKED_BODY_SECONDS)
    return linked
