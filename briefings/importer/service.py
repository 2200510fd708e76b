"""Turn a Markdown or plain-text briefing into a draft with its quotes, speakers and FAQ.

One service for every entry point — `manage.py import_briefing`, the admin's "Import briefing"
page, `POST /api/v1/import/` and the demo content (`briefings.demo`). An import is one
transaction: bad input raises ImportFailed and writes nothing. A preview (`commit=False`) runs the
very same import and rolls it back, so what it shows is exactly what a confirmed import creates.
The front matter keys are listed with `parse._FRONT_MATTER_KEYS`.
"""

import datetime
import functools
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import slug_re
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from rapidfuzz import fuzz, process

from briefings import linking, place_forms, policies, services
from briefings.markdown import quote_reference
from briefings.models import (
    Actor,
    ActorAlias,
    Briefing,
    BriefingActor,
    BriefingQuote,
    Correction,
    FAQEntry,
    Place,
    Quote,
    Source,
    Topic,
    normalise_url,
)
from briefings.models.quote import normalise_quote_text
from briefings.text import clean_text

from .candidates import ORGANISATION_WORDS, find_candidates
from .parse import ParsedBriefing, ParseError, parse, placeholder

# Honorifics dropped from a name as written before it is matched against actors.
HONORIFICS = ("dr", "prof", "mr", "mrs", "ms", "sir", "dame")
# What one import stores at most. A quote costs some 5 queries, a new speaker 25 more, an FAQ
# entry 10: with all of them at once an import (or its preview) takes some 0.6 s on PostgreSQL
# on a busy 2-core machine. A real briefing stays far below them: the demo's quote at most nine
# times, seven new speakers. Quotations and FAQ entries past them stay in the body, with a
# warning; corrections, which come from the front matter, are refused.
MAX_QUOTES = 30
MAX_NEW_SPEAKERS = 15
MAX_FAQ_ENTRIES = 30
MAX_CORRECTIONS = 20
# The parser's placeholder for a pull quote that stays in place, `placeholder(line)`.
_PLACEHOLDER = re.compile(re.escape(placeholder(0)).replace("0", r"(\d+)"))
# A stored quote by the same speaker is offered for reuse from this fuzzy ratio (0–100) of the
# normalised texts: a changed word or two in a sentence, not another sentence.
SIMILAR_QUOTE = 85
SIMILAR_QUOTES_READ = 500
# A briefing whose title is this similar to an existing one's is warned about.
SIMILAR_TITLE = 90
# How many left-out quotations a warning names by their line.
_LINES_NAMED = 5


class ImportFailed(Exception):
    """The input cannot be imported; nothing was written. `errors`: {field: [messages]}."""

    def __init__(self, message, field="text", errors=None):
        super().__init__(message)
        self.errors = errors or {field: [message]}


@dataclass
class ImportedQuote:
    text: str
    speaker: Actor
    attribution: str
    speaker_is_new: bool = False
    existing: bool = False  # the quote was stored already and is reused, not copied
    tenure: object = None
    in_body: bool = True
    quote: Quote = None  # the stored quote, new or reused
    # Stored quotes by the same speaker worded almost the same, offered for reuse (`line` is
    # where the quotation was read, as `import_briefing(reuse_quotes=…)` names it).
    similar: list = field(default_factory=list)
    line: int = 0


@dataclass
class ImportReport:
    """What an import created (or, for a preview, would create)."""

    briefing: Briefing
    parsed: ParsedBriefing
    committed: bool
    quotes: list = field(default_factory=list)
    faq_entries: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    places: list = field(default_factory=list)
    places_in_text: list = field(default_factory=list)  # whatever the front matter lists
    actors_named: list = field(default_factory=list)  # known actors the text names
    similar_briefings: list = field(default_factory=list)  # (id, title), titled almost the same
    new_actors: list = field(default_factory=list)
    # People and organisations the text names that no actor is (`candidates.Candidate`), and
    # the actors created from those the editor chose.
    candidates: list = field(default_factory=list)
    created_actors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def unclassified(self):
        return self.parsed.unclassified

    @property
    def sections(self):
        return [line[3:].strip() for line in self.briefing.body.splitlines() if line[:3] == "## "]

    def summary(self):
        """One line for a person: what was (or would be) created and what needs a look."""
        b = self.briefing
        status = b.get_status_display().lower()
        verb = "Imported" if self.committed else "Would import"
        parts = [
            _count(len(self.sections), "section"),
            _count(len(self.quotes), "quote"),
            _count(len(self.faq_entries), "FAQ entry", "FAQ entries"),
            _count(len(self.topics), "topic"),
            _count(len(self.places), "place"),
        ]
        line = f"{verb} “{b.title}” as {'an' if status[0] in 'aeiou' else 'a'} {status}: "
        line += ", ".join(parts) + "."
        if self.new_actors:
            line += f" {_count(len(self.new_actors), 'new speaker')} to review."
        if self.created_actors:
            line += f" {_count(len(self.created_actors), 'new actor')} to review."
        elif self.candidates:
            line += f" {_count(len(self.candidates), 'name')} the knowledge base does not know."
        if similar := sum(1 for q in self.quotes if q.similar):
            line += f" {_count(similar, 'quote')} like one stored already."
        if self.unclassified:
            line += f" {_count(len(self.unclassified), 'passage')} not classified."
        return line

    def as_dict(self):
        """Plain data for the API and the command's JSON output."""
        b = self.briefing
        return {
            "committed": self.committed,
            "summary": self.summary(),
            "briefing": {
                "id": b.pk if self.committed else None,
                "slug": b.slug,
                "title": b.title,
                "status": b.status,
                "type": b.kind,
                "standfirst": b.standfirst,
                "body": b.body,
                "sections": self.sections,
                "published_at": b.published_at,
            },
            "quotes": [
                {
                    "text": q.text,
                    "speaker": {
                        "id": q.speaker.pk if self.committed else None,
                        "name": q.speaker.name,
                        "slug": q.speaker.slug,
                        "new": q.speaker_is_new,
                    },
                    "attribution": q.attribution,
                    "office": str(q.tenure.office) if q.tenure else None,
                    "existing": q.existing,
                    "line": q.line,
                    "similar": [
                        {"id": similar.pk, "text": similar.text, "said_on": similar.said_on}
                        for similar in q.similar
                    ],
                }
                for q in self.quotes
            ],
            "faq": [{"question": e.question, "answer": e.answer} for e in self.faq_entries],
            "topics": [t.name for t in self.topics],
            "places": [p.name for p in self.places],
            "actors_named": [a.name for a in self.actors_named],
            "new_actors": [a.name for a in self.new_actors],
            "candidates": [
                {
                    "name": c.name,
                    "kind": c.kind,
                    "mentions": c.mentions,
                    "context": c.context,
                    "created": c.created is not None,
                }
                for c in self.candidates
            ],
            "unclassified": list(self.unclassified),
            "warnings": list(self.warnings),
        }


def _count(n, singular, plural=None):
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def _too_large(name, size):
    """The message for an input of `size` bytes over the import limit."""
    limit = _size(settings.IMPORT_MAX_BYTES)
    actual = _size(size)
    if actual == limit:  # just over: 500,001 bytes is "500 kB" too
        actual = f"{size:,} bytes"
    return (
        f"{name} is {actual}; a briefing can be at most {limit}. "
        "Split it or remove embedded images."
    )


def _size(size):
    """ "500 kB", "1.9 MB": in the decimal units the limit is set in."""
    value, unit = (size / 1_000_000, "MB") if size >= 1_000_000 else (size / 1_000, "kB")
    return f"{value:,.1f}".removesuffix(".0") + f" {unit}"


def decode(source, *, name="The input"):
    """The text of `source` (bytes or str), or ImportFailed saying plainly what is wrong."""
    size = len(source) if isinstance(source, bytes) else len(source.encode("utf-8", "replace"))
    if size > settings.IMPORT_MAX_BYTES:
        raise ImportFailed(_too_large(name, size))
    if isinstance(source, bytes):
        if b"\x00" in source[:8192]:
            raise ImportFailed(
                f"{name} looks like a binary file (a PDF, Word document or image?). "
                "Save it as Markdown or plain text first."
            )
        try:
            text = source.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFailed(
                f"{name} is not UTF-8 text (byte 0x{source[error.start]:02x} at position "
                f"{error.start}). Save it as UTF-8 and try again."
            ) from error
    else:
        text = source
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 8:
        raise ImportFailed(f"{name} looks like a binary file, not text.")
    if not text.strip():
        raise ImportFailed(f"{name} is empty.")
    return text


def read_upload(upload):
    """The text of an uploaded file (a .docx or .html one as Markdown), checked like any input,
    without reading an oversized one."""
    name = f"“{upload.name}”"
    if upload.size > settings.IMPORT_MAX_BYTES:
        raise ImportFailed(_too_large(name, upload.size))
    from . import formats  # here, since formats raises this module's ImportFailed

    data = upload.read()
    if formats.format_of(data, upload.name):  # a Word document or a web page
        data = formats.to_markdown(data, upload.name)
    return decode(data, name=name)


def import_briefing(
    source, *, by=None, publish=False, commit=True, names=None, create_actors=(), reuse_quotes=None
):
    """Import one briefing from `source` (bytes or str); returns an ImportReport.

    `by`: the user importing (permissions are checked; they become the author if the input names
    none); None for the command line (`policies.OPERATOR`), which goes through the same
    services. `publish`: publish at once (editors only) instead of creating a draft. `commit=False` previews: everything is created
    and then rolled back. `names`: a `linking.NameIndex` to share between imports.

    The editor's choices after a preview: `create_actors`, names of the report's `candidates`
    to create as actors (awaiting review); `reuse_quotes`, {line: stored quote id} to use, for
    the quotation read on that line, one of the similar stored quotes the report offers
    (`ImportedQuote.similar`) instead of storing it again.
    """
    return _import_all(
        [(None, source)],
        by=by,
        publish=publish,
        commit=commit,
        names=names,
        choices={"create_actors": create_actors, "reuse_quotes": reuse_quotes or {}},
    )[0]


def import_briefings(sources, *, by=None, publish=False, commit=True):
    """Import several briefings in one transaction; returns their ImportReports in order.

    `sources`: {label: bytes or str}. The label, a file name say, starts the error message of an
    input that cannot be imported, and then none is. The briefings' `related` front matter may
    name one another, in any order: related briefings are linked once all exist. The other
    arguments are `import_briefing`'s.
    """
    return _import_all(list(sources.items()), by=by, publish=publish, commit=commit, names=None)


def _import_all(sources, *, by, publish, commit, names, choices=None):
    by = by or policies.OPERATOR  # no user named: the command line, with an editor's rights
    if not policies.can_import(by):
        raise PermissionDenied("Only editors may import briefings.")
    parsed = []
    for label, source in sources:
        with _labelled(label):
            try:
                parsed.append(parse(decode(source)))
            except ParseError as error:
                raise ImportFailed(str(error), field=error.field) from error
    imports = []
    with transaction.atomic():
        for (label, _), item in zip(sources, parsed, strict=True):
            with _labelled(label):
                imports.append(
                    _Import(item, by=by, publish=publish, names=names, **(choices or {}))
                )
                imports[-1].run()
            if imports[-1].new_speakers:
                names = None  # rebuilt, so that the next input finds the new speakers
        for (label, _), each in zip(sources, imports, strict=True):
            with _labelled(label):
                each.link_related()
        for each in imports:
            each.report.committed = commit
        if not commit:
            transaction.set_rollback(True)
    return [each.report for each in imports]


@contextmanager
def _labelled(label):
    """Failures inside start with `label` (a file name in a batch); None leaves them alone."""
    try:
        yield
    except ImportFailed as error:
        if label is None:
            raise
        errors = {
            name: [f"{label}: {m}" for m in messages] for name, messages in error.errors.items()
        }
        raise ImportFailed(f"{label}: {error}", errors=errors) from error


class _Import:
    def __init__(self, parsed, *, by, publish, names, create_actors=(), reuse_quotes=None):
        self.parsed, self.by, self.publish = parsed, by, publish
        self.create_actors, self.reuse_quotes = create_actors, reuse_quotes or {}
        self.meta = parsed.meta
        self.names = names or linking.name_index()
        self.new_speakers = {}
        self.warnings = []
        self.actors, self.tenures = {}, {}  # by actor id: the same speaker is often quoted again
        self.known_speakers = {}  # by name as written: a name not indexed is looked up once
        self.found = {}  # {finder: {name: what it found}}: each name is looked up once
        self.stored_quotes = {}  # (speaker id, normalised text): a quote to reuse
        self.speaker_quotes = {}  # speaker id: their stored quotes, for similar ones
        self.similar_briefings = []  # (id, title) of stored briefings titled almost the same
        self.report = None
        # What the caps keep: [(parsed quote, its stored speaker or None)], FAQ entries, and
        # Markdown for the body in place of what they leave out.
        self.quotes, self.faq, self.left_in_body = [], [], ""
        self.too_long = []  # quotations longer than a quote can be: they stay text
        # {line: Markdown} for the pull quotes that stay in place: a reference to the stored
        # quote, or the quotation itself when the caps leave it out.
        self.in_place = {}

    def run(self):
        self.apply_caps()
        # The quotes first: the body places pull quotes by the stored quote's id.
        self.load_stored_quotes()
        quotes = []
        for parsed, found in self.quotes:
            quotes.append(self.quote(parsed, found))
            if parsed.placed:
                self.in_place[parsed.line] = quote_reference(quotes[-1].quote.pk)
        briefing = self.briefing()
        report = self.report = ImportReport(briefing=briefing, parsed=self.parsed, committed=False)
        report.warnings = list(self.parsed.warnings) + self.warnings
        report.similar_briefings = self.similar_briefings
        report.quotes = quotes
        self.save(briefing)
        report.topics = self.taxonomy(Topic, "topics", report)
        report.places = self.taxonomy(Place, "places", report)
        briefing.topics.set(report.topics)
        briefing.places.set(report.places)
        self.set_authors(briefing, report)
        briefing.sources.set(self.named("sources", _find_source, report))
        # Pinned, so that linking (below and on every later save) keeps them as subjects.
        BriefingActor.objects.bulk_create(
            BriefingActor(
                briefing=briefing, actor=actor, role=BriefingActor.Role.SUBJECT, curated=True
            )
            for actor in self.named("subjects", _find_actor, report)
        )
        self.add_corrections(briefing)
        used = dict.fromkeys(imported.quote for imported in report.quotes)  # once each, in order
        BriefingQuote.objects.bulk_create(
            BriefingQuote(briefing=briefing, quote=quote, order=order)
            for order, quote in enumerate(used, start=1)
        )
        for order, parsed in enumerate(self.faq, start=1):
            entry = FAQEntry(
                briefing=briefing,
                question=parsed.question,
                answer=parsed.answer,
                order=order,
                last_reviewed_on=parsed.last_reviewed_on,
            )
            _clean(entry, prefix=f"FAQ entry {order}")
            services.faq_entry_save(entry=entry, by=self.by, reason="Imported")
            if parsed.topics:
                entry.topics.set(_named(parsed.topics, self.finder(_finder(Topic)), report))
            report.faq_entries.append(entry)
        report.candidates = self.candidates(report)
        report.new_actors = list(self.new_speakers.values())
        quoted_lines = {parsed.line for parsed, _ in self.quotes}
        for line in sorted(set(self.reuse_quotes) - quoted_lines):
            report.warnings.append(
                f"Line {line}: no quotation was read there; the stored quote "
                f"{self.reuse_quotes[line]} chosen for it was not used."
            )
        counts = linking.record_mentions(briefing, self.names)
        report.actors_named = list(Actor.objects.filter(pk__in=counts).order_by("name"))
        return report

    def candidates(self, report):
        """People and organisations the text names that no actor is: listed for the editor,
        and created (awaiting review) only when `create_actors` names them."""
        b = self.parsed
        # The roles written with quotes name organisations too: "Director of the … Institute".
        roles = "\n".join(quote.attribution for quote in report.quotes)
        # Actors awaiting review are not linked anywhere, but they are known.
        pending = Actor.objects.filter(needs_review=True)
        awaiting = linking.NameIndex(
            [
                *pending.values_list("pk", "name"),
                *ActorAlias.objects.filter(actor__in=pending).values_list("actor_id", "name"),
            ]
        )
        found = find_candidates(
            f"{b.standfirst}\n{linking.markdown_prose(b.body)}\n{roles}",
            actors=[self.names, awaiting],
            places=self.place_names,
            skip=[quote.speaker.name for quote in report.quotes],
        )
        wanted = {linking.fold_name(name): name for name in self.create_actors}
        for candidate in found:
            if wanted.pop(linking.fold_name(candidate.name), None) is None:
                continue
            actor = Actor(
                name=candidate.name[:200],
                slug=_free_slug(Actor, slugify(candidate.name)[:190].strip("-") or "actor"),
                kind=Actor.Kind.PERSON if candidate.kind == "person" else Actor.Kind.OTHER,
                needs_review=True,
            )
            _clean(actor, prefix=f"The new actor “{candidate.name}”")
            services.actor_save(actor=actor, by=self.by, reason="Created by an import")
            candidate.created = actor
            report.created_actors.append(actor)
        for name in wanted.values():
            report.warnings.append(
                f"“{name}” is not among the names this text gives to people or organisations "
                "the knowledge base does not know; not created."
            )
        return found

    def apply_caps(self):
        """Keep what one import stores within the caps (MAX_QUOTES and the others above).

        Only the first MAX_QUOTES quotations are looked at, so that their speakers are looked up
        a bounded number of times; those past it, or by a new speaker past MAX_NEW_SPEAKERS, stay
        in the text: a quotation in a sentence is there already, a pull quote goes back as a
        blockquote at the end of the body. FAQ entries past MAX_FAQ_ENTRIES go back as an FAQ
        section. Too many corrections are refused: the front matter lists them one by one.
        """
        corrections = len(self.meta.get("corrections", ()))
        if corrections > MAX_CORRECTIONS:
            raise ImportFailed(
                f"The front matter lists {corrections} corrections; an import takes at most "
                f"{MAX_CORRECTIONS}. Import the briefing with the first {MAX_CORRECTIONS} and "
                "add the others in the admin.",
                field="front_matter",
            )
        left, new = [], set()
        longest_quote = Quote._meta.get_field("text").max_length
        for index, parsed in enumerate(self.parsed.quotes):
            if len(parsed.text) > longest_quote:
                self.warnings.append(
                    f"Line {parsed.line}: a quotation of {len(parsed.text):,} characters is "
                    f"longer than a quote can be ({longest_quote:,}); it stays in the text."
                )
                self.too_long.append(parsed)
                continue
            if index >= MAX_QUOTES:
                left.append(parsed)
                continue
            found = self.known_speaker(parsed)
            if found is None:
                key = linking.fold_name(parsed.speaker.strip())
                if key not in new and len(new) == MAX_NEW_SPEAKERS:
                    left.append(parsed)
                    continue
                new.add(key)
            self.quotes.append((parsed, found))
        self.faq, unfit = self.fitting_faq(self.parsed.faq[:MAX_FAQ_ENTRIES])
        as_text = left + self.too_long
        restored = [_as_pull_quote(p) for p in as_text if not p.in_body and not p.placed]
        self.in_place.update((p.line, _as_pull_quote(p)) for p in as_text if p.placed)
        if faq_left := unfit + self.parsed.faq[MAX_FAQ_ENTRIES:]:
            restored += ["## Frequently asked questions", *map(_as_faq_section, faq_left)]
        self.left_in_body = "\n\n".join(restored)
        if left:
            lines = ", ".join(str(parsed.line) for parsed in left[:_LINES_NAMED])
            if len(left) > _LINES_NAMED:
                lines += f" and {len(left) - _LINES_NAMED} more"
            pull_quotes = any(not p.in_body and not p.placed for p in left)
            where = (
                " (pull quotes from a quotes section at the end of the body)" if pull_quotes else ""
            )
            self.warnings.append(
                f"An import stores at most {MAX_QUOTES} quotes, by at most {MAX_NEW_SPEAKERS} "
                f"new speakers: {_count(len(self.quotes), 'quotation')} kept as quotes, "
                f"{len(left)} left in the text{where}, on lines {lines}."
            )
        if faq_left:
            questions = ", ".join(f"“{_short(e.question)}”" for e in faq_left[:_LINES_NAMED])
            if len(faq_left) > _LINES_NAMED:
                questions += f" and {len(faq_left) - _LINES_NAMED} more"
            self.warnings.append(
                f"An import stores at most {MAX_FAQ_ENTRIES} FAQ entries: the other "
                f"{len(faq_left)} ({questions}) are at the end of the body, under "
                "“Frequently asked questions”."
            )

    def fitting_faq(self, entries):
        """(entries an FAQ can hold, entries that go back to the body): a question asked twice,
        or an answer longer than an answer can be, is kept as text, with a warning."""
        longest = FAQEntry._meta.get_field("answer").max_length
        longest_question = FAQEntry._meta.get_field("question").max_length
        kept, unfit, seen = [], [], set()
        for entry in entries:
            question = " ".join(entry.question.split())
            if question in seen:
                problem = "is asked twice"
            elif len(question) > longest_question:
                problem = f"is {len(question):,} characters long (at most {longest_question})"
            elif len(entry.answer) > longest:
                problem = f"has an answer of {len(entry.answer):,} characters (at most {longest:,})"
            else:
                seen.add(question)
                kept.append(entry)
                continue
            unfit.append(entry)
            self.warnings.append(
                f"The FAQ question “{_short(question, 80)}” {problem}; it and its answer are at "
                "the end of the body, under “Frequently asked questions”."
            )
        return kept, unfit

    def add_corrections(self, briefing):
        for number, row in enumerate(self.meta.get("corrections", ()), start=1):
            correction = Correction(
                briefing=briefing,
                kind=row.get("kind", Correction.Kind.CORRECTION),
                published_at=row.get("published_at") or timezone.now().replace(microsecond=0),
                text=row["text"],
            )
            _clean(correction, prefix=f"Correction {number}")
            services.correction_save(correction=correction, by=self.by, reason="Imported")

    def link_related(self):
        """The briefings the front matter names as related; run once a batch's briefings exist."""
        related = self.named("related", _find_briefing, self.report)
        if related:
            self.report.briefing.related.set(related)

    def named(self, key, find, report):
        """The stored objects the front matter's `key` names, in its order."""
        return _named(self.meta.get(key) or (), self.finder(find), report)

    def finder(self, find):
        """`find`, asking the database once per name however often the input repeats it."""
        found = self.found.setdefault(find, {})

        def find_once(name):
            if name not in found:
                found[name] = find(name)
            return found[name]

        return find_once

    @functools.cached_property
    def whole_text(self):
        """Where topics and places are looked for: the title, standfirst, body's prose, the
        quotes with their attributions and the FAQ."""
        b = self.parsed
        parts = [b.title, b.standfirst, linking.markdown_prose(b.body)]
        parts += [f"{quote.text}\n{quote.attribution}" for quote in b.quotes]
        parts += [f"{entry.question}\n{linking.markdown_prose(entry.answer)}" for entry in b.faq]
        return "\n".join(parts)

    @functools.cached_property
    def place_names(self):
        return linking.place_index(Place.objects.only("pk", "name", "aliases", "iso_code"))

    # The briefing ------------------------------------------------------------------------

    def briefing(self):
        kind = self.meta.get("kind", Briefing.Kind.ANALYSIS)
        if kind not in Briefing.Kind.values:
            raise ImportFailed(
                f"Unknown type “{kind}”; use one of {', '.join(Briefing.Kind.values)}.",
                field="type",
            )
        # `publish` is the importer's choice, and it wins over the front matter's status.
        status = Briefing.Status.PUBLISHED if self.publish else self.meta.get("status", "draft")
        if status not in Briefing.Status.values:
            raise ImportFailed(
                f"Unknown status “{status}”; use one of {', '.join(Briefing.Status.values)}.",
                field="status",
            )
        standfirst, body = self.split_standfirst()
        title, body = self.fitting_title(body)
        longest_body = Briefing._meta.get_field("body").max_length
        if len(body) > longest_body:
            raise ImportFailed(
                f"The body is {len(body):,} characters long; a briefing's body can be at most "
                f"{longest_body:,}. Split the text into two briefings.",
                field="body",
            )
        published_at = self.meta.get("published_at")
        if status == Briefing.Status.PUBLISHED and published_at is None:
            published_at = timezone.now().replace(microsecond=0)
        briefing = Briefing(
            title=title,
            slug=self.free_slug(),
            standfirst=standfirst,
            body=body,
            kind=kind,
            status=status,
            published_at=published_at,
            information_as_of=self.meta.get("information_as_of"),
            featured=self.meta.get("featured", False),
        )
        _clean(briefing)
        self.similar_titles(briefing.title)
        return briefing

    def similar_titles(self, title):
        """A warning, with its address, for each stored briefing titled almost as `title`."""
        titles = dict(Briefing.objects.values_list("pk", "title"))
        matches = process.extract(
            title,
            titles,
            scorer=fuzz.ratio,
            processor=str.casefold,
            score_cutoff=SIMILAR_TITLE,
            limit=3,
        )
        for other, _, pk in matches:
            self.similar_briefings.append((pk, other))
            url = reverse("admin:briefings_briefing_change", args=[pk])
            self.warnings.append(
                f"A briefing with a very similar title exists: “{other}” ({url}). "
                "Check that this is not the same briefing."
            )

    def split_standfirst(self):
        """The standfirst, at most 600 characters: whole sentences; the rest opens the body."""
        standfirst = self.parsed.standfirst
        body = _PLACEHOLDER.sub(
            lambda match: self.in_place.get(int(match.group(1)), match.group(0)), self.parsed.body
        )
        body = "\n\n".join(part for part in (body, self.left_in_body) if part)
        if not clean_text(standfirst).strip():
            raise ImportFailed(
                "There is no standfirst: add a paragraph of one or two sentences between the "
                "title and the first heading.",
                field="standfirst",
            )
        limit = Briefing._meta.get_field("standfirst").max_length
        if len(standfirst) <= limit:
            return standfirst, body
        kept = ""
        for sentence in _sentences(standfirst):
            if len(kept) + len(sentence) + 1 > limit:
                break
            kept = f"{kept} {sentence}".strip()
        if not kept:
            raise ImportFailed(
                f"The first paragraph's first sentence is longer than {limit} characters; "
                "a standfirst must be shorter. Add a short opening paragraph.",
                field="standfirst",
            )
        rest = standfirst[len(kept) :].strip()
        self.warnings.append(
            "The first paragraph is too long for a standfirst; its first sentences are the "
            "standfirst and the rest opens the body."
        )
        return kept, f"{rest}\n\n{body}".strip()

    def fitting_title(self, body):
        """(title, body): a title too long for one is cut at a word, and written whole as the
        body's first paragraph, with a warning."""
        title = self.parsed.title
        if not clean_text(title).strip():  # nothing but control characters
            raise ImportFailed(
                "No title found: the first line holds no letters. Start with a title line.",
                field="title",
            )
        longest = Briefing._meta.get_field("title").max_length
        if len(title) <= longest:
            return title, body
        short = title[: longest - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-") + "…"
        self.warnings.append(
            f"The title is {len(title):,} characters long; a title can be at most {longest}. "
            f"It is shortened to “{short}”, and the whole title opens the body."
        )
        return short, f"{title}\n\n{body}".strip()

    def free_slug(self):
        given = self.meta.get("slug")
        if given and not slug_re.fullmatch(given):
            fixed = slugify(given)[:190].strip("-")
            self.warnings.append(
                f"The address “{given}” can hold only letters, digits, hyphens and "
                f"underscores; the import uses “{fixed or 'its title'}”."
            )
            given = fixed
        wanted = given or slugify(self.parsed.title)[:190].strip("-") or "briefing"
        slug = _free_slug(Briefing, wanted)
        if slug != wanted and given:
            self.warnings.append(f"The address “{wanted}” is taken; the import uses “{slug}”.")
        return slug

    def save(self, briefing):
        services.briefing_save(
            briefing=briefing, by=self.by, reason="Imported", record_mentions=False
        )

    def set_authors(self, briefing, report):
        usernames = self.meta.get("authors") or []
        if not usernames:
            return
        from django.contrib.auth import get_user_model

        users = {
            user.get_username(): user
            for user in get_user_model().objects.filter(username__in=usernames)
        }
        for missing in [name for name in usernames if name not in users]:
            report.warnings.append(f"No user is called “{missing}”; not added as an author.")
        if users:
            briefing.authors.add(*users.values())

    def taxonomy(self, model, key, report):
        """The topics or places the front matter names; without them, those the text names.

        Places are found by name, aliases and the common forms of a country's name ("the UK's",
        "British").
        """
        wanted = self.meta.get(key)
        if model is Place:
            index = self.place_names
        else:
            index = linking.NameIndex(model.objects.values_list("pk", "name"))
        found = index.counts(self.whole_text)
        named = list(model.objects.filter(pk__in=found).order_by("name"))
        if model is Place:
            report.places_in_text = named
        if wanted is None:
            return named
        return _named(wanted, self.finder(_finder(model)), report)

    # Quotes and speakers ----------------------------------------------------------------

    def load_stored_quotes(self):
        """The stored quotes with any of the texts quoted, whoever said them: one query for
        every 500 texts rather than one per quote."""
        texts = set()
        for parsed, _ in self.quotes:
            bare = _bare_quote_text(parsed.text)
            texts.update((bare, f"{bare}.", normalise_quote_text(parsed.text)))
        texts = sorted(texts)
        for start in range(0, len(texts), 500):
            for quote in Quote.objects.filter(text_normalised__in=texts[start : start + 500]):
                self.store_quote(quote)

    def store_quote(self, quote):
        # By its words without final punctuation: “Why now?” twice is one quote.
        key = (quote.speaker_id, _bare_quote_text(quote.text_normalised))
        if key not in self.stored_quotes or quote.pk < self.stored_quotes[key].pk:
            self.stored_quotes[key] = quote

    def quote(self, parsed, found):
        """The quote for `parsed`, said by `found` (actor, attribution), else a new speaker."""
        if found is None:
            speaker, attribution, new = self.new_speaker(parsed), parsed.attribution, True
        else:
            (speaker, attribution), new = found, False
        # “…flag,” said X quotes the sentence “…flag.”: final punctuation does not count. A new
        # speaker has quotes too when the text quotes them twice.
        bare = _bare_quote_text(parsed.text)
        existing = self.stored_quotes.get((speaker.pk, bare))
        similar = [] if new or existing else self.similar_quotes(speaker, bare)
        chosen = self.reuse_quotes.get(parsed.line)
        if chosen and existing is None:  # the same words stored already are reused anyway
            existing = next((quote for quote in similar if quote.pk == chosen), None)
            if existing is None:
                self.warnings.append(
                    f"Line {parsed.line}: quote {chosen} is not a stored quote by "
                    f"{speaker.name} like “{_short(parsed.text)}”; the quotation is stored as new."
                )
        tenure = None if new else self.tenure(speaker)
        imported = ImportedQuote(
            text=parsed.text,
            speaker=speaker,
            attribution=attribution,
            speaker_is_new=new,
            existing=existing is not None,
            tenure=tenure,
            in_body=parsed.in_body,
            similar=similar,
            line=parsed.line,
        )
        if existing is None:
            existing = Quote(
                text=parsed.text,
                speaker=speaker,
                attributed_as=attribution[:200],
                tenure=tenure,
                verification=Quote.Verification.UNVERIFIED,
            )
            # Its one constraint that could fail, a speaker's quote stored twice, is the
            # lookup above; the database still enforces every constraint. The speaker and the
            # office were read or created just now, and need no query to show they exist.
            _clean(
                existing,
                prefix=f"The quote “{_short(parsed.text)}”",
                constraints=False,
                exclude=["speaker", "tenure"],
            )
            services.quote_save(quote=existing, by=self.by, reason="Imported")
            self.store_quote(existing)
        imported.quote = existing
        return imported

    def similar_quotes(self, speaker, bare):
        """Stored quotes by `speaker` worded almost as `bare` (a fuzzy ratio of at least
        SIMILAR_QUOTE): offered for reuse. Their texts are read once per speaker, the
        SIMILAR_QUOTES_READ most recent."""
        if speaker.pk not in self.speaker_quotes:
            self.speaker_quotes[speaker.pk] = list(
                Quote.objects.filter(speaker=speaker)
                .only("pk", "text", "text_normalised", "said_on", "speaker_id")
                .order_by("-pk")[:SIMILAR_QUOTES_READ]
            )
        scored = [
            (fuzz.ratio(bare, _bare_quote_text(quote.text_normalised)), quote)
            for quote in self.speaker_quotes[speaker.pk]
        ]
        return [
            quote for score, quote in sorted(scored, key=lambda s: -s[0]) if score >= SIMILAR_QUOTE
        ][:3]

    def tenure(self, speaker):
        """The office `speaker` held on the briefing's date, looked up once per speaker."""
        if speaker.pk not in self.tenures:
            self.tenures[speaker.pk] = speaker.tenure_on(self.quote_date())
        return self.tenures[speaker.pk]

    def quote_date(self):
        when = self.meta.get("published_at") or self.meta.get("information_as_of")
        if isinstance(when, datetime.datetime):
            return timezone.localdate(when)
        return when or timezone.localdate()

    def known_speaker(self, parsed):
        """(actor, attribution as written) for a quote's speaker phrase; None for a new speaker."""
        surname = linking.fold_name(parsed.speaker.split()[-1]) if parsed.speaker.split() else ""
        for phrase in (parsed.speaker, parsed.speaker_phrase):
            mentions = self.names.mentions(_without_honorific(phrase)) or self.names.mentions(
                phrase
            )
            if phrase is parsed.speaker_phrase:
                # "Jane Roe, director at the Panama Canal Authority": the actor named must be
                # the speaker, not the organisation in their role.
                mentions = [
                    m
                    for m in mentions
                    if surname in linking.fold_name(phrase[m.start : m.end]).split()
                ]
            if not mentions:
                continue
            mention = max(mentions, key=lambda m: m.end - m.start)
            if mention.actor_id not in self.actors:
                self.actors[mention.actor_id] = Actor.objects.get(pk=mention.actor_id)
            actor = self.actors[mention.actor_id]
            attribution = parsed.attribution
            if phrase is parsed.speaker_phrase and not attribution:
                attribution = _attribution_around(phrase, mention)
            return actor, attribution
        name = parsed.speaker.strip()
        if name not in self.known_speakers:
            self.known_speakers[name] = Actor.objects.matching_name(name).first()
        known = self.known_speakers[name]
        return None if known is None else (known, parsed.attribution)

    def new_speaker(self, parsed):
        """The actor created for a speaker no stored actor matches, once per name."""
        name = parsed.speaker.strip()
        key = linking.fold_name(name)
        if key in self.new_speakers:
            return self.new_speakers[key]
        actor = Actor(
            name=name[:200],
            slug=_free_slug(Actor, slugify(name)[:190].strip("-") or "speaker"),
            kind=_guess_kind(name),
            short_description=parsed.attribution[:200],
            needs_review=True,
        )
        _clean(actor, prefix=f"The new speaker “{name}”")
        # Linked nowhere until an editor reviews it: no relinking now.
        services.actor_save(actor=actor, by=self.by, reason="Created by an import", relink=False)
        self.new_speakers[key] = actor
        return actor


# Finding what the front matter names ---------------------------------------------------------


def _named(names, find, report):
    """The objects `find` returns for `names`, each once, in order; a warning for each missing.

    `find(name)` returns the object, or the warning's words when there is none.
    """
    matched = {}  # a dict, in order, not a list searched again for every name
    for name in names:
        item = find(name)
        if isinstance(item, str):
            report.warnings.append(f"{item} Left out.")
        else:
            matched.setdefault(item)
    return list(matched)


@functools.cache
def _finder(model):
    """Topics and places: by name, ignoring case, or by slug."""

    def find(name):
        item = model.objects.filter(name__iexact=name).first()
        item = item or model.objects.filter(slug=slugify(name)).first()
        if item is None and model is Place and (code := place_forms.code_for(name)):
            item = Place.objects.filter(iso_code=code).first()  # "UK" for the United Kingdom
        label = model._meta.verbose_name
        return item or f"No {label} is called “{name}”; create it first to use it."

    return find


def _find_actor(name):
    """By slug, else by name or alias; a name that two actors share is no answer."""
    if actor := Actor.objects.filter(slug=name).first():
        return actor
    found = list(Actor.objects.matching_name(name).order_by("pk")[:2])
    if len(found) > 1:
        return f"More than one actor is called “{name}”; give the one you mean by its slug."
    return found[0] if found else f"No actor is called “{name}”; create it first to use it."


def _find_source(url):
    source = Source.objects.filter(url=normalise_url(url)).first()
    return source or f"No source has the address “{url}”; add it first to use it."


def _find_briefing(name):
    """By slug, else by title, ignoring case."""
    briefing = Briefing.objects.filter(slug=name).first()
    briefing = briefing or Briefing.objects.filter(title__iexact=name).order_by("pk").first()
    return briefing or f"No briefing has the address or title “{name}”."


def _clean(instance, *, prefix=None, constraints=True, exclude=None):
    """full_clean(), turning its errors into an ImportFailed with the same fields."""
    try:
        instance.full_clean(
            exclude=exclude, validate_unique=constraints, validate_constraints=constraints
        )
    except ValidationError as error:
        errors = {
            name: [f"{prefix}: {message}" if prefix else message for message in messages]
            for name, messages in error.message_dict.items()
        }
        first = next(iter(errors.values()))[0]
        raise ImportFailed(first, errors=errors) from error


def _as_pull_quote(parsed):
    """A pull quote the caps leave out, back in the body as the blockquote it was read from."""
    return f"> “{parsed.text}”\n>\n> — {parsed.speaker_phrase}"


def _as_faq_section(entry):
    """An FAQ entry the caps leave out, back in the body: the question heads its answer."""
    return f"### {' '.join(entry.question.split())}\n\n{entry.answer}"


def _bare_quote_text(text):
    """The text as quotes are compared, without final punctuation."""
    return normalise_quote_text(text).rstrip(".!?…")


def _sentences(text):
    return [s for s in re.split(r"(?<=[.!?…])\s+", text) if s]


def _short(text, length=50):
    return text if len(text) <= length else text[: length - 1] + "…"


def _without_honorific(name):
    first, _, rest = name.strip().partition(" ")
    return rest if first.rstrip(".").casefold() in HONORIFICS and rest else name


def _attribution_around(phrase, mention):
    """ "NATO chief" from "NATO chief Mark Rutte"; "Analyst" from "Jane Doe, Analyst"."""
    before, after = phrase[: mention.start], phrase[mention.end :]
    words = [part.strip(" ,–—-") for part in (before, after)]
    words = [w for w in words if w and w.rstrip(".").casefold() not in HONORIFICS]
    return ", ".join(words)


def _guess_kind(name):
    words = {word.casefold() for word in name.split()}
    return Actor.Kind.OTHER if words & ORGANISATION_WORDS else Actor.Kind.PERSON


def _free_slug(model, wanted):
    """`wanted`, or `wanted-2`, `wanted-3` … whichever no `model` row uses yet."""
    taken = set(model.objects.filter(slug__startswith=wanted).values_list("slug", flat=True))
    slug, n = wanted, 1
    while slug in taken:
        n += 1
        slug = f"{wanted}-{n}"
    return slug
