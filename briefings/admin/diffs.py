"""What changed between two versions of a record, in words an editor reads at a glance.

Short values print as “old → new” with choice labels and dates as people write them; long texts
(Markdown bodies, answers, quotes) print as a line diff with the changed words marked. The
functions return plain data; the templates `admin/briefings/_changes.html` and `_diff.html`
turn it into HTML, so nothing here builds markup.
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

# Fields shown as a line diff rather than as old → new.
LONG_TEXT_FIELDS = {"body", "standfirst", "bio", "answer", "text", "context", "description"}

# Lines this similar (0–1) are shown as one changed line with the changed words marked.
SIMILAR_LINES = 0.4

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass
class DiffLine:
    """One line of a diff: kind is "same", "del", "ins" or "gap"; parts are (kind, text) runs."""

    kind: str
    parts: list = field(default_factory=list)

    @property
    def sign(self):
        return {"del": "−", "ins": "+", "gap": "⋯"}.get(self.kind, " ")


@dataclass
class FieldChange:
    """One field that differs: `diff` for long texts, `old` and `new` otherwise."""

    name: str
    label: str
    old: str = ""
    new: str = ""
    diff: list | None = None

    @property
    def visible(self):
        """False for differences an editor cannot see, such as a time's microseconds."""
        return self.diff is not None or self.old != self.new


def _marked(old, new):
    """The two versions of a line as (kind, text) runs, changed words marked "del" / "ins"."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    old_parts, new_parts = [], []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            old_parts.append(("same", "".join(a[i1:i2])))
            new_parts.append(("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            old_parts.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            new_parts.append(("ins", "".join(b[j1:j2])))
    return old_parts, new_parts


def _replaced(old_lines, new_lines):
    """Lines replaced by others: similar pairs with their words marked, the rest whole."""
    pairs = list(zip(old_lines, new_lines, strict=False))
    for old, new in pairs:
        if difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() >= SIMILAR_LINES:
            old_parts, new_parts = _marked(old, new)
            yield DiffLine("del", old_parts)
            yield DiffLine("ins", new_parts)
        else:
            yield DiffLine("del", [("same", old)])
            yield DiffLine("ins", [("same", new)])
    for old in old_lines[len(pairs) :]:
        yield DiffLine("del", [("same", old)])
    for new in new_lines[len(pairs) :]:
        yield DiffLine("ins", [("same", new)])


def line_diff(old, new, context=1):
    """The lines that differ between two texts, with `context` unchanged lines around each change.

    Skipped stretches of unchanged text show as one "gap" line.
    """
    old_lines, new_lines = (old or "").splitlines(), (new or "").splitlines()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    lines, shown_up_to = [], 0
    for group in matcher.get_grouped_opcodes(context):
        if group[0][1] > shown_up_to:
            lines.append(DiffLine("gap"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(DiffLine("same", [("same", line)]) for line in old_lines[i1:i2])
            elif tag == "delete":
                lines.extend(DiffLine("del", [("same", line)]) for line in old_lines[i1:i2])
            elif tag == "insert":
                lines.extend(DiffLine("ins", [("same", line)]) for line in new_lines[j1:j2])
            else:
                lines.extend(_replaced(old_lines[i1:i2], new_lines[j1:j2]))
        shown_up_to = group[-1][2]
    if lines and shown_up_to < len(old_lines):
        lines.append(DiffLine("gap"))
    return lines


def display_value(model_field, value):
    """A stored value as an editor would write it: labels for choices, dates in words."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "j M Y, H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j M Y")
    if isinstance(value, list | tuple | set):
        return ", ".join(str(item) for item in value) or "(none)"
    return str(value)


def visible_changes(model, changes):
    """FieldChanges for (name, old, new) triples, leaving out the ones nobody could see."""
    made = (field_change(model, name, old, new) for name, old, new in changes)
    return [change for change in made if change.visible]


def field_change(model, name, old, new):
    """A FieldChange for field `name` of `model` going from `old` to `new`."""
    try:
        model_field = model._meta.get_field(name)
        label = capfirst(str(model_field.verbose_name))
    except models.FieldDoesNotExist:
        model_field, label = None, capfirst(name.replace("_", " "))
    if name in LONG_TEXT_FIELDS and isinstance(old or "", str) and isinstance(new or "", str):
        return FieldChange(name=name, label=label, diff=line_diff(old, new))
    return FieldChange(
        name=name,
        label=label,
        old=display_value(model_field, old),
        new=display_value(model_field, new),
    )
