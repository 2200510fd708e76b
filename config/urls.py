"""Root URL configuration: the reader site, the admin and the API."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Briefings — editors"
admin.site.site_title = "Briefings admin"
admin.site.index_title = "Knowledge base"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("briefings.urls")),
]
