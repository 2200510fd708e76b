"""Mark the search vectors a save or delete makes stale; `vectors.mark` refreshes them after commit."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from briefings import models as m

from .vectors import mark


def _briefings_with(through, field, pk):
    return through.objects.filter(**{field: pk}).values_list("briefing_id", flat=True)


def briefing_saved(sender, instance, using, **kwargs):
    # Publishing or unpublishing a briefing makes its quotes and FAQ entries public or not.
    mark("briefing", [instance.pk], using)
    mark("quote", instance.quote_links.values_list("quote_id", flat=True), using)
    mark("faqentry", instance.faq_entries.values_list("pk", flat=True), using)


def briefing_deleted(sender, instance, using, **kwargs):
    mark("quote", list(instance.quote_links.values_list("quote_id", flat=True)), using)


def quote_link_changed(sender, instance, using, **kwargs):
    mark("quote", [instance.quote_id], using)


def briefing_taxonomy_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return
    if not reverse:
        mark("briefing", [instance.pk], using)
    elif action == "pre_clear":
        # A topic or place cleared of all its briefings: which ones is known only before.
        field = "topic_id" if sender is m.Briefing.topics.through else "place_id"
        mark("briefing", _briefings_with(sender, field, instance.pk), using)
    elif pk_set:
        mark("briefing", pk_set, using)


def topic_saved(sender, instance, using, **kwargs):
    mark("topic", [instance.pk], using)
    mark("briefing", _briefings_with(m.Briefing.topics.through, "topic_id", instance.pk), using)


def place_saved(sender, instance, using, **kwargs):
    mark("place", [instance.pk], using)
    mark("briefing", _briefings_with(m.Briefing.places.through, "place_id", instance.pk), using)


def taxonomy_deleted(sender, instance, using, **kwargs):
    # The briefings' links go with the topic or place; their vectors are refreshed after.
    through, field = (
        (m.Briefing.topics.through, "topic_id")
        if sender is m.Topic
        else (m.Briefing.places.through, "place_id")
    )
    mark("briefing", list(_briefings_with(through, field, instance.pk)), using)


def quote_saved(sender, instance, using, **kwargs):
    mark("quote", [instance.pk], using)


def faq_saved(sender, instance, using, **kwargs):
    mark("faqentry", [instance.pk], using)


def _actor_names_changed(actor_id, using):
    """An actor's name or aliases feed the actor's vector and those of the actor's quotes."""
    mark("actor", [actor_id], using)
    mark("quote", m.Quote.objects.filter(speaker_id=actor_id).values_list("pk", flat=True), using)


def actor_saved(sender, instance, using, **kwargs):
    _actor_names_changed(instance.pk, using)


def alias_changed(sender, instance, using, **kwargs):
    if m.Actor.objects.using(using).filter(pk=instance.actor_id).exists():
        _actor_names_changed(instance.actor_id, using)


def connect():
    uid = "briefings.search."
    post_save.connect(briefing_saved, sender=m.Briefing, dispatch_uid=uid + "briefing")
    pre_delete.connect(briefing_deleted, sender=m.Briefing, dispatch_uid=uid + "briefing-del")
    post_save.connect(quote_link_changed, sender=m.BriefingQuote, dispatch_uid=uid + "bq")
    post_delete.connect(quote_link_changed, sender=m.BriefingQuote, dispatch_uid=uid + "bq-del")
    for through in (m.Briefing.topics.through, m.Briefing.places.through):
        m2m_changed.connect(
            briefing_taxonomy_changed, sender=through, dispatch_uid=uid + through.__name__
        )
    post_save.connect(topic_saved, sender=m.Topic, dispatch_uid=uid + "topic")
    post_save.connect(place_saved, sender=m.Place, dispatch_uid=uid + "place")
    for model in (m.Topic, m.Place):
        pre_delete.connect(
            taxonomy_deleted, sender=model, dispatch_uid=uid + "del" + model.__name__
        )
    post_save.connect(quote_saved, sender=m.Quote, dispatch_uid=uid + "quote")
    post_save.connect(faq_saved, sender=m.FAQEntry, dispatch_uid=uid + "faq")
    post_save.connect(actor_saved, sender=m.Actor, dispatch_uid=uid + "actor")
    post_save.connect(alias_changed, sender=m.ActorAlias, dispatch_uid=uid + "alias")
    post_delete.connect(alias_changed, sender=m.ActorAlias, dispatch_uid=uid + "alias-del")
