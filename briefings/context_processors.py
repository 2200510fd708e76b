"""Template context every page needs: the site's name and whether it shows demo content."""

from django.conf import settings


def site(request):
    return {"site_name": settings.BRIEFINGS_SITE_NAME, "demo_content": settings.BRIEFINGS_DEMO}
