"""What every model shares: timestamps, and Markdown fields rendered on save."""

from django.db import models

from briefings.markdown import render_markdown


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class MarkdownRenderMixin:
    """Renders each `<field>` listed in `markdown_fields` into `<field>_html` before saving."""

    markdown_fields = ()

    def render_markdown_fields(self):
        for field in self.markdown_fields:
            setattr(self, f"{field}_html", render_markdown(getattr(self, field)))


def markdown_help(what):
    return (
        f"{what} in Markdown: **bold**, _italic_, [links](https://example.org), ## headings, "
        "lists, tables and footnotes. HTML tags are shown as text."
    )
