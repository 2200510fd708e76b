"""Production: every secret and host comes from the environment, and nothing insecure is a default."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env


def required(name):
    """Return the environment variable `name`, or stop start-up naming it."""
    value = env.str(name, default="").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Set the {name} environment variable: production settings refuse to start without it."
        )
    return value


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [
    host.strip() for host in required("DJANGO_ALLOWED_HOSTS").split(",") if host.strip()
]
required("DATABASE_URL")

# The application serves its own static files, compressed and with far-future cache headers.
# WhiteNoise goes straight after SecurityMiddleware, so static files get its headers and redirect.
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1  # noqa: F405
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_after_security:],  # noqa: F405
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Content-Security-Policy, Referrer-Policy, nosniff, X-Frame-Options, Cross-Origin-Opener-Policy
# and Permissions-Policy are set in base.py: every environment sends them.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Staff confirm every sign-in with a second factor (README: "Sign-in protection").
REQUIRE_STAFF_2FA = env.bool("REQUIRE_STAFF_2FA", default=True)
# Production runs behind the TLS proxy of docs/deployment.md, which adds the client's address to
# X-Forwarded-For: without counting it, every client would share the proxy's address, and one
# attacker's failed sign-ins would lock everyone out.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": TRUSTED_PROXY_COUNT}  # noqa: F405
