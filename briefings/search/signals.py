"""Mark the search vectors a save or delete makes stale, as the registry's declarations say.

A kind's vectors are fed by its own rows, by every model a field's lookup crosses (a topic's
name feeds its briefings through `topics__name`; an alias feeds its actor and the actor's
quotes through `aliases__name` and `speaker__aliases__name`), and by the briefings its
`public_from` reaches (publishing a briefing makes its quotes and FAQ entries public).
`vectors.mark` refreshes the rows after the transaction commits.
"""

from dataclasses import dataclass

from django.db.models import CASCADE, PROTECT, RESTRICT
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from .paths import relations
from .registry import KINDS
from .vectors import mark


@dataclass(frozen=True)
class Feed:
    """Rows of `sender` feed the vectors of the `kind` rows that reach them through `path`."""

    kind: str
    sender: type
    path: str = ""  # from the kind's model; "" for the kind's own rows
    relation: object = None  # the last relation of `path`

    @property
    def model(self):
        return KINDS[self.kind].model

    @property
    def before(self):
        """The lookup to the rows `relation` starts from ("" for the kind's own)."""
        return self.path.rpartition("__")[0]

    @property
    def holds_key(self):
        """Whether the sender's rows hold the key to the rows before them (an alias its actor's),
        which then still names them once a row is deleted."""
        return bool(self.relation) and self.relation.one_to_many

    @property
    def through(self):
        """The table of a many-to-many link, whose changes send `m2m_changed` instead."""
        if not self.relation or not self.relation.many_to_many:
            return None
        forward = not self.relation.auto_created
        return self.relation.remote_field.through if forward else self.relation.through

    def delete_signal(self):
        """The signal that tells of a delete that leaves the kind's rows stale, if any."""
        if not self.path:
            return None  # the row goes, its vector with it
        if self.holds_key:
            return post_delete
        if (
            not self.before
            and self.relation.many_to_one
            and self.relation.remote_field.on_delete in (CASCADE, PROTECT, RESTRICT)
        ):
            return None  # the kind's rows go with the sender's, or keep it from being deleted
        # Found through links the delete removes: found before it.
        return pre_delete

    def fed(self, instance, using):
        """The ids of the kind's rows that `instance` feeds (a query, or a list)."""
        if not self.path:
            return [instance.pk]
        rows = self.model._base_manager.using(using)
        if self.holds_key:
            key = getattr(instance, self.relation.field.attname)
            if not self.before:
                return [key]
            return rows.filter(**{self.before: key}).values_list("pk", flat=True)
        return rows.filter(**{self.path: instance.pk}).values_list("pk", flat=True)

    def linked(self, instance, action, reverse, pk_set, using):
        """The ids of the kind's rows whose links through `relation` changed."""
        near_is_instance = reverse == self.relation.auto_created
        if near_is_instance:
            near = [instance.pk]
        elif action == "pre_clear":
            # Which rows lose their link is known only before the links go.
            lookup = self.path.rpartition("__")[2]
            near = list(
                self.relation.model._base_manager.using(using)
                .filter(**{lookup: instance.pk})
                .values_list("pk", flat=True)
            )
        else:
            near = pk_set or ()
        if not self.before:
            return near
        rows = self.model._base_manager.using(using)
        return rows.filter(**{f"{self.before}__in": list(near)}).values_list("pk", flat=True)


def feeds():
    """Every (kind, sender, path) that feeds a vector, each once."""
    found = {}
    for kind in KINDS.values():
        paths = [field.path for field in kind.fields]
        if kind.public_from:
            paths.append(kind.public_from.path)
        found[kind.key, kind.model, ""] = Feed(kind.key, kind.model)
        for path in paths:
            for lookup, relation in relations(kind.model, path):
                feed = Feed(kind.key, relation.related_model, lookup, relation)
                found.setdefault((kind.key, feed.sender, lookup), feed)
    return list(found.values())


# Feeds by signal and sender: what each receiver below marks.
_feeds = {}


def _mark_fed(signal, sender, instance, using):
    for feed in _feeds.get(signal, {}).get(sender, ()):
        mark(feed.kind, feed.fed(instance, using), using)


def saved(sender, instance, using, **kwargs):
    _mark_fed(post_save, sender, instance, using)


def deleting(sender, instance, using, **kwargs):
    _mark_fed(pre_delete, sender, instance, using)


def deleted(sender, instance, using, **kwargs):
    _mark_fed(post_delete, sender, instance, using)


def links_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return
    for feed in _feeds.get(m2m_changed, {}).get(sender, ()):
        mark(feed.kind, feed.linked(instance, action, reverse, pk_set, using), using)


RECEIVERS = {
    post_save: saved,
    pre_delete: deleting,
    post_delete: deleted,
    m2m_changed: links_changed,
}


def connect():
    _feeds.clear()
    for feed in feeds():
        by_signal = [(post_save, feed.sender), (feed.delete_signal(), feed.sender)]
        by_signal.append((m2m_changed, feed.through))
        for signal, sender in by_signal:
            if signal and sender:
                _feeds.setdefault(signal, {}).setdefault(sender, []).append(feed)
    for signal, senders in _feeds.items():
        receiver = RECEIVERS[signal]
        for sender in senders:
            uid = f"briefings.search.{receiver.__name__}.{sender._meta.label}"
            signal.connect(receiver, sender=sender, dispatch_uid=uid)
