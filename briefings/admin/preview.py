"""Live Markdown preview in the admin: an endpoint for those who write, and the mixin that wires textareas to it.

The preview is rendered by `rendered`, the function that renders the site's stored HTML,
so editors see exactly what readers will get (sanitised the same way).
"""

from django import forms
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache

from briefings import policies
from briefings.markdown import rendered

PREVIEW_URL_NAME = "briefings_markdown_preview"
PREVIEW_MAX_BYTES = 200_000
# The admin's own stylesheet: badges, diffs, previews, the attention panels.
ADMIN_MEDIA = forms.Media(css={"all": ["css/admin.css"]})


@never_cache
def markdown_preview(request):
    """POST `text`; answers {"html": …, "problem": …}, or {"error": …} with 400, 403 or 405.

    `problem` is None, or why the text is shown as plain paragraphs (the reason saving it would
    be refused: `briefings.markdown.MarkdownValidator`).
    """
    if not policies.is_contributor(request.user):
        return JsonResponse(
            {"error": "Previews are for editors and contributors: sign in to the admin."},
            status=403,
        )
    if request.method != "POST":
        return JsonResponse(
            {"error": "Send the text to preview with POST."}, status=405, headers={"Allow": "POST"}
        )
    too_long = {
        "error": f"The text is too long to preview (more than {PREVIEW_MAX_BYTES // 1000} kB)."
    }
    try:
        text = request.POST.get("text", "")
    except RequestDataTooBig:
        return JsonResponse(too_long, status=400)
    if len(text.encode()) > PREVIEW_MAX_BYTES:
        return JsonResponse(too_long, status=400)
    html, _toc, problem = rendered(text)
    return JsonResponse({"html": html, "problem": problem})


class MarkdownPreviewMixin:
    """For ModelAdmins and inlines: the fields in `markdown_preview_fields` get a live preview.

    The textarea carries the endpoint's address; static/js/markdown-preview.js does the rest.
    """

    markdown_preview_fields = ()

    @property
    def media(self):
        return super().media + ADMIN_MEDIA + forms.Media(js=["js/markdown-preview.js"])

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name in self.markdown_preview_fields:
            formfield.widget.attrs.update(
                {
                    "data-markdown-preview": reverse(f"admin:{PREVIEW_URL_NAME}"),
                    "class": "vLargeTextField markdown-input",
                }
            )
        return formfield
