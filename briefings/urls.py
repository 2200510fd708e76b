"""Reader URLs. Every route is named; templates and models link through these names."""

from django.urls import path

from . import views

app_name = "briefings"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("briefings/<slug:slug>/", views.BriefingDetailView.as_view(), name="briefing_detail"),
    path("actors/<slug:slug>/", views.ActorDetailView.as_view(), name="actor_detail"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place_detail"),
    path("quotes/<int:pk>/", views.QuoteDetailView.as_view(), name="quote_detail"),
    path("faq/<int:pk>/", views.FAQEntryDetailView.as_view(), name="faq_detail"),
    path("favicon.ico", views.FaviconView.as_view(), name="favicon"),
]
