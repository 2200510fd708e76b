"""What counts as a public change, defined once, and the content generation it moves on.

A change is public when the object changed is, before or after the change, part of what an
anonymous reader or API client sees (`policies.affects_public`): a published or scheduled
briefing, a quote or FAQ entry a public briefing uses, a reviewed actor, a topic … A draft's
edits, history rows, sessions and sign-ins are not, whoever makes them.

Each public change, once its transaction commits, bumps the content generation and sends
`public_change` with the objects changed. Caches of public pages and aggregates put the
generation into their keys (`infra.page_cache`, `briefings.content_cache`), so one bump retires
all they hold; receivers of the signal can be more precise.
"""

import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.dispatch import Signal
from django.utils import timezone

from .generations import Generation

GENERATION_KEY = "page-cache:generation"
CHANGED_AT_KEY = "page-cache:changed-at"
NEXT_PUBLICATION_KEY = "page-cache:next-publication:{generation}"
NEXT_PUBLICATION_SECONDS = 300

# Sent after the commit of each public change; `objects` holds (model label, pk) pairs.
public_change = Signal()

# Saves that touch only these fields change nothing a reader sees.
PRIVATE_FIELDS = frozenset({"last_login", "password", "version", "search_vector", "search_head"})

_generation = Generation(GENERATION_KEY)
generation = _generation.current


def bump_generation():
    _generation.bump()
    cache.set(CHANGED_AT_KEY, time.time(), None)


def changed_within(seconds):
    """Whether public content changed in the last `seconds` (a read replica may not have it yet)."""
    changed_at = cache.get(CHANGED_AT_KEY)
    return changed_at is not None and time.time() - changed_at < seconds


def _seconds_until_next_publication(current):
    """Seconds until the next scheduled briefing goes public, or None; one query a generation."""
    key = NEXT_PUBLICATION_KEY.format(generation=current)
    when = cache.get(key)
    now = timezone.now().timestamp()
    # Looked up again once the stored one has gone public, or it would cut every timeout to 1 s.
    if when is None or 0 < when <= now:
        from .models import Briefing

        upcoming = Briefing.objects.scheduled().order_by("published_at").first()
        when = upcoming.published_at.timestamp() if upcoming else 0
        cache.set(key, when, NEXT_PUBLICATION_SECONDS)
    return when - now if when else None


def timeout_within(seconds, current):
    """`seconds`, cut short so that nothing cached now outlives the next scheduled publication."""
    until_publication = _seconds_until_next_publication(current)
    if until_publication is not None:
        seconds = min(seconds, max(int(until_publication), 1))
    return seconds


def _affects_public(instance):
    from . import policies

    return policies.affects_public(instance)


def _record(instance, using):
    key = (instance._meta.label, instance.pk)

    def commit():
        bump_generation()
        public_change.send(sender=type(instance), objects=[key])

    # After the commit: a request served in between would store the old page under the new key.
    transaction.on_commit(commit, using=using)


def _private_save(update_fields):
    return update_fields is not None and set(update_fields) <= PRIVATE_FIELDS


def before_save(sender, instance, raw=False, using="default", update_fields=None, **kwargs):
    # Whether it is public *before* the change: unpublishing or un-reviewing is public too.
    if raw or _private_save(update_fields):
        instance._briefings_was_public = False
        return
    instance._briefings_was_public = instance.pk is not None and _affects_public(instance)


def after_save(sender, instance, raw=False, using="default", update_fields=None, **kwargs):
    if raw or _private_save(update_fields):
        return
    if getattr(instance, "_briefings_was_public", False) or _affects_public(instance):
        _record(instance, using)


def before_delete(sender, instance, using="default", **kwargs):
    if _affects_public(instance):
        _record(instance, using)


def relation_changed(sender, instance, action, using="default", **kwargs):
    # Before a removal, while what goes was still public; after an addition, once it is.
    if action in ("pre_remove", "pre_clear", "post_add") and _affects_public(instance):
        _record(instance, using)


def _domain_models():
    return tuple(
        model
        for model in apps.get_app_config("briefings").get_models()
        if not model.__name__.startswith("Historical")
    )


def connect():
    """Every model of the knowledge base, and users (their names show as authors)."""
    for model in [*_domain_models(), apps.get_model(settings.AUTH_USER_MODEL)]:
        uid = f"briefings.changes.{model._meta.label}"
        pre_save.connect(before_save, sender=model, dispatch_uid=uid + ".pre_save")
        post_save.connect(after_save, sender=model, dispatch_uid=uid + ".save")
        pre_delete.connect(before_delete, sender=model, dispatch_uid=uid + ".delete")
    m2m_changed.connect(relation_changed, dispatch_uid="briefings.changes.m2m")
