"""API URLs, mounted at /api/: the v1 resources, the OpenAPI schema and its documentation."""

from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import imports, search, views

app_name = "api"

router = DefaultRouter()
router.root_view_name = "v1-root"
router.register("briefings", views.BriefingViewSet, basename="briefing")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("offices", views.OfficeViewSet, basename="office")
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("faqs", views.FAQEntryViewSet, basename="faqentry")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("places", views.PlaceViewSet, basename="place")
router.register("sources", views.SourceViewSet, basename="source")
router.register("corrections", views.CorrectionViewSet, basename="correction")

urlpatterns = [
    path("", views.api_root, name="root"),
    path("v1/search/", search.SearchView.as_view(), name="search"),
    path("v1/search/autocomplete/", search.AutocompleteView.as_view(), name="search-autocomplete"),
    path("v1/import/", imports.ImportView.as_view(), name="import"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(urlconf=None), name="schema"),
    path("docs/", views.SwaggerView.as_view(url_name="api:schema"), name="docs"),
    # Redoc styles itself with inline styles, which the site's Content-Security-Policy forbids.
    path("redoc/", RedirectView.as_view(pattern_name="api:docs", permanent=True), name="redoc"),
]
