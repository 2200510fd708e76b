"""Reader URLs. Every route is named; templates and models link through these names."""

from django.urls import path

from . import feeds, views

app_name = "briefings"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("briefings/", views.BriefingListView.as_view(), name="briefing_list"),
    path("briefings/<slug:slug>/", views.BriefingDetailView.as_view(), name="briefing_detail"),
    path("actors/", views.ActorListView.as_view(), name="actor_list"),
    path("actors/<slug:slug>/", views.ActorDetailView.as_view(), name="actor_detail"),
    path("topics/", views.TopicListView.as_view(), name="topic_list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("places/", views.PlaceListView.as_view(), name="place_list"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place_detail"),
    path("quotes/", views.QuoteListView.as_view(), name="quote_list"),
    path("quotes/<int:pk>/", views.QuoteDetailView.as_view(), name="quote_detail"),
    path("faq/", views.FAQEntryListView.as_view(), name="faq_list"),
    path("faq/<int:pk>/", views.FAQEntryDetailView.as_view(), name="faq_detail"),
    path("search/", views.search, name="search"),
    path("feeds/briefings/", feeds.BriefingAtomFeed(), name="feed"),
    path("feeds/briefings/rss/", feeds.BriefingFeed(), name="feed_rss"),
    path("feeds/topics/<slug:slug>/", feeds.TopicAtomFeed(), name="topic_feed"),
    path("feeds/topics/<slug:slug>/rss/", feeds.TopicFeed(), name="topic_feed_rss"),
    path("feeds/actors/<slug:slug>/", feeds.ActorAtomFeed(), name="actor_feed"),
    path("feeds/actors/<slug:slug>/rss/", feeds.ActorFeed(), name="actor_feed_rss"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.FaviconView.as_view(), name="favicon"),
]
