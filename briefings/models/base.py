"""What every model shares: timestamps, and Markdown fields rendered on save."""

from django import forms
from django.conf import settings
from django.db import models

from briefings.markdown import render_markdown_with_toc


def normalise_text(text):
    """Line breaks as \\n, no white space around: what a form sends back for the stored text."""
    if not isinstance(text, str):
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


class _NewlineNormalisingCharField(forms.CharField):
    def to_python(self, value):
        return normalise_text(super().to_python(value))


class NormalisedTextField(models.TextField):
    """A TextField stored with \\n line breaks and no surrounding white space.

    Browsers send a textarea's line breaks as \\r\\n, and forms strip white space; storing the
    text in that same form means an untouched form saves nothing new.
    """

    def get_prep_value(self, value):
        return normalise_text(super().get_prep_value(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": _NewlineNormalisingCharField, **kwargs})


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


def markdown_help(what):
    return (
        f"{what} in Markdown: **bold**, _italic_, [links](https://example.org), ## headings, "
        "lists, tables and footnotes. HTML tags are shown as text."
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
