"""sitemap.xml: public briefings, actors, topics and places, with their last change."""

from django.contrib.sitemaps import Sitemap

from briefings import policies
from briefings.models import Actor, Briefing, Place, Topic


class BriefingSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        # Only what a <url> needs: not 10,000 bodies.
        return policies.public(Briefing).only("slug", "updated_at").order_by("-published_at", "pk")

    def lastmod(self, item):
        return item.updated_at


class ReferenceSitemap(Sitemap):
    """Actors, topics and places: public reference pages."""

    changefreq = "weekly"
    priority = 0.5
    model = None

    def items(self):
        return self.model.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ActorSitemap(ReferenceSitemap):
    model = Actor

    def items(self):
        return policies.public(Actor).only("slug", "updated_at").order_by("pk")


class TopicSitemap(ReferenceSitemap):
    model = Topic


class PlaceSitemap(ReferenceSitemap):
    model = Place


SITEMAPS = {
    "briefings": BriefingSitemap,
    "actors": ActorSitemap,
    "topics": TopicSitemap,
    "places": PlaceSitemap,
}
