"""Reading the registry's lookups ("speaker__aliases__name") as queries correlated with a row."""

from dataclasses import dataclass

from django.db.models import OuterRef


def join(*lookups):
    """Lookups joined with `__`, empty ones left out: join("", "status") is "status"."""
    return "__".join(lookup for lookup in lookups if lookup)


@dataclass(frozen=True)
class Related:
    """What a lookup from a row of one model reaches, as rows of another model.

    `rows` are that model's rows belonging to the outer row (filtered on an `OuterRef`), and
    `rest` leads from them to the end of the lookup. `group` is set when the outer row has many
    of them (the lookup crosses a reverse foreign key or a many-to-many relation): it is the
    lookup back to the outer row, to group them by.
    """

    rows: object
    rest: str
    group: str | None


def related(model, path):
    """The rows of another model that `path` reaches from an outer `model` row (see `Related`).

    A path starting with a foreign key starts from the row the key points to: the outer row
    holds the key, so the rows are found without joining the outer table again.
    """
    outer = OuterRef("pk")
    name, _, rest = path.partition("__")
    field = model._meta.get_field(name)
    if field.many_to_one:
        outer, model = OuterRef(field.attname), field.related_model
        if not rest:
            return Related(model._base_manager.filter(pk=outer), "", None)
        name, _, rest = rest.partition("__")
        field = model._meta.get_field(name)
    if field.one_to_many or field.many_to_many:
        back = field.remote_field.name
        target = field.related_model
        return Related(target._base_manager.filter(**{back: outer}), rest, back)
    return Related(model._base_manager.filter(pk=outer), join(name, rest), None)


def relations(model, path):
    """Each relation along `path` with the lookup that reaches it from `model`:
    [("speaker", <Actor.speaker>), ("speaker__aliases", <Actor.aliases>)] for
    "speaker__aliases__name"; the last part, a column, is left out."""
    steps, lookup = [], ""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if not field.is_relation:
            break
        lookup = join(lookup, name)
        steps.append((lookup, field))
        model = field.related_model
    return steps


def is_many(model, path):
    """Whether a row of `model` may reach several values through `path`."""
    return any(field.one_to_many or field.many_to_many for _, field in relations(model, path))
