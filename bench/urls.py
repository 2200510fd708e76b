"""The site's own URLs, plus /bench/baseline/: the framework's limit on this machine.

The baseline view returns the exact bytes of a briefing page, read once from the file named by
BENCH_BASELINE_FILE and then served from memory: everything a page costs except the page's own
work (queries, rendering). It runs under the same gunicorn, the same production settings and
the same middleware as the site; the page cache never stores it (see UNCACHED_PREFIXES).
"""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from config.urls import handler404  # noqa: F401  (the site's 404 handler, kept)
from config.urls import urlpatterns as site_urlpatterns

BASELINE_BODY = Path(os.environ["BENCH_BASELINE_FILE"]).read_bytes()


def baseline(request):
    return HttpResponse(BASELINE_BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/baseline/", baseline, name="bench-baseline"), *site_urlpatterns]
