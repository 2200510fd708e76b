"""Template context every page needs: the site's name, demo flag, canonical URL and feeds."""

from django.conf import settings
from django.urls import reverse


def site(request):
    return {
        "site_name": settings.BRIEFINGS_SITE_NAME,
        "demo_content": settings.BRIEFINGS_DEMO,
        "canonical_url": request.build_absolute_uri(request.path),
        "site_feed_url": reverse("briefings:feed"),
    }
