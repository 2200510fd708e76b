"""Atom and RSS feeds: all briefings, per topic and per actor."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from briefings import policies
from briefings.models import Actor, Briefing, Topic

ITEMS = 30


class BriefingFeed(Feed):
    """The latest public briefings, as RSS 2.0."""

    description_template = "feeds/briefing_description.html"

    def title(self, obj=None):
        return f"{settings.BRIEFINGS_SITE_NAME}: latest briefings"

    def link(self, obj=None):
        return reverse("briefings:briefing_list")

    def description(self, obj=None):
        return "New and updated geopolitical briefings."

    def briefings(self, obj):
        return policies.public(Briefing)

    def items(self, obj=None):
        return self.briefings(obj).prefetch_related("authors", "topics")[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(user.get_full_name() or user.get_username() for user in item.authors.all())

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class BriefingAtomFeed(BriefingFeed):
    feed_type = Atom1Feed
    subtitle = BriefingFeed.description


class TopicFeed(BriefingFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj=None):
        return f"{settings.BRIEFINGS_SITE_NAME}: briefings on {obj.name}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return f"New briefings on {obj.name}."

    def briefings(self, obj):
        return policies.public(Briefing).filter(topics=obj)


class TopicAtomFeed(TopicFeed):
    feed_type = Atom1Feed
    subtitle = TopicFeed.description


class ActorFeed(BriefingFeed):
    def get_object(self, request, slug):
        return get_object_or_404(policies.public(Actor), slug=slug)

    def title(self, obj=None):
        return f"{settings.BRIEFINGS_SITE_NAME}: briefings involving {obj.name}"

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return f"New briefings that involve {obj.name}."

    def briefings(self, obj):
        return policies.public(Briefing).involving(obj)


class ActorAtomFeed(ActorFeed):
    feed_type = Atom1Feed
    subtitle = ActorFeed.description
