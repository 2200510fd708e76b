"""What every model shares: timestamps, text fields stored clean, and Markdown rendered on save."""

from django import forms
from django.conf import settings
from django.core import validators
from django.db import models
from django.db.models.query_utils import DeferredAttribute

from briefings.markdown import MarkdownValidator, render_markdown_with_toc
from briefings.text import clean_text


class _CleanTextFormField(forms.CharField):
    multiline = True

    def to_python(self, value):
        return clean_text(super().to_python(value), multiline=self.multiline)


class _CleanLineFormField(_CleanTextFormField):
    multiline = False


class _CleanText(DeferredAttribute):
    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = clean_text(value, multiline=self.field.multiline)


class _CleanTextMixin:
    """Stored as `briefings.text.clean_text` leaves it, whatever the path to the database.

    The value is cleaned as it is assigned (a form, the API, the importer, a command, a factory,
    a row read back), so validation, the fields `prepare()` derives from it (rendered Markdown,
    a quote's compared text) and the answer to the client all see the text as it is stored: a
    value of nothing but control characters is refused as blank. `to_python` cleans too, for
    what skips the instance: `update()`, lookups and deserialised backups. Rows read back are
    scanned again (a linear scan, about 7 ns a character): 0.1 to 0.5 ms of an uncached page.
    """

    descriptor_class = _CleanText
    multiline = True

    def to_python(self, value):
        return clean_text(super().to_python(value), multiline=self.multiline)

    def formfield(self, **kwargs):
        form_class = _CleanTextFormField if self.multiline else _CleanLineFormField
        return super().formfield(**{"form_class": form_class, **kwargs})


class NormalisedTextField(_CleanTextMixin, models.TextField):
    """A TextField stored with \\n line breaks, no control characters and no surrounding white
    space (`briefings.text.clean_text`).

    Browsers send a textarea's line breaks as \\r\\n, and forms strip white space; storing the
    text in that same form means an untouched form saves nothing new. A `max_length` is
    enforced on every path, as a CharField's is (a plain TextField only tells the form).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))


class MarkdownField(NormalisedTextField):
    """A NormalisedTextField holding Markdown, rendered on save (`MarkdownRenderMixin`).

    `max_length` is required and enforced wherever the text comes from (forms, the API, the
    importer's full_clean), and so is `briefings.markdown.MarkdownValidator`: a text the page
    could only show as plain paragraphs is refused with the reason.
    """

    def __init__(self, *args, max_length, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MarkdownValidator(max_length))


class NormalisedCharField(_CleanTextMixin, models.CharField):
    """A CharField for one line of free text (a title, a name), stored clean like
    NormalisedTextField, with each run of tabs and line breaks made one space."""

    multiline = False


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class MarkdownRenderMixin:
    """Renders each `<field>` listed in `markdown_fields` into `<field>_html` before saving."""

    markdown_fields = ()

    def render_markdown_fields(self, render=None):
        """Fill each `<field>_html`; `render` as for `prepare`."""
        render = render or render_markdown_with_toc
        for field in self.markdown_fields:
            setattr(self, f"{field}_html", render(getattr(self, field))[0])

    def prepare(self, *, render=None):
        """Compute the fields derived from the others, as save() does before writing the row.

        Bulk writers (the backup restore, the corpus generator) call this themselves, since
        bulk_create skips save(). `render` is a `briefings.markdown.Renderer`, or any function
        with its output for a text: (HTML, table of contents). Bulk writers pass one shared
        renderer, or one that returns HTML rendered in worker processes; by default each text
        gets a renderer of its own.
        """
        self.render_markdown_fields(render)


def markdown_help(what, limit):
    return (
        f"{what} in Markdown: **bold**, _italic_, [links](https://example.org), ## headings, "
        f"lists, tables and footnotes. HTML tags are shown as text. At most {limit:,} characters."
    )


class SearchableQuerySet(models.QuerySet):
    """A searchable model's rows; `briefings.search.filter_queryset(queryset, q)` searches them
    (the models know nothing of search: search knows the models)."""


def created_by_field(help_text):
    """Who added a row: contributors may change what they added while the rules allow it."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=help_text,
    )


def search_vector_field(help_text="Kept up to date by briefings.search (PostgreSQL only)."):
    """A stored search vector: written by briefings.search.vectors, never by a form."""
    from django.contrib.postgres.search import SearchVectorField

    return SearchVectorField(null=True, editable=False, help_text=help_text)


def search_public_from_field():
    """When a quote or FAQ entry became public, kept by briefings.search.vectors for search."""
    return models.DateTimeField(
        null=True,
        editable=False,
        help_text="Kept by briefings.search: from when this is public, for fast search filters.",
    )
