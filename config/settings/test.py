"""Test settings: fast hashing, no debug, whichever database DATABASE_URL names (SQLite by default)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

BRIEFINGS_DEMO = True
# Off, so that each test sees its own requests run; tests of the page cache turn it on.
PAGE_CACHE_SECONDS = 0
CONTENT_CACHE_SECONDS = 0

# High enough never to interfere; the throttling tests set their own rates.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"},
}
