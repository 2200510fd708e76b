"""Reader pages. Every queryset starts from the models' `published()`; drafts never reach a template."""

from django.db.models import Prefetch
from django.templatetags.static import static
from django.views.generic import DetailView, ListView, RedirectView

from .models import Actor, Briefing, FAQEntry, Place, Quote, Topic


class HomeView(ListView):
    template_name = "briefings/home.html"
    context_object_name = "briefings"
    paginate_by = 20

    def get_queryset(self):
        return Briefing.objects.published().prefetch_related("topics", "places")


class BriefingDetailView(DetailView):
    def get_queryset(self):
        return Briefing.objects.published().prefetch_related(
            "topics",
            "places",
            "corrections",
            "faq_entries",
            "quote_links",
            Prefetch("quote_links__quote", queryset=Quote.objects.with_attribution()),
        )


class ActorDetailView(DetailView):
    queryset = Actor.objects.select_related("country").prefetch_related(
        "aliases", "tenures__office"
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            quotes=Quote.objects.published().filter(speaker=self.object).with_attribution(),
            briefings=Briefing.objects.published()
            .filter(actors=self.object)
            .distinct()
            .prefetch_related("topics"),
            **kwargs,
        )


class TopicDetailView(DetailView):
    model = Topic

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            briefings=Briefing.objects.published()
            .filter(topics=self.object)
            .prefetch_related("topics"),
            **kwargs,
        )


class PlaceDetailView(DetailView):
    model = Place

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            briefings=Briefing.objects.published()
            .filter(places=self.object)
            .prefetch_related("topics"),
            **kwargs,
        )


class QuoteDetailView(DetailView):
    def get_queryset(self):
        return Quote.objects.published().with_attribution()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            briefings=Briefing.objects.published()
            .filter(quotes=self.object)
            .prefetch_related("topics"),
            **kwargs,
        )


class FAQEntryDetailView(DetailView):
    def get_queryset(self):
        return FAQEntry.objects.published().select_related("briefing")


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico on pages without an icon link, such as the admin's."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")
