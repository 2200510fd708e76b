"""Request logging: one key=value line per request, tagged with a request id, and no secrets."""

import logging
import re
import sys
import time
import uuid
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.utils.encoding import escape_uri_path
from django.utils.functional import SimpleLazyObject, empty

logger = logging.getLogger("briefings.requests")

REQUEST_ID_HEADER = "X-Request-ID"
# An incoming id is reused only if it cannot break or forge a log line.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# A query parameter is masked when a word of its name (split on anything but letters and
# digits) ends with one of these: api_key, apiKey, access_token, X-Amz-Signature, client_secret,
# totp. `code` is not one: the API's `iso_code` filter is worth logging, and no OAuth flow here
# sends an authorisation code.
SENSITIVE_WORDS = (
    "token", "key", "password", "passwd", "passphrase", "pass", "pwd", "secret", "auth",
    "signature", "sig", "session", "cookie", "credential", "credentials", "otp",
)  # fmt: skip
MASK = "***"


def request_id_for(request):
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    if SANE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def is_sensitive(name):
    """Whether a query parameter may carry a secret: case-insensitive, by the words of its name.

    The session and CSRF cookies' names (settings.SESSION_COOKIE_NAME, CSRF_COOKIE_NAME) count
    too: a link or a misbehaving client that copies a cookie into the URL must not log it.
    """
    name = name.lower()
    cookies = tuple(
        cookie.lower() for cookie in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    )
    if name in cookies:
        return True
    words = re.split(r"[^a-z0-9]+", name)
    return any(word.endswith(SENSITIVE_WORDS + cookies) for word in words if word)


def masked_query(query_string):
    """The query string with the values of sensitive parameters replaced by ***."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode(
        [(name, MASK if is_sensitive(name) else value) for name, value in pairs], safe="*"
    )


def user_for(request):
    """The user's id if something in the request already looked the user up, else "-".

    Looking the user up here would add a session query to every request.
    """
    user = getattr(request, "user", None)
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return "-"
    return str(user.pk) if user.pk is not None else "-"


class RequestLoggingMiddleware:
    """Log every request, once it has been answered, to the "briefings.requests" logger.

    The request gets an id, as `request.id`, that is echoed in the X-Request-ID response
    header and ends the line of any error django.request logs for it. Headers, cookies and
    bodies are never logged.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.id = request_id_for(request)
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        response[REQUEST_ID_HEADER] = request.id
        fields = [f"method={request.method}", f"path={escape_uri_path(request.path)}"]
        if query := request.META.get("QUERY_STRING"):
            fields.append(f'query="{masked_query(query)}"')
        fields += [
            f"status={response.status_code}",
            f"duration_ms={duration_ms:.1f}",
            f"request_id={request.id}",
            f"user={user_for(request)}",
        ]
        logger.info(" ".join(fields))
        return response


class RequestIdFilter(logging.Filter):
    """End django.request's records (500s and their tracebacks) with the request's id."""

    def filter(self, record):
        request_id = getattr(getattr(record, "request", None), "id", None)
        if request_id and not hasattr(record, "request_id"):
            record.request_id = request_id
            # The id passed SANE_REQUEST_ID or is hex: it holds no % to upset formatting.
            record.msg = f"{record.msg} request_id={request_id}"
        return True


class StdoutHandler(logging.StreamHandler):
    """Write to whatever sys.stdout is at the time, as logging's last-resort handler does.

    A stream fixed when logging is configured outlives a replaced stdout, such as pytest's
    capture, and then fails on a closed file.
    """

    def __init__(self, level=logging.NOTSET):
        logging.Handler.__init__(self, level)

    @property
    def stream(self):
        return sys.stdout
