"""Settings shared by every environment. Deploy configuration comes from environment variables."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# Overridden per environment; prod refuses to start without a real key.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "briefings.apps.BriefingsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "knox",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    # Sign-in protection: lockout after repeated failures, and a second factor (TOTP, with
    # backup codes) for staff where REQUIRE_STAFF_2FA is on. See "Sign-in protection" in the README.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "briefings",
    "reader",
    "api",
]

MIDDLEWARE = [
    # /healthz and /readyz answer here, before the host check, the HTTPS redirect and the
    # page cache: load balancers probe over plain HTTP with an IP address as the Host.
    "infra.health.HealthCheckMiddleware",
    # Outside everything else, so redirects, cached pages and errors are logged and timed too.
    "infra.request_log.RequestLoggingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (below) and Permissions-Policy on every response.
    "csp.middleware.CSPMiddleware",
    "infra.security.PermissionsPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Requests that may write, and signed-in users', read from the primary database.
    "infra.routers.PrimaryForWritersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETags for every page, and 304 answers to If-None-Match / If-Modified-Since.
    "django.middleware.http.ConditionalGetMiddleware",
    # Whole pages for anonymous readers, from the cache (see infra/page_cache.py).
    "infra.page_cache.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session has passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    # Outside the admin, a staff session still waiting for its second factor is anonymous.
    "infra.signin.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a sign-in refused for lockout into the explanatory lockout page (infra.signin).
    "axes.middleware.AxesMiddleware",
    # Last, so it is first to see a view's exception: a database that is down is a 503.
    "infra.availability.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reader.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# One DATABASE_URL; the local default is an SQLite file in the project root.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# PostgreSQL text search configuration for search vectors and queries (stemming, stop words).
SEARCH_CONFIG = env.str("SEARCH_CONFIG", default="english")
# How long a search's counts and ranked ids stay cached (PostgreSQL only; any change to what
# search sees invalidates them at once in a shared cache). 0 turns the cache off.
SEARCH_CACHE_SECONDS = env.int("SEARCH_CACHE_SECONDS", default=60)
# The cache: Redis when REDIS_URL is set (shared by every web process, which page-cache
# invalidation needs once there is more than one), otherwise this process's memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache; when Redis is down, pages are served uncached (infra/cache.py).
            "BACKEND": "infra.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "briefings",
            # A Redis that does not answer costs a request at most this long, not a hang.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long anonymous readers' pages and API reads stay cached; any change to the content
# invalidates them at once. 0 turns page caching off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# Facet counts and other aggregates over all content, for every reader (briefings/content_cache.py).
CONTENT_CACHE_SECONDS = env.int("CONTENT_CACHE_SECONDS", default=300)
# The largest briefing file or text the importer takes (briefings.importer), in bytes: a body
# of at most 100,000 characters (Briefing.body's max_length) is at most 400 KB of UTF-8, plus
# up to 30,000 characters of front matter; anything larger would be refused once parsed.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=500_000)
# Uploads to the admin's import page and the API are read into memory up to this size.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(IMPORT_MAX_BYTES * 2, 2_621_440)
# An optional read replica: anonymous readers' queries go there (infra/routers.py).
if env.str("DATABASE_REPLICA_URL", default="").strip():
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["infra.routers.ReplicaRouter"]
# How far behind the primary the replica may be: readers use the primary for this long after
# any change, so the page cache never stores a page from before it.
REPLICA_LAG_SECONDS = env.float("REPLICA_LAG_SECONDS", default=5)
for database in DATABASES.values():
    if database["ENGINE"] != "django.db.backends.postgresql":
        continue
    database["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    # A connection broken by a database restart is replaced on the next request.
    database["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's default random_page_cost (4) assumes spinning disks; with it the planner reads
    # every row of a table rather than use the full-text and trigram indexes, which costs search
    # tens of milliseconds. 1.1 is the usual value for SSDs; empty keeps the server's setting.
    page_cost = env.str("DB_RANDOM_PAGE_COST", default="1.1").strip()
    if page_cost:
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c random_page_cost={float(page_cost)}"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Sign-in protection (README: "Sign-in protection") ---
# django-axes refuses a sign-in, even with the right password, once an account has failed
# SIGNIN_FAILURE_LIMIT times from any address, or an address has failed that often for any
# accounts, in the last SIGNIN_LOCKOUT_MINUTES; the lock lifts that long after the last failure.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = max(env.int("SIGNIN_FAILURE_LIMIT", default=5), 1)
AXES_COOLOFF_TIME = timedelta(minutes=max(env.int("SIGNIN_LOCKOUT_MINUTES", default=15), 1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A refused try during the lock does not extend it, so the page's "N minutes" stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Left off: a success would clear every failure from its address, the guesses at other
# accounts included, so an attacker with one account of their own could reset the count.
AXES_RESET_ON_SUCCESS = False
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "infra.signin.lockout_response"
AXES_CLIENT_IP_CALLABLE = "infra.signin.client_address"
# No banner at start-up: it would precede the output of every management command.
AXES_VERBOSE = False
# How many proxies in front of the application add to X-Forwarded-For: the client's address is
# the entry the outermost of them added. 0: the connection's own address. Sign-in lockouts and
# the API's throttling count per this address (REST_FRAMEWORK's NUM_PROXIES below).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Staff (everyone who can use the admin) confirm each sign-in with a code from an authenticator
# app; until they do, the session reaches no admin page and counts as anonymous elsewhere.
# API tokens are unaffected. On in production (prod.py); the demo signs in with a password.
REQUIRE_STAFF_2FA = env.bool("REQUIRE_STAFF_2FA", default=False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ContentPermission"],
    # JSON nested at most a few dozen levels deep and with finite numbers (api/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "api.filters.RankedOrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "api.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="120/min"),
        "user": env.str("API_THROTTLE_USER", default="600/min"),
    },
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# API tokens: stored hashed, sent as "Authorization: Token <key>", expiring.
REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_DAYS", default=90)),
    "AUTO_REFRESH": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Briefings API",
    "DESCRIPTION": (
        "Read the knowledge base — briefings, actors with their offices, quotes with their sources, "
        "FAQ entries, topics, places — and, with a token, write to it. Anonymous clients see "
        "public content only. Send `Authorization: Token <key>` to write; send `If-Match` with "
        "an ETag from a plain GET to refuse overwriting someone else's change (412); writes "
        "without `If-Match` are last-writer-wins."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "BriefingTypeEnum": "briefings.models.Briefing.Kind",
        "SearchResultTypeEnum": "api.search.TYPE_CHOICES",
    },
}

# Anyone may read the API from a browser on another site; nobody may write from one.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# Shown in the header and page titles.
BRIEFINGS_SITE_NAME = env.str("BRIEFINGS_SITE_NAME", default="Briefings")
# The name authenticator apps show beside a staff member's codes.
OTP_TOTP_ISSUER = BRIEFINGS_SITE_NAME
# True only where demo content is loaded; the site then says that the content is illustrative.
BRIEFINGS_DEMO = False

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
# Everything to stdout, one line a record: a line per request from briefings.requests
# (infra.request_log), errors with their tracebacks from django.request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"request_id": {"()": "infra.request_log.RequestIdFilter"}},
    "handlers": {"console": {"class": "infra.request_log.StdoutHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers (stderr when DEBUG, mail to ADMINS) give way to the root's, so
        # nothing is printed twice; its DEBUG chatter (SQL, autoreload) stays off.
        "django": {"handlers": [], "level": "INFO"},
        # 500s with their traceback and request id; 4xx answers are in the request line already.
        "django.request": {"level": "ERROR", "filters": ["request_id"]},
        # django-axes: failed sign-ins and lockouts (WARNING), without its per-attempt chatter.
        "axes": {"level": "WARNING"},
    },
}

# Content-Security-Policy (django-csp): everything from this site, nothing inline. The only
# inline script and styles, on the API documentation pages, carry a per-response nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the site never uses, switched off for it and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
