"""Whole-knowledge-base backups as versioned JSON Lines: `export_kb` writes one, `import_kb` restores it.

A backup is portable between SQLite and PostgreSQL and between machines, and the same data always
gives the same bytes, so two backups can be compared with `diff` or `cmp`. Format version 1:

    {"format": "briefings-kb", "models": [{"model": "auth.user", "rows": 2}, …], "version": 1}
    {"fields": {"email": "…", "groups": ["Editor"], …}, "model": "auth.user", "pk": "alice"}
    {"fields": {"name": "…", "parent": null, …}, "model": "briefings.topic", "pk": 3}
    …

The header counts the rows of every model, so that a truncated file is noticed. Then comes one
line per row: models in dependency order (a row only points to rows above it, or to rows of its
own model), rows ordered by primary key, keys sorted, UTF-8 text as is, dates and times in ISO
8601 (times in UTC). A reference holds the primary key of the row it points to; a many-to-many
field is a sorted list of them, except where the link has fields of its own (`BriefingActor`,
`BriefingQuote`), which are rows themselves.

What is in it: every table of the `briefings` app, and the users content names (authors, who
created a briefing, who verified a quote) with their names, e-mail, staff and active flags and
group names. A user's key in the file is the username, because a restore matches users to the
accounts already there by username; user ids differ from one database to the next.

What is not, and why:

- passwords and API tokens: a backup must not be a way into the site. Restored users get an
  unusable password; they set one by a password reset (or `manage.py changepassword`);
- revision history (the `Historical*` tables): it is the bulk of the data and is an audit trail
  rather than content. `pg_dump` keeps it; after a restore from this file an object's history
  starts at its next change;
- fields computed from others (`DERIVED_FIELDS`): rendered Markdown, tables of contents,
  normalised quote text and search vectors. A restore recomputes them with today's code, so
  that it never brings back HTML rendered by an older version.

A restore inserts rows in batches, with their primary keys and timestamps as `loaddata`'s raw
saves keep them, and sends no model signals: through save() every row would get a revision-history
entry dated today and queue its own search refresh. What the skipped save() methods compute, each
row's `prepare()` computes, and the search vectors are rebuilt once at the end (PostgreSQL).
"""

import datetime
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import DatabaseError, connections, models, transaction
from django.db.models import Prefetch, prefetch_related_objects
from simple_history.models import HistoricalChanges

from briefings.markdown import Renderer
from briefings.models import Actor, Briefing, FAQEntry, Quote, Tenure, Topic
from briefings.search import rebuild_search_vectors

FORMAT = "briefings-kb"
VERSION = 1
USER_FIELDS = ("first_name", "last_name", "email", "is_staff", "is_active")
# The most rows one INSERT writes: big enough to be fast, small enough for any database's limits.
BATCH_SIZE = 500


# What each model's save() computes from its other fields: left out of the file, and computed on
# import by the model's prepare(), since bulk inserts skip save().
DERIVED_FIELDS = {
    Actor: ("bio_html",),
    Briefing: ("body_html", "body_toc"),
    FAQEntry: ("answer_html",),
    Quote: ("text_normalised",),
    Topic: ("description_html",),
}
# Kept by briefings.search: left out, and rebuilt in one statement per model after an import.
SEARCH_FIELDS = ("search_vector", "search_head", "search_public_from")


# The rows a model's prepare() reads through its references: fetched for a batch in one query,
# rather than one query per restored row.
PREPARE_READS = {Tenure: ("office",)}


def prepare_rows(objs, render, using="default"):
    """Do to unsaved objects of one model what their save() would: compute the derived fields.

    Each model's own `prepare()` does it (render Markdown, normalise dates, text and URLs, copy
    flags), so a restored row is stored as a save() would store it, with today's code: a backup
    written by export_kb is normalised already, and a hand-edited row is brought into the form
    save() gives it. `render` is a `briefings.markdown.Renderer`: the same output as the models'
    own rendering, but one Markdown instance for every row, which makes an import about a third
    faster. The references prepare() reads must point to rows in the database already.
    """
    if not objs or not hasattr(type(objs[0]), "prepare"):
        return
    model = type(objs[0])
    reads = [
        Prefetch(
            name, queryset=model._meta.get_field(name).related_model._base_manager.using(using)
        )
        for name in PREPARE_READS.get(model, ())
    ]
    for start in range(0, len(objs), BATCH_SIZE):
        batch = objs[start : start + BATCH_SIZE]
        if reads:
            prefetch_related_objects(batch, *reads)
        for obj in batch:
            obj.prepare(render=render)


class BackupError(Exception):
    """Why a backup cannot be restored, with the line of the file at fault when there is one."""

    def __init__(self, message, line=None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass(frozen=True)
class Table:
    """How the rows of one model are written to a backup and read back."""

    model: type[models.Model]
    fields: tuple[models.Field, ...]
    many: tuple[models.ManyToManyField, ...]

    @property
    def label(self):
        return self.model._meta.label_lower

    @classmethod
    def of(cls, model):
        derived = {*DERIVED_FIELDS.get(model, ()), *SEARCH_FIELDS}
        fields = tuple(
            f for f in model._meta.concrete_fields if not f.primary_key and f.name not in derived
        )
        many = tuple(
            f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created
        )
        return cls(model, fields, many)


def content_models():
    """The `briefings` app's models, each after the models it points to; history tables left out."""
    remaining = sorted(
        (
            model
            for model in apps.get_app_config("briefings").get_models()
            if not issubclass(model, HistoricalChanges)
        ),
        key=lambda model: model._meta.label_lower,
    )
    ordered = []
    while remaining:
        # The first model whose references are all placed: a stable order, whatever the imports.
        model = next((m for m in remaining if not _points_to(m, remaining)), None)
        if model is None:
            raise RuntimeError(
                f"These models point to each other: {remaining}; order them by hand."
            )
        ordered.append(model)
        remaining.remove(model)
    return ordered


def _points_to(model, candidates):
    """The other models among `candidates` that `model` has references to."""
    related = (f.related_model for f in [*model._meta.concrete_fields, *model._meta.many_to_many])
    return {other for other in related if other in candidates and other is not model}


def tables():
    return [Table.of(model) for model in content_models()]


# Writing


def export_kb(out, using="default"):
    """Write the whole knowledge base to the text stream `out`; returns the rows per model."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            # Every table read from one snapshot, so that a backup taken while editors work
            # never holds a quote link without its quote.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        all_tables = tables()
        users = list(_referenced_users(all_tables, using))
        usernames = {user.pk: user.username for user in users}
        counts = {get_user_model()._meta.label_lower: len(users)}
        counts |= {t.label: t.model._base_manager.using(using).count() for t in all_tables}
        out.write(_line(_header(counts)))
        for user in users:
            out.write(_line(_user_row(user)))
        for table in all_tables:
            for row in _rows_of(table, usernames, using):
                out.write(_line(row))
    return counts


# Characters that JSON leaves as they are but that str.splitlines() and other readers take for
# line breaks: escaped, so that every line of a backup is one row whatever tool splits it.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _line(data):
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_LINE_BREAKS) + "\n"


def _header(counts):
    entries = [{"model": label, "rows": rows} for label, rows in counts.items()]
    return {"format": FORMAT, "version": VERSION, "models": entries}


def _is_user_relation(f):
    return f.related_model is get_user_model()


def _referenced_users(all_tables, using):
    """The users content points to, by username, with their groups: the only users a backup holds."""
    User = get_user_model()
    ids = set()
    for table in all_tables:
        rows = table.model._base_manager.using(using)
        for f in table.fields:
            if _is_user_relation(f):
                ids.update(rows.exclude(**{f.attname: None}).values_list(f.attname, flat=True))
        for f in table.many:
            if _is_user_relation(f):
                ids.update(_links(f, using).values_list(_target_attname(f), flat=True))
    return (
        User.objects.using(using).filter(pk__in=ids).order_by("username").prefetch_related("groups")
    )


def _user_row(user):
    fields = {name: getattr(user, name) for name in USER_FIELDS}
    fields["groups"] = sorted(group.name for group in user.groups.all())
    return {"model": get_user_model()._meta.label_lower, "pk": user.username, "fields": fields}


def _links(many, using):
    return many.remote_field.through._base_manager.using(using)


def _source_attname(many):
    return many.remote_field.through._meta.get_field(many.m2m_field_name()).attname


def _target_attname(many):
    return many.remote_field.through._meta.get_field(many.m2m_reverse_field_name()).attname


def _rows_of(table, usernames, using):
    """The table's rows as dicts, by primary key; one query per table and per many-to-many field."""
    many = {f.name: _many_values(f, usernames, using) for f in table.many}
    rows = table.model._base_manager.using(using).order_by("pk")
    values = rows.values_list("pk", *(f.attname for f in table.fields))
    for pk, *row in values.iterator(chunk_size=2000):
        fields = {
            f.name: _json_value(f, value, usernames)
            for f, value in zip(table.fields, row, strict=True)
        }
        fields |= {name: targets.get(pk, []) for name, targets in many.items()}
        yield {"model": table.label, "pk": pk, "fields": fields}


def _many_values(many, usernames, using):
    """{row pk: sorted target keys} for a many-to-many field, read in one query."""
    values = {}
    pairs = _links(many, using).values_list(_source_attname(many), _target_attname(many))
    for source, target in pairs.iterator(chunk_size=2000):
        values.setdefault(source, []).append(
            usernames[target] if _is_user_relation(many) else target
        )
    return {source: sorted(targets) for source, targets in values.items()}


def _json_value(f, value, usernames):
    if value is None:
        return None
    if _is_user_relation(f):
        return usernames[value]
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str | int | float | bool | list | dict):
        return value
    raise TypeError(f"{f} holds a {type(value).__name__}, which backups cannot store yet.")


# Reading


@dataclass
class Restored:
    """What an import did: rows per model, and what happened to users and groups."""

    counts: dict[str, int] = field(default_factory=dict)
    users_created: list[str] = field(default_factory=list)
    users_matched: list[str] = field(default_factory=list)
    groups_created: list[str] = field(default_factory=list)
    search_rebuilt: bool = False


@dataclass
class _Row:
    line: int
    model: str
    pk: object
    fields: dict


def import_kb(lines: Iterable[bytes], using="default") -> Restored:
    """Restore a backup (its lines, as bytes) into an empty knowledge base, in one transaction.

    Any problem raises BackupError, naming the line at fault, and leaves the database as it was.
    """
    with transaction.atomic(using=using):
        _refuse_unless_empty(using)
        rows = _parse(lines)
        restorer = _Restorer(_read_header(rows), using)
        for label, group in groupby(rows, key=lambda row: row.model):
            restorer.restore(label, list(group))
        restorer.finish()
    # Pages and searches cached before the restore show the empty knowledge base.
    transaction.on_commit(cache.clear, using=using)
    return restorer.restored


def _refuse_unless_empty(using):
    found = [
        f"{count} {model._meta.verbose_name_plural}"
        for model in content_models()
        if (count := model._base_manager.using(using).count())
    ]
    if found:
        raise BackupError(
            f"the knowledge base is not empty: it holds {', '.join(found)}; a backup is "
            "restored into an empty database only (a new one, after `manage.py migrate`)"
        )


def _parse(lines) -> Iterator[_Row | dict]:
    """The header's dict, then a _Row per line; BackupError at the first line that is not one."""
    number = 0
    for number, raw in enumerate(lines, start=1):
        try:
            data = json.loads(raw.rstrip(b"\r\n").decode("utf-8"))
        except UnicodeDecodeError:
            raise BackupError("not UTF-8 text", number) from None
        except json.JSONDecodeError as error:
            raise BackupError(
                f"not valid JSON ({error.msg}, column {error.colno})", number
            ) from None
        yield data if number == 1 else _row(data, number)
    if number == 0:
        raise BackupError("the file is empty")


def _row(data, line):
    if not isinstance(data, dict) or set(data) != {"model", "pk", "fields"}:
        raise BackupError('a row is an object with exactly "model", "pk" and "fields"', line)
    if not isinstance(data["model"], str) or not isinstance(data["fields"], dict):
        raise BackupError('"model" is a name and "fields" an object', line)
    return _Row(line, data["model"], data["pk"], data["fields"])


def _read_header(rows):
    header = next(rows, None)
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError(f"this is not a Briefings backup: its header has no format “{FORMAT}”", 1)
    if header.get("version") != VERSION:
        raise BackupError(
            f"the backup is in format version {header.get('version')!r}; this version of "
            f"Briefings reads version {VERSION}",
            1,
        )
    counts = header.get("models")
    try:
        return {entry["model"]: int(entry["rows"]) for entry in counts}
    except (TypeError, KeyError, ValueError):
        raise BackupError(
            '"models" in the header lists {"model": …, "rows": …} objects', 1
        ) from None


class _Restorer:
    """Restores the rows of one model after another, checking each against what came before."""

    def __init__(self, expected, using):
        self.using = using
        self.user_label = get_user_model()._meta.label_lower
        self.tables = {table.label: table for table in tables()}
        unknown = set(expected) - {self.user_label, *self.tables}
        if unknown:
            raise BackupError(f"the header lists unknown models: {', '.join(sorted(unknown))}", 1)
        self.expected = expected
        self.users = {}  # username: the user's pk in this database
        self.pks = {}  # model: the primary keys restored so far
        self.render = Renderer()
        self.restored = Restored()

    def restore(self, label, rows):
        if label in self.restored.counts:
            raise BackupError(f"the rows of {label} are not together", rows[0].line)
        if label != self.user_label and label not in self.tables:
            raise BackupError(f"unknown model “{label}”", rows[0].line)
        if label not in self.expected:
            raise BackupError(f"{label} is not listed in the header", rows[0].line)
        if label == self.user_label:
            self._restore_users(rows)
        else:
            self._restore_table(self.tables[label], rows)
        self.restored.counts[label] = len(rows)

    def finish(self):
        for label, expected in self.expected.items():
            found = self.restored.counts.get(label, 0)
            if found != expected:
                raise BackupError(
                    f"the header announces {expected} rows of {label}, the file has {found}; "
                    "is it complete?",
                    1,
                )
        restored = list(self.tables.values())
        _reset_sequences([table.model for table in restored], self.using)
        if connections[self.using].vendor == "postgresql":
            _analyze(restored, self.using)
            rebuild_search_vectors(using=self.using)
            self.restored.search_rebuilt = True

    # Users

    def _restore_users(self, rows):
        User = get_user_model()
        for row in rows:
            if not isinstance(row.pk, str) or not row.pk:
                raise BackupError("a user's pk is the username", row.line)
            if row.pk in self.users:
                raise BackupError(f"user “{row.pk}” appears twice", row.line)
            unknown = set(row.fields) - {*USER_FIELDS, "groups"}
            if unknown:
                raise BackupError(f"unknown field “{sorted(unknown)[0]}” in {row.model}", row.line)
            existing = User._base_manager.using(self.using).filter(username=row.pk).first()
            user = existing or self._create_user(row)
            self.users[user.username] = user.pk
            names = self.restored.users_matched if existing else self.restored.users_created
            names.append(user.username)

    def _create_user(self, row):
        """A user as in the backup, with an unusable password: backups hold no passwords."""
        User = get_user_model()
        user = User(username=row.pk)
        _clean(user, User._meta.get_field("username"), row.pk, row)
        for name in USER_FIELDS:
            if name in row.fields:
                _clean(user, User._meta.get_field(name), row.fields[name], row)
        user.set_unusable_password()
        user.save(using=self.using)
        groups = row.fields.get("groups", [])
        if not isinstance(groups, list) or not all(isinstance(name, str) for name in groups):
            raise BackupError("groups: a list of group names", row.line)
        user.groups.set([self._group(name) for name in groups])
        return user

    def _group(self, name):
        group, created = Group.objects.using(self.using).get_or_create(name=name)
        if created:
            self.restored.groups_created.append(name)
        return group

    # Content

    def _restore_table(self, table, rows):
        built = [self._build(table, row) for row in rows]
        pks = self.pks[table.model] = set()
        for row, obj, _ in built:
            if obj.pk in pks:
                raise BackupError(f"{table.label} {obj.pk} appears twice", row.line)
            pks.add(obj.pk)
        for row, obj, many in built:  # after every pk is known: rows may point to later rows
            self._check_references(table, row, obj, many)
        # After the checks: prepare() may read the rows a reference points to.
        prepare_rows([obj for _, obj, _ in built], self.render, self.using)
        _insert(table, built, self.using)
        _insert_links(table, built, self.using)

    def _build(self, table, row):
        """The unsaved object, its fields as in the file, and its many-to-many keys."""
        names = {f.name for f in (*table.fields, *table.many)}
        unknown = sorted(set(row.fields) - names)
        if unknown:
            raise BackupError(f"unknown field “{unknown[0]}” in {table.label}", row.line)
        obj = table.model()
        obj.pk = _convert(table.model._meta.pk, row.pk, row, "pk")
        if obj.pk is None:
            raise BackupError("every row has a pk", row.line)
        for f in table.fields:
            if f.name not in row.fields:
                continue  # a field added since the backup: its default
            value = row.fields[f.name]
            if f.is_relation:
                setattr(obj, f.attname, self._key(f, value, row))
            else:
                _clean(obj, f, value, row)
        many = {}
        for f in table.many:
            values = row.fields.get(f.name, [])
            if not isinstance(values, list):
                raise BackupError(f"{f.name}: a list of keys", row.line)
            many[f] = [self._key(f, value, row) for value in values]
            if len(set(many[f])) != len(many[f]):
                raise BackupError(f"{f.name}: a key appears twice", row.line)
        return row, obj, many

    def _key(self, f, value, row):
        """The primary key a reference stands for in this database (users: by username)."""
        if value is None:
            if f.null:
                return None
            raise BackupError(f"{f.name}: this field cannot be null", row.line)
        if _is_user_relation(f):
            if not isinstance(value, str) or value not in self.users:
                raise BackupError(f"{f.name}: no user “{value}” earlier in the file", row.line)
            return self.users[value]
        return _convert(f.target_field, value, row, f.name)

    def _check_references(self, table, row, obj, many):
        pointers = [(f, [getattr(obj, f.attname)]) for f in table.fields if f.is_relation]
        pointers += list(many.items())
        for f, keys in pointers:
            if _is_user_relation(f):
                continue  # mapped by username already
            known = self.pks.get(f.related_model, set())
            missing = [key for key in keys if key is not None and key not in known]
            if missing:
                raise BackupError(
                    f"{f.name}: no {f.related_model._meta.label_lower} {missing[0]} "
                    "earlier in the file",
                    row.line,
                )


def _convert(f, value, row, name):
    try:
        return f.to_python(value)
    except ValidationError as error:
        raise BackupError(f"{name}: {' '.join(error.messages)}", row.line) from None


def _clean(obj, f, value, row):
    """Set the field as a form would: converted from JSON and validated (type, length, choices)."""
    try:
        setattr(obj, f.attname, f.clean(value, obj))
    except ValidationError as error:
        raise BackupError(f"{f.name}: {' '.join(error.messages)}", row.line) from None


def _insert(table, built, using):
    """Insert the rows as they are, in batches; a row the database refuses is named by its line.

    A raw insert keeps `created_at` and `updated_at`, which bulk_create would stamp with the time
    of the restore (auto_now). `QuerySet._insert(raw=True)` is what `Model.save_base(raw=True)`,
    and so `loaddata`, uses for one row; here it takes a batch.
    """
    fields = table.model._meta.concrete_fields
    for start in range(0, len(built), BATCH_SIZE):
        batch = built[start : start + BATCH_SIZE]
        try:
            with transaction.atomic(using=using):
                _raw_insert(table.model, [obj for _, obj, _ in batch], fields, using)
        except DatabaseError:
            _insert_one_by_one(table, batch, fields, using)
            raise  # the batch failed, yet no row alone did: report the database's own error


def _raw_insert(model, objs, fields, using):
    model._base_manager._insert(objs, fields=fields, raw=True, using=using)


def _insert_one_by_one(table, batch, fields, using):
    for row, obj, _ in batch:
        try:
            with transaction.atomic(using=using):
                _raw_insert(table.model, [obj], fields, using)
        except DatabaseError as error:
            raise BackupError(
                f"the database refused this {table.label}: {_one_line(error)}", row.line
            ) from None


def _one_line(error):
    return " ".join(str(error).split())  # PostgreSQL gives its DETAIL on a line of its own


def _insert_links(table, built, using):
    """The many-to-many rows, in bulk: their tables have no fields of their own to keep."""
    for many in table.many:
        through = many.remote_field.through
        source, target = _source_attname(many), _target_attname(many)
        links = [
            through(**{source: obj.pk, target: key}) for _, obj, keys in built for key in keys[many]
        ]
        through._base_manager.using(using).bulk_create(links, batch_size=BATCH_SIZE)


def _reset_sequences(restored_models, using):
    """Let the next row a form creates take the next free key, not one the backup restored."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), restored_models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _analyze(restored, using):
    """Fresh planner statistics for the restored tables (PostgreSQL).

    Tables filled within the transaction have none yet, and without them the search vectors of
    quotes take fifteen times as long to rebuild (7 s instead of 0.5 s for 5,000 quotes).
    """
    names = [table.model._meta.db_table for table in restored]
    names += [many.remote_field.through._meta.db_table for t in restored for many in t.many]
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(connection.ops.quote_name(name) for name in names)}")
