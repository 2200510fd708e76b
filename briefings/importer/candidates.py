"""People and organisations an article names that the knowledge base does not know yet.

The importer lists them in its preview as candidates for new actors; an editor ticks those to
create (they are created awaiting review) and none is created otherwise. A candidate is a run of
capitalised words in the prose that no actor or place is called, and that the text uses as:

- an organisation: one of its words says so ("Ministry", "Institute", "Council", "Club", …), or
  it starts with "Operation";
- a person: two to four name-like words with a sign nearby — a title before it ("Dr.",
  "minister"), a verb of saying ("said", "told"), a role after it (", a researcher at …") or a
  possessive ("Solberg's").

A run is read word by word, once: the work is linear in the text.
"""

import re
from dataclasses import dataclass

from briefings import linking


def _word_set(words):
    return frozenset(words.split())


# At most this many candidates are listed: a real article names far fewer.
MAX_CANDIDATES = 25
# A longer run of capitalised words is no name ("Economic Community of West African States"
# is 7 words with its connectors).
MAX_NAME_WORDS = 12

ORGANISATION_WORDS = _word_set(
    """
    academy agency alliance army assembly association authority bank board brigade bureau
    centre center chamber club coalition college command commission committee company congress
    consortium corporation council court department directorate federation fleet forces forum
    foundation front fund group guard initiative institute institution lab laboratory league
    community library ministry observatory project research school theater theatre corps
    mission movement navy network office organisation organization parliament partnership party
    police programme program regiment secretariat senate service society survey task team tribunal
    union university
    """
)
# Words that join the words of one name: "Council of Europe", "Banco de España".
_CONNECTORS = _word_set("of for the on de del della da di du des la le van von al bin")
# Words that are capitalised only because a sentence starts with them, and names of months and
# days: never the start of a name.
_NOT_NAMES = _word_set(
    """
    a after all also although an and any as at because before both but by during each even
    every few for from he her here his how however if in into it its many meanwhile more most
    my neither no nor not now on once one only or our over she since so some still such than
    that the their then there these they this those though through thus to two under unless
    until we what when where whether which while who why with within without yet you
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr prof sir dame
    """
)
_TITLES = _word_set(
    """
    dr prof gen adm amb sen rep capt cdr col lt maj sgt gov president minister ambassador general
    admiral senator colonel captain commander envoy chancellor secretary king queen prince sheikh
    """
)
_ROLE_WORDS = _word_set(
    """
    analyst adviser advisor ambassador chief commander correspondent director diplomat economist
    envoy expert fellow founder geologist head lawyer leader manager minister negotiator official
    president professor researcher scholar secretary spokesman spokeswoman spokesperson strategist
    underwriter
    """
)
_PLACE_WORDS = _word_set(
    "sea ocean strait straits gulf bay river lake island islands canal peninsula mountains "
    "desert valley basin corridor coast shoal reef cape"
)
_SAYING = _word_set(
    "said says told added argued warned noted wrote explained insisted acknowledged"
)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*\.?")
_PARAGRAPH_END = re.compile(r"\n+")


@dataclass
class Candidate:
    name: str
    kind: str  # "person" or "organisation"
    context: str  # the first sentence naming it, shortened
    mentions: int = 1
    created: object = None  # the actor the import created from it, if the editor chose it


def find_candidates(prose, *, actors, places, skip=()):
    """The candidates `prose` names, in order of first mention, at most MAX_CANDIDATES.

    `actors` and `places`: `linking.NameIndex`es (or lists of them) of the names the
    knowledge base knows;
    `skip`: names dealt with already (the quotes' speakers, the authors).
    """
    skipped = {linking.fold_name(name) for name in skip}
    found = {}
    for sentence in _PARAGRAPH_END.split(prose):
        for run, before, after in _runs(sentence):
            name = " ".join(run)
            key = linking.fold_name(name)
            if key in skipped or _known(name, actors) or _known(name, places):
                continue
            kind = _kind(run, before, after)
            if kind is None:
                continue
            if key in found:
                found[key].mentions += 1
            elif len(found) < MAX_CANDIDATES:
                found[key] = Candidate(name=name, kind=kind, context=_context(sentence, name))
    return list(found.values())


def _runs(sentence):
    """(name words, words before, words after) for each run of capitalised words."""
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(sentence)]
    i = 0
    while i < len(words):
        if not _capitalised(words[i][0]) or _bare(words[i][0]) in _NOT_NAMES:
            i += 1
            continue
        j = i + 1
        organisation = _bare(words[i][0]) in ORGANISATION_WORDS  # so far in the run
        while j < len(words) and _continues(sentence, words[j - 1], words[j]):
            if _capitalised(words[j][0]):
                organisation = organisation or _bare(words[j][0]) in ORGANISATION_WORDS
                j += 1
            elif (
                _connects(words[j][0], organisation)
                and j + 1 < len(words)
                and _capitalised(words[j + 1][0])
                and _continues(sentence, words[j], words[j + 1])
            ):
                j += 2
            else:
                break
        if j - i > MAX_NAME_WORDS:
            i = j  # a run of capitals, not a name
            continue
        start = i
        while start < j - 1 and _bare(words[start][0]) in _TITLES:
            start += 1  # "Capt. Miguel Serrano": the title is a sign, not part of the name
        # "Foreign Minister Abbas Araghchi": the name follows the last title in a run.
        folded = [_bare(word) for word, _, _ in words[start:j]]
        if not any(word in ORGANISATION_WORDS for word in folded):
            titled = [k for k, word in enumerate(folded[:-1]) if word in _TITLES | _ROLE_WORDS]
            start += titled[-1] + 1 if titled else 0
        # "Yesterday Liis Tamm said": a sentence's first word before a name is not part of it.
        if (
            j - start >= 3
            and _starts_sentence(sentence, words[start][1])
            and not any(_bare(word) in ORGANISATION_WORDS for word, _, _ in words[start:j])
        ):
            start += 1
        run = [word.rstrip(".") for word, _, _ in words[start:j]]
        run[-1] = _without_possessive(run[-1])
        before = [_bare(word) for word, _, _ in words[max(0, start - 3) : start]]
        after = [_bare(word) for word, _, _ in words[j : j + 4]]
        between = sentence[words[j - 1][2] : words[j][1] if j < len(words) else None].strip()
        if run[-1] != words[j - 1][0].rstrip("."):
            after = ["'s", *after]
        elif between.startswith(","):
            after = [",", *after]
        i = j
        if run and run[0]:
            yield run, before, after


def _connects(word, organisation):
    """Whether `word` joins two parts of one name; "and" only in an organisation's name
    ("Bank for Reconstruction and Development": `organisation`), not between two names."""
    word = word.casefold()
    if word == "and":
        return organisation
    return word in _CONNECTORS


def _starts_sentence(text, at):
    """Whether the word at `at` starts a sentence, judged from a few characters back only, so
    that the work stays bounded however long the paragraph."""
    start = max(0, at - 20)
    before = text[start:at].rstrip()
    return before.endswith((".", "!", "?", ":", "“", '"')) or (not before and start == 0)


def _bare(word):
    return word.rstrip(".").casefold()


def _kind(run, before, after):
    folded = [word.casefold() for word in run]
    if any(word in ORGANISATION_WORDS for word in folded) or folded[0] == "operation":
        return "organisation" if len(run) > 1 else None
    if not 2 <= len(run) <= 4 or any(word in _CONNECTORS for word in folded):
        return None
    if any(word.isupper() and len(word) > 1 for word in run):
        return None  # an acronym: not a person's name
    if any(word in _PLACE_WORDS for word in folded):
        return None  # "Baltic Sea": a place the knowledge base does not have
    appositive = after[1:2] if after[:1] == [","] else []
    signs = (
        bool(before) and before[-1] in _TITLES | _ROLE_WORDS | _SAYING,
        bool(after) and after[0] in _SAYING | {"'s"},
        # ", a researcher at …", ", an adviser", ", minister …", ", the head of …"
        appositive in (["a"], ["an"]) or (bool(appositive) and appositive[0] in _ROLE_WORDS),
        appositive == ["the"] and any(word in _ROLE_WORDS for word in after[2:]),
    )
    return "person" if any(signs) else None


def _known(name, indexes):
    """Whether one name an index knows covers all of `name`."""
    indexes = indexes if isinstance(indexes, list | tuple) else [indexes]
    return any(
        m.start == 0 and m.end >= len(name.rstrip("."))
        for index in indexes
        for m in index.mentions(name)
    )


def _capitalised(word):
    """A name's word: "Paris-based" is not one."""
    return word[0].isupper() and not word.rpartition("-")[2][:1].islower()


def _continues(sentence, left, right):
    """Whether a name can go on from `left` to `right`: only spaces between them (a comma or a
    dash ends a name), and `left` ends neither a sentence nor a possessive ("Russia's Northern
    Fleet" is two names)."""
    if sentence[left[2] : right[1]].strip():
        return False
    word = left[0]
    if word.endswith(".") and _bare(word) not in _TITLES:
        return False
    return _without_possessive(word) == word


def _without_possessive(word):
    for ending in ("'s", "’s"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word.rstrip("'’")


def _context(sentence, name, width=160):
    sentence = " ".join(sentence.split())
    if len(sentence) <= width:
        return sentence
    at = max(0, sentence.find(name) - width // 3)
    if at:
        at = sentence.find(" ", at) + 1 or at  # from the start of a word
    piece = sentence[at : at + width].strip()
    return ("…" if at else "") + piece + "…"
