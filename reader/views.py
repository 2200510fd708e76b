"""Reader pages. Public querysets start from the models' `published()`; drafts never reach a template.

The one exception is the staff draft preview (`DraftPreviewMixin`), which says so on the page.
"""

from itertools import groupby

from django import forms
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import http_date
from django.views.generic import DetailView, ListView, RedirectView, TemplateView

from briefings import content_cache, linking, policies
from briefings.filters import (
    BriefingFilter,
    CachedCountMixin,
    QuoteFilter,
    YearField,
    briefing_facets,
    cached_facets,
    parse_whole_number,
    quote_facets,
)
from briefings.markdown import place_quotes
from briefings.models import (
    Actor,
    ActorRedirect,
    Briefing,
    BriefingActor,
    FAQEntry,
    Place,
    Quote,
    Tenure,
    Topic,
)
from briefings.search import engine as search_engine

from . import charts, structured_data

BRIEFINGS_PER_PAGE = 20
QUOTES_PER_PAGE = 25
CONNECTED_ACTORS = 12
NETWORK_ACTORS = 8  # of those, drawn around the actor on its page


# Profile pages show the latest few and link to the full, filterable list.
LATEST_BRIEFINGS = 10
LATEST_FAQ_ENTRIES = 10
FAQ_PREVIEW = 5
FAQ_PER_PAGE = 50


def first(queryset, count):
    """(the first `count` items, whether there are more) in one query."""
    items = list(queryset[: count + 1])
    return items[:count], len(items) > count


def public_briefings():
    """Public briefings with what a briefing card prints (not the rendered body: it is large)."""
    return (
        policies.public(Briefing)
        .defer("body_html", "body_toc", "search_vector")
        .prefetch_related("topics")
    )


def faq_links(entries):
    """FAQ entries with only what a list of links to them prints: the question and its briefing."""
    return entries.select_related("briefing").only(
        "question", "created_at", "briefing__title", "briefing__slug"
    )


class LastModifiedMixin:
    """Sends Last-Modified, from the newest `updated_at` among what the page shows.

    ConditionalGetMiddleware adds the ETag and answers If-None-Match / If-Modified-Since with 304.
    """

    def get_last_modified(self, context):
        return getattr(self.object, "updated_at", None)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        last_modified = self.get_last_modified(context)
        if last_modified:
            response.headers["Last-Modified"] = http_date(last_modified.timestamp())
        return response


def newest(*objects):
    return max((obj.updated_at for obj in objects if obj is not None), default=None)


def with_public_briefings(model, field):
    """`model`'s objects that at least one public briefing is filed under, A–Z.

    EXISTS stops at the first public briefing of each; a join would visit them all.
    """
    links = getattr(Briefing, field).through.objects.filter(
        **{model._meta.model_name: OuterRef("pk")}, briefing__in=policies.public(Briefing)
    )
    return list(model.objects.filter(Exists(links)).order_by("name"))


def home_directory():
    """The home page's topics, places and key actors: counts over every public briefing."""
    return {
        "topics": with_public_briefings(Topic, "topics"),
        "places": with_public_briefings(Place, "places"),
        "key_actors": list(
            Actor.objects.with_public_briefing_counts()
            .filter(briefing_count__gt=0)
            .order_by("-briefing_count", "name")[:8]
        ),
    }


class HomeView(TemplateView):
    template_name = "briefings/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest=public_briefings()[:10],
            featured=public_briefings().filter(featured=True)[:3],
            **content_cache.remember("home", {}, home_directory),
            latest_quotes=policies.public(Quote).with_attribution()[:5],
            structured_data=[structured_data.website(self.request)],
            **kwargs,
        )


class BriefingListView(CachedCountMixin, ListView):
    template_name = "briefings/briefing_list.html"
    context_object_name = "briefings"
    paginate_by = BRIEFINGS_PER_PAGE
    count_cache_name = "briefing-count"

    def get_queryset(self):
        self.filter = BriefingFilter(self.request.GET, queryset=policies.public(Briefing))
        return self.filter.qs.prefetch_related("topics", "places")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filter,
            facets=cached_facets("briefing-facets", self.filter, briefing_facets),
            **kwargs,
        )


class DraftPreviewMixin:
    """Whoever `policies` lets see a briefing that is not public yet (its writers, editors) may
    open it, marked as a preview; others get a 404."""

    def get_queryset(self):
        return policies.visible(self.request.user, Briefing)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not self.object.is_public:
            response.headers["Cache-Control"] = "private, no-store"
            response.headers["X-Robots-Tag"] = "noindex"
        return response


class BriefingDetailView(DraftPreviewMixin, LastModifiedMixin, DetailView):
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "topics",
                "places",
                "authors",
                "sources",
                "corrections",
                "faq_entries",
                "quote_links",
                Prefetch("quote_links__quote", queryset=Quote.objects.with_attribution()),
                Prefetch(
                    "actor_links",
                    queryset=BriefingActor.objects.filter(excluded=False)
                    .select_related("actor")
                    .prefetch_related("actor__aliases")
                    .order_by("role", "-mention_count", "actor__name"),
                ),
                Prefetch("related", queryset=public_briefings()),
            )
        )

    def get_context_data(self, **kwargs):
        briefing = self.object
        top_level = min((heading["level"] for heading in briefing.body_toc), default=2)
        body_html = linking.cached_link_first_mentions(
            briefing.body_html,
            [
                (link.actor, [link.actor.name, *(a.name for a in link.actor.aliases.all())])
                for link in briefing.actor_links.all()
            ],
            section_tag=f"h{top_level}",
        )
        quotes = {link.quote.pk: link.quote for link in briefing.quote_links.all()}
        # The quotes the body places are shown there; the list below has the others.
        body_html, placed = place_quotes(
            body_html,
            lambda pk: (
                render_to_string(
                    "briefings/_quote.html", {"quote": quotes[pk], "in_body": True}, self.request
                )
                if pk in quotes
                else None
            ),
        )
        return super().get_context_data(
            body_html=body_html,
            quotes=list(quotes.values()),
            placed_quotes=placed,
            listed_quotes=[quote for pk, quote in quotes.items() if pk not in placed],
            structured_data=structured_data.briefing(briefing, self.request),
            **kwargs,
        )

    def get_last_modified(self, context):
        briefing = self.object
        return newest(
            briefing,
            *context["quotes"],
            *briefing.faq_entries.all(),
            *(link.actor for link in briefing.actor_links.all()),
        )


class ActorListView(ListView):
    template_name = "briefings/actor_list.html"
    context_object_name = "actors"

    def get_queryset(self):
        return policies.public(Actor).order_by("kind", "name")

    def get_context_data(self, **kwargs):
        labels = dict(Actor.Kind.choices)
        groups = [
            (kind, labels[kind], list(actors))
            for kind, actors in groupby(self.object_list, key=lambda actor: actor.kind)
        ]
        return super().get_context_data(groups=groups, **kwargs)


class ActorDetailView(LastModifiedMixin, DetailView):
    queryset = Actor.objects.select_related("country").prefetch_related(
        "aliases",
        Prefetch(
            "tenures",
            queryset=Tenure.objects.select_related("office__organisation").order_by("started_on"),
        ),
    )

    def get_queryset(self):
        # Editors (and whoever added it) also see an actor before anyone has reviewed it.
        visible = policies.visible(self.request.user, Actor)
        if policies.is_editor(self.request.user):
            return super().get_queryset()
        return super().get_queryset().filter(pk__in=visible.values("pk"))

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An actor merged into another keeps its old address.
            moved = ActorRedirect.objects.select_related("actor").filter(old_slug=kwargs["slug"])
            if moved:
                return redirect(moved[0].actor, permanent=True)
            raise

    def get_context_data(self, **kwargs):
        actor = self.object
        said = policies.public(Quote).filter(speaker=actor)
        paginator = Paginator(said.with_attribution(), QUOTES_PER_PAGE)
        # Counting and connecting go over every briefing the actor is in: once per change.
        paginator.count = content_cache.remember("actor-quotes", [actor.pk], said.count)
        quotes = paginator.get_page(self.request.GET.get("page"))
        connected = content_cache.remember(
            "actor-connections",
            [actor.pk],
            lambda: list(Actor.objects.connected_to(actor)[:CONNECTED_ACTORS]),
        )
        briefings, more_briefings = first(public_briefings().involving(actor), LATEST_BRIEFINGS)
        return super().get_context_data(
            quotes=quotes,
            briefings=briefings,
            more_briefings=more_briefings,
            connected=connected,
            network=charts.connection_network(
                [
                    (other.name, other.shared_count, other.get_absolute_url())
                    for other in connected[:NETWORK_ACTORS]
                ]
            ),
            structured_data=[structured_data.actor(actor, self.request)],
            **kwargs,
        )


class TopicListView(ListView):
    template_name = "briefings/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return Topic.objects.select_related("parent").order_by("name")


class TopicDetailView(LastModifiedMixin, DetailView):
    queryset = Topic.objects.select_related("parent").prefetch_related("children")

    def get_context_data(self, **kwargs):
        topic = self.object
        public = policies.public(Briefing).filter(topics=topic)
        briefing_months, quote_months = content_cache.remember(
            "topic-months",
            [topic.pk],
            lambda: (public.count_by_month(), Quote.objects.used_in(public).count_by_month()),
        )
        quote_months = dict(quote_months)
        undated_quotes = quote_months.pop(None, 0)
        briefings, more_briefings = first(public_briefings().filter(topics=topic), LATEST_BRIEFINGS)
        faq_entries, more_faq_entries = first(
            faq_links(policies.public(FAQEntry).filter(topics=topic)).order_by(
                "-created_at", "-pk"
            ),
            LATEST_FAQ_ENTRIES,
        )
        return super().get_context_data(
            briefings=briefings,
            more_briefings=more_briefings,
            quotes=Quote.objects.used_in(public).with_attribution()[:10],
            timeline=charts.month_timeline({"briefings": briefing_months, "quotes": quote_months}),
            undated_quotes=undated_quotes,
            faq_entries=faq_entries,
            more_faq_entries=more_faq_entries,
            feed_url=reverse("briefings:topic_feed", kwargs={"slug": topic.slug}),
            **kwargs,
        )


class PlaceListView(ListView):
    template_name = "briefings/place_list.html"
    context_object_name = "places"

    def get_queryset(self):
        return Place.objects.order_by("kind", "name")


class PlaceDetailView(LastModifiedMixin, DetailView):
    queryset = Place.objects.prefetch_related("children", "parents")

    def get_context_data(self, **kwargs):
        place = self.object
        public = policies.public(Briefing).filter(places=place)
        briefings, more_briefings = first(public_briefings().filter(places=place), LATEST_BRIEFINGS)
        faq_entries, more_faq_entries = first(
            faq_links(FAQEntry.objects.filter(briefing__in=public)).order_by("-created_at", "-pk"),
            LATEST_FAQ_ENTRIES,
        )
        return super().get_context_data(
            briefings=briefings,
            more_briefings=more_briefings,
            quotes=Quote.objects.used_in(public).with_attribution()[:10],
            faq_entries=faq_entries,
            more_faq_entries=more_faq_entries,
            **kwargs,
        )


class QuoteListView(CachedCountMixin, ListView):
    template_name = "briefings/quote_list.html"
    context_object_name = "quotes"
    paginate_by = QUOTES_PER_PAGE
    count_cache_name = "quote-count"

    def get_queryset(self):
        self.filter = QuoteFilter(self.request.GET, queryset=policies.public(Quote))
        return self.filter.qs.with_attribution()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filter,
            facets=cached_facets("quote-facets", self.filter, quote_facets),
            **kwargs,
        )


class QuoteDetailView(LastModifiedMixin, DetailView):
    def get_queryset(self):
        return policies.public(Quote).with_attribution()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            briefings=public_briefings().filter(quotes=self.object),
            structured_data=[structured_data.quotation(self.object, self.request)],
            **kwargs,
        )

    def get_last_modified(self, context):
        return newest(self.object, self.object.speaker, self.object.source)


def faq_index():
    """Each topic's newest questions and how many it has; the same for entries with no topic."""
    published = policies.public(FAQEntry)
    links = FAQEntry.topics.through.objects.filter(faqentry__in=published)
    newest = [F("faqentry__created_at").desc(), F("faqentry_id").desc()]
    ranked = (
        links.annotate(rank=Window(RowNumber(), partition_by=F("topic_id"), order_by=newest))
        .filter(rank__lte=FAQ_PREVIEW)
        .select_related("topic", "faqentry__briefing")
        .only(
            "topic__name",
            "topic__slug",
            "faqentry__question",
            "faqentry__created_at",
            "faqentry__briefing__title",
            "faqentry__briefing__slug",
        )
        .order_by("topic__name", "rank")
    )
    counts = dict(links.values_list("topic_id").annotate(Count("pk")).order_by())
    groups = []
    for topic, rows in groupby(ranked, key=lambda link: link.topic):
        topic.faq_count = counts[topic.pk]
        groups.append((topic, [link.faqentry for link in rows]))
    general = published.filter(topics=None)
    return {
        "groups": groups,
        "general": list(
            general.select_related("briefing").order_by("-created_at", "-pk")[:FAQ_PREVIEW]
        ),
        "general_count": general.count(),
    }


def by_slug_or_404(model, slug):
    """The `model` row with this slug from a query string; 404 for any other value, including
    one that is no slug at all (PostgreSQL refuses to compare text holding a NUL character)."""
    if not slug_re.match(slug):
        raise Http404(f"No {model._meta.verbose_name} has this address.")
    return get_object_or_404(model, slug=slug)


class FAQEntryListView(ListView):
    """The index: every topic's newest questions. With ?topic=, ?place= or ?general=1, all the
    questions on that topic, on that place's briefings or on no topic, page by page."""

    template_name = "briefings/faqentry_list.html"
    context_object_name = "entries"
    paginate_by = FAQ_PER_PAGE

    def get_queryset(self):
        entries = faq_links(policies.public(FAQEntry))
        params = self.request.GET
        if params.get("topic"):
            self.scope = by_slug_or_404(Topic, params["topic"])
            self.scope_label = f"on {self.scope.name}"
            entries = entries.filter(topics=self.scope)
        elif params.get("place"):
            self.scope = by_slug_or_404(Place, params["place"])
            self.scope_label = f"on {self.scope.name}"
            entries = entries.filter(
                briefing__in=policies.public(Briefing).filter(places=self.scope)
            )
        elif params.get("general") == "1":
            self.scope, self.scope_label = "general", "on no particular topic"
            entries = entries.filter(topics=None)
        else:
            self.scope = None
            return entries.none()  # the index needs no page of entries
        return entries.order_by("-created_at", "-pk")

    def get_paginate_by(self, queryset):
        return self.paginate_by if self.scope is not None else None

    def get_context_data(self, **kwargs):
        if self.scope is not None:
            return super().get_context_data(
                scope=self.scope, scope_label=self.scope_label, **kwargs
            )
        return super().get_context_data(
            **content_cache.remember("faq-index", {}, faq_index), **kwargs
        )


class FAQEntryDetailView(LastModifiedMixin, DetailView):
    def get_queryset(self):
        return policies.public(FAQEntry).select_related("briefing").prefetch_related("topics")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            structured_data=[structured_data.faq_page([self.object], self.request)], **kwargs
        )


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=search_engine.MAX_QUERY_LENGTH, strip=True)
    type = forms.ChoiceField(
        required=False, choices=[(key, kind.plural) for key, kind in search_engine.KINDS.items()]
    )
    topic = forms.SlugField(required=False)
    place = forms.SlugField(required=False)
    year = YearField(required=False)
    speaker = forms.SlugField(required=False)

    def filters(self):
        """The valid filters; a value that does not parse is left out (and reported)."""
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        return search_engine.Filters(
            types=(data["type"],) if data.get("type") else (),
            topic=data.get("topic") or "",
            place=data.get("place") or "",
            year=data.get("year"),
            speaker=data.get("speaker") or "",
        )


SEARCH_PAGE_SIZE = 20


def search(request):
    """One box over briefings, quotes, questions, actors, topics and places: see briefings.search."""
    form = SearchForm(request.GET)
    form.is_valid()
    query = search_engine.clean_query(form.cleaned_data.get("q") or request.GET.get("q", ""))
    results = search_engine.search(query, form.filters())
    page_number = request.GET.get("page", "1")
    number = parse_whole_number(page_number)
    if number and number <= 50:
        results.prefetch(number * SEARCH_PAGE_SIZE)
    page = Paginator(results, SEARCH_PAGE_SIZE).get_page(page_number)
    context = {
        "query": query,
        "form": form,
        "filters": results.filters,
        "results": results,
        "page_obj": page,
        "hits": page.object_list,
        "facets": results.facets(),
        "suggestion": results.suggestion(),
        "hint": results.hint,
        "full_text": search_engine.is_postgres(),
    }
    return render(request, "briefings/search.html", context)


def robots_txt(request):
    content = render_to_string(
        "robots.txt", {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))}
    )
    return HttpResponse(content, content_type="text/plain; charset=utf-8")


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico on pages without an icon link, such as the admin's."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")
