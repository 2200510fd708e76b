"""No lost edits: the briefing form carries the version it was opened from, and refuses a save
when someone else has saved since, saying who, when and what changed.

The same goes for the rows edited in the form's inlines (FAQ entries, corrections, quotes and
actors in the briefing): the form carries a fingerprint of them as they were when it was opened
(`rows_version`), and refuses a save when they changed since, saying which ones changed and how.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import capfirst

from briefings import services
from briefings.filters import parse_whole_number
from briefings.models import (
    Actor,
    Briefing,
    BriefingActor,
    BriefingQuote,
    Correction,
    FAQEntry,
    Quote,
)
from briefings.services import StaleEditError

from .diffs import display_value, visible_changes

# Changes are listed in the order the form shows the fields.
FIELD_ORDER = {field.name: index for index, field in enumerate(Briefing._meta.fields)}


def stale_edit_error(pk, loaded_version):
    """A ValidationError when the briefing was saved since `loaded_version` was loaded, else None.

    The message says who saved, when, and what changed, with a line diff for long texts, so
    that the editor can copy their own text from the form, reload, and make their changes again.
    """
    current = Briefing.objects.filter(pk=pk).first()
    if current is None or current.version == loaded_version:
        return None
    if loaded_version is None:
        return ValidationError(
            "This form does not say which version of the briefing it was opened from, so saving "
            "it could overwrite someone else's changes. Copy your changes, reload the page, and "
            "make them again.",
            code="no_version",
        )
    changes, changed_by, changed_at = services.briefing_changes_since(current, loaded_version)
    message = render_to_string(
        "admin/briefings/briefing/_stale_edit.html",
        {
            "briefing": current,
            "changed_by": changed_by,
            "changed_at": changed_at,
            "changes": visible_changes(
                Briefing,
                [
                    (change.field, change.old, change.new)
                    for change in sorted(changes, key=lambda c: FIELD_ORDER.get(c.field, 99))
                ],
            ),
            "reload_url": reverse("admin:briefings_briefing_change", args=[pk]),
        },
    )
    return ValidationError(message, code="stale")


# The inline rows ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowKind:
    """One inline's rows, as far as another person's change to them matters.

    `fields` are what an editor sets on the form (automatic values such as an actor's mention
    count are left out); `scope` picks the rows people own, leaving out those automatic linking
    adds, changes and removes by itself.
    """

    key: str
    model: type
    noun: str
    plural: str
    fields: tuple
    scope: Q | None = None

    @property
    def prefix(self):
        """The inline formset's prefix: the briefing's related name for the rows."""
        return self.model._meta.get_field("briefing").remote_field.get_accessor_name()

    def digest(self, values):
        """A short digest per field, so that a changed row also tells which fields changed."""
        return "".join(_digest(values[name]) for name in self.fields)


ROW_KINDS = (
    RowKind(
        "f",
        FAQEntry,
        "FAQ entry",
        "FAQ entries",
        ("question", "answer", "order", "last_reviewed_on"),
    ),
    RowKind("c", Correction, "correction", "corrections", ("kind", "published_at", "text")),
    RowKind("q", BriefingQuote, "quote", "quotes", ("quote_id", "order")),
    # Linking keeps rows nobody pinned or excluded in line with the text, and every row's count:
    # only pinned and excluded rows, and what people set on them, are someone's edit.
    RowKind(
        "a",
        BriefingActor,
        "actor",
        "actors",
        ("actor_id", "role", "curated", "excluded"),
        Q(curated=True) | Q(excluded=True),
    ),
)
KIND_OF_MODEL = {kind.model: kind for kind in ROW_KINDS}
KIND_OF_KEY = {kind.key: kind for kind in ROW_KINDS}

ROWS_FORMAT = "rows1"
_DIGEST_CHARS = 6
_TOKEN = re.compile(r"(?P<key>[a-z])(?P<pk>\d+):(?P<digest>[0-9a-f]+)")


def _digest(value):
    text = json.dumps(value, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:_DIGEST_CHARS]


def _kinds(models):
    return [KIND_OF_MODEL[model] for model in models if model in KIND_OF_MODEL]


def _current_digests(briefing_pk, kinds, *, lock=False):
    """{(kind key, pk): digest} for the briefing's rows of `kinds`, as stored now."""
    digests = {}
    for kind in kinds:
        rows = kind.model.objects.filter(kind.scope or Q(), briefing_id=briefing_pk).order_by()
        if lock:
            rows = rows.select_for_update()
        for values in rows.values("pk", *kind.fields):
            digests[(kind.key, values["pk"])] = kind.digest(values)
    return digests


def rows_version(briefing_pk, models):
    """The fingerprint of the briefing's inline rows of `models` that the form carries."""
    kinds = _kinds(models)
    header = ROWS_FORMAT + ":" + "".join(kind.key for kind in kinds)
    digests = _current_digests(briefing_pk, kinds)
    return " ".join(
        [header, *(f"{key}{pk}:{digest}" for (key, pk), digest in sorted(digests.items()))]
    )


def _parse_rows_version(value):
    """(kind keys, {(key, pk): digest}) from a fingerprint, or None when it is not one."""
    parts = (value or "").split()
    if not parts or not parts[0].startswith(ROWS_FORMAT + ":"):
        return None
    keys = set(parts[0].removeprefix(ROWS_FORMAT + ":"))
    digests = {}
    for part in parts[1:]:
        match = _TOKEN.fullmatch(part)
        if match is None or match["key"] not in keys & KIND_OF_KEY.keys():
            return None
        digests[(match["key"], int(match["pk"]))] = match["digest"]
    return keys, digests


def _comparable(briefing_pk, loaded, models, *, lock=False):
    """(opened, current) digests over the kinds both the form and the fingerprint cover, or
    None when `loaded` is not a fingerprint."""
    parsed = _parse_rows_version(loaded)
    if parsed is None:
        return None
    keys, opened = parsed
    # A form opened with other inlines (the user's role changed since) compares what both show.
    kinds = [kind for kind in _kinds(models) if kind.key in keys]
    opened = {row: digest for row, digest in opened.items() if KIND_OF_KEY[row[0]] in kinds}
    return opened, _current_digests(briefing_pk, kinds, lock=lock)


def rows_changed_since(briefing_pk, loaded, models):
    """Whether the rows differ from the fingerprint `loaded`, locking them till the transaction
    ends: the last check before the form's rows are saved, after `stale_rows_error` passed."""
    if not _kinds(models):
        return False
    compared = _comparable(briefing_pk, loaded, models, lock=True)
    return compared is None or compared[0] != compared[1]


@dataclass
class RowChange:
    """One inline row that changed since the form was opened, in words."""

    kind: RowKind
    label: str
    what: str
    fields: list = field(default_factory=list)
    # FieldChanges, when the history knows the old values.
    changes: list = field(default_factory=list)
    changed_by: list = field(default_factory=list)
    changed_at: object = None

    @property
    def noun(self):
        return self.kind.noun


def first_words(text, count=12):
    words = str(text or "").split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _posted_row(data, kind, pk):
    """The values the form posted for row `pk` of `kind`: {field: value}, or {}."""
    if not data:
        return {}
    prefix = f"{kind.prefix}-"
    for name, value in data.items():
        if name.startswith(prefix) and name.endswith("-id") and str(value) == str(pk):
            row = name.removesuffix("id")
            return {
                key.removeprefix(row): value for key, value in data.items() if key.startswith(row)
            }
    return {}


def _quote_label(quote):
    if quote is None:
        return "(a quote since deleted)"
    return f"“{first_words(quote.text)}” ({quote.speaker})"


def _label(kind, row):
    if kind.model is FAQEntry:
        return f"“{row.question}”"
    if kind.model is Correction:
        return f"“{first_words(row.text)}”"
    if kind.model is BriefingQuote:
        return _quote_label(row.quote)
    return str(row.actor)


def _posted_label(kind, posted):
    """A removed row's label from what the form still shows of it."""
    if kind.model is FAQEntry and posted.get("question"):
        return f"“{posted['question']}”"
    if kind.model is Correction and posted.get("text"):
        return f"“{first_words(posted['text'])}”"
    if kind.model is BriefingQuote and parse_whole_number(str(posted.get("quote", ""))) is not None:
        return _quote_label(
            Quote.objects.select_related("speaker").filter(pk=posted["quote"]).first()
        )
    if kind.model is BriefingActor and parse_whole_number(str(posted.get("actor", ""))) is not None:
        actor = Actor.objects.filter(pk=posted["actor"]).first()
        if actor is not None:
            return str(actor)
    return ""


def _field_labels(kind, opened, current):
    """The labels of the fields whose digests differ."""
    labels = []
    for index, name in enumerate(kind.fields):
        part = slice(index * _DIGEST_CHARS, (index + 1) * _DIGEST_CHARS)
        if opened[part] != current[part]:
            model_field = kind.model._meta.get_field(name.removesuffix("_id"))
            labels.append(capfirst(str(model_field.verbose_name)))
    return labels


def _users(records):
    users = []
    for record in records:
        if record.history_user is not None and record.history_user not in users:
            users.append(record.history_user)
    return users


def _faq_history(kind, pk, opened_digest=None):
    """The entry's history: (records after the version the form was opened with, that version).

    Without `opened_digest` (an added entry), every record is "after"."""
    records = list(FAQEntry.history.filter(id=pk).order_by("-history_date", "-history_id"))
    if opened_digest is None:
        return records, None
    for index, record in enumerate(records):
        if kind.digest({name: getattr(record, name) for name in kind.fields}) == opened_digest:
            return records[:index], record
    return [], None


def _actor_state(row):
    if row.excluded:
        return "excluded"
    return f"pinned as {display_value(BriefingActor._meta.get_field('role'), row.role).lower()}"


def _describe(briefing_pk, kind, pk, opened_digest, current_digest, posted):
    """A RowChange for row `pk` of `kind`: added (no opened digest), removed (no current one),
    or edited."""
    row = (
        kind.model.objects.filter(pk=pk)
        .select_related(
            *{BriefingQuote: ["quote__speaker"], BriefingActor: ["actor"]}.get(kind.model, [])
        )
        .first()
    )
    if row is None and current_digest is not None:  # gone again in the meantime
        return RowChange(kind, f"#{pk}", "changed")
    if opened_digest is None:  # added
        change = RowChange(kind, _label(kind, row), "added")
        if kind.model is BriefingActor:
            change.what = _actor_state(row) if posted else f"added, {_actor_state(row)}"
        if kind.model is FAQEntry:
            records, _ = _faq_history(kind, pk)
            change.changed_by = _users(reversed(records))
            change.changed_at = records[0].history_date if records else None
        return change
    if current_digest is None:  # removed
        label = _posted_label(kind, posted) or f"#{pk}"
        change = RowChange(kind, label, "removed")
        if kind.model is FAQEntry:
            after, _ = _faq_history(kind, pk, opened_digest)
            if after:
                latest = after[0]
                change.label = f"“{latest.question}”"
                change.changed_by = _users(reversed(after))
                change.changed_at = latest.history_date
                if latest.history_type != "-":
                    change.what = (
                        "moved to another briefing"
                        if latest.briefing_id
                        else "made a general entry"
                    )
        elif kind.model is BriefingActor and row is not None and row.briefing_id == briefing_pk:
            change.label, change.what = str(row.actor), "no longer pinned or excluded"
        return change
    change = RowChange(
        kind, _label(kind, row), "edited", _field_labels(kind, opened_digest, current_digest)
    )
    if kind.model is BriefingActor:
        change.what = f"edited, now {_actor_state(row)}"
    if kind.model is FAQEntry:
        after, opened = _faq_history(kind, pk, opened_digest)
        change.changed_by = _users(reversed(after))
        change.changed_at = after[0].history_date if after else None
        if opened is not None:
            change.changes = visible_changes(
                FAQEntry,
                [
                    (name, getattr(opened, name), getattr(row, name))
                    for name in kind.fields
                    if getattr(opened, name) != getattr(row, name)
                ],
            )
    return change


def stale_rows_error(pk, loaded, models, posted=None):
    """A ValidationError when the briefing's rows of `models` (its inlines on the form) changed
    since the form was opened with the fingerprint `loaded`, else None.

    The message lists each FAQ entry, correction, quote or actor added, removed or edited since,
    with who did it when the history knows. `posted`: the form's data, to name removed rows.
    """
    if not _kinds(models):
        return None
    compared = _comparable(pk, loaded, models)
    if compared is None:
        return ValidationError(
            "This form does not say which FAQ entries, corrections, quotes and actors it was "
            "opened with, so saving it could overwrite someone else's changes to them. Copy your "
            "changes, reload the page, and make them again.",
            code="no_rows_version",
        )
    opened, current = compared
    if opened == current:
        return None
    order = {kind.key: index for index, kind in enumerate(ROW_KINDS)}
    changes = [
        _describe(
            pk,
            KIND_OF_KEY[key],
            row_pk,
            opened.get((key, row_pk)),
            current.get((key, row_pk)),
            _posted_row(posted, KIND_OF_KEY[key], row_pk),
        )
        for key, row_pk in sorted(
            opened.keys() | current.keys(), key=lambda row: (order[row[0]], row[1])
        )
        if opened.get((key, row_pk)) != current.get((key, row_pk))
    ]
    kinds = [kind for kind in ROW_KINDS if any(change.kind is kind for change in changes)]
    message = render_to_string(
        "admin/briefings/briefing/_stale_rows.html",
        {
            "what": _joined([kind.plural for kind in kinds]),
            "row_changes": changes,
            "reload_url": reverse("admin:briefings_briefing_change", args=[pk]),
        },
    )
    return ValidationError(message, code="stale_rows")


def _joined(words):
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


class StaleRowsError(StaleEditError):
    """The rows changed after the form's check, before its save: the view's transaction rolls
    back, and the view runs again (see BriefingAdmin._showing_refusals), its form then saying
    what changed."""

    def __init__(self, briefing):
        Exception.__init__(
            self,
            f"The FAQ entries, corrections, quotes or actors of “{briefing}” changed while "
            "your save was running; nothing was written.",
        )
        self.briefing = briefing
        self.expected_version = self.current_version = briefing.version
        self.changes, self.changed_by, self.changed_at = [], None, None


class FingerprintField(forms.CharField):
    """A hidden record of what the form was opened from; never a change of the form's own."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class BriefingAdminForm(forms.ModelForm):
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        help_text="The version this form was opened from; a save based on an older one is refused.",
    )
    rows_version = FingerprintField(
        required=False,
        help_text="The inline rows this form was opened with; a save over changed ones is refused.",
    )
    # The models of the inlines saved with this form; BriefingAdmin.get_form sets the user's.
    row_models = tuple(KIND_OF_MODEL)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["version"].initial = self.instance.version
            if not self.is_bound and self.row_models:
                self.fields["rows_version"].initial = rows_version(
                    self.instance.pk, self.row_models
                )

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            errors = [
                error
                for error in (
                    stale_edit_error(self.instance.pk, cleaned_data.get("version")),
                    stale_rows_error(
                        self.instance.pk,
                        cleaned_data.get("rows_version"),
                        self.row_models,
                        self.data,
                    ),
                )
                if error is not None
            ]
            if errors:
                raise ValidationError(errors)
        return cleaned_data

    def rows_changed(self):
        """The last check before the inline rows are saved (they are locked from then on)."""
        return self.instance.pk is not None and rows_changed_since(
            self.instance.pk, self.cleaned_data.get("rows_version"), self.row_models
        )


class SaveRefused(Exception):
    """The service refused a save the form allowed (the briefing changed hands meanwhile)."""
