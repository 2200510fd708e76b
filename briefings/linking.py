"""Find actors' names in a text in one pass, whatever the number of names.

The text is read word by word; at each word the longest run of words that is a known name wins.
Names are compared case-insensitively and with typographic apostrophes and possessives folded
("Trump’s" is "Trump"), except acronyms ("US", "EU"), which must be written in capitals so that
"us" is not the United States. A name shared by two actors names neither.

`markdown_prose(text)` blanks what a mention must never be found in: fenced and inline code,
headings, link texts and targets, raw HTML; offsets stay those of the original text.

Groundwork for issue 7: the counts are not yet written to BriefingActor on save.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

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
            self.longest = max(self.longest, len(key))

    def mentions(self, text):
        """Every mention in `text`, left to right, the longest name winning where names overlap."""
        words = list(_words(text))
        folded = [_fold(w) for w, _, _ in words]
        raw = [w.translate(_APOSTROPHES).removesuffix("'s") for w, _, _ in words]
        found, i = [], 0
        while i < len(words):
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


_NOT_PROSE = re.compile(
    r"^(?P<fence>`{3,}|~{3,})[\s\S]*?^(?P=fence)[ \t]*$"  # fenced code
    r"|^#{1,6}[ \t].*$"  # headings
    r"|`[^`\n]+`"  # inline code
    r"|!?\[[^\]\n]*\]\([^)\n]*\)"  # links and images, text and target
    r"|<[^>\n]+>",  # raw HTML tags and autolinks
    re.MULTILINE,
)


def markdown_prose(text):
    """`text` with code, headings, links and HTML replaced by spaces (offsets unchanged)."""
    return _NOT_PROSE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text or "")
