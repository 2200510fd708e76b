"""Sources: the documents quotes and briefings cite, one row per normalised URL."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import models
from simple_history.models import HistoricalRecords

from .base import NormalisedCharField, TimeStampedModel, created_by_field

_TRACKING_PARAMETERS = {"fbclid", "gclid", "mc_cid", "mc_eid", "ref_src", "igshid"}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url):
    """The canonical form of a URL, so that one document is stored once.

    Lower-cases the scheme and host, drops the default port, the fragment, tracking parameters
    (utm_*, fbclid …) and a trailing slash; keeps everything else as it was.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith("utm_") and key.lower() not in _TRACKING_PARAMETERS
        ]
    )
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    return urlunsplit((scheme, host, path, query, ""))


class Source(TimeStampedModel):
    class Kind(models.TextChoices):
        TRANSCRIPT = "transcript", "Transcript"
        OFFICIAL_STATEMENT = "official_statement", "Official statement"
        VIDEO = "video", "Video"
        PRESS_REPORT = "press_report", "Press report"
        GOVERNMENT_DOCUMENT = "government_document", "Government document"
        ANALYSIS = "analysis", "Analysis"
        SOCIAL_POST = "social_post", "Social media post"

    url = models.URLField(
        "URL",
        max_length=1000,
        unique=True,
        help_text="Where the document lives. Stored in a canonical form (no tracking parameters, "
        "no #fragment), so the same document is entered once.",
    )
    title = NormalisedCharField(max_length=300, help_text="The document's own title.")
    publisher = NormalisedCharField(
        max_length=200,
        blank=True,
        help_text="Who published it, e.g. “NATO”, “Reuters”, “Office of the President”.",
    )
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.PRESS_REPORT)
    published_on = models.DateField(
        null=True, blank=True, help_text="When the document was published."
    )
    accessed_on = models.DateField(
        null=True, blank=True, help_text="When an editor last checked it."
    )
    archive_url = models.URLField(
        "archived copy",
        max_length=1000,
        blank=True,
        help_text="A copy in a web archive, in case the page changes.",
    )
    needs_review = models.BooleanField(
        default=False,
        help_text="Added by a contributor or an import; not public until an editor checks it and clears this.",
    )
    created_by = created_by_field(
        "Who added it; a contributor may change what they added until an editor reviews it."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "title"]

    def __str__(self):
        return f"{self.title} ({self.publisher})" if self.publisher else self.title

    def clean(self):
        if self.url:  # a missing URL is reported by the field's own validation
            self.prepare()  # check uniqueness against the URL save() will store

    def prepare(self, *, render=None):
        """The derived field (see MarkdownRenderMixin.prepare): the URL in its canonical form.

        So that a document is stored once. `render` is unused: every model's prepare() takes it.
        """
        self.url = normalise_url(self.url)

    def save(self, *args, **kwargs):
        self.prepare()
        super().save(*args, **kwargs)
