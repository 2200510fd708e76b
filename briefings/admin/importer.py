"""The admin's "Import briefing" page: paste or upload, see what will be created, then confirm.

The preview runs the real import and rolls it back (`import_briefing(commit=False)`), so it
shows exactly what confirming creates. The text travels back with the confirmation in the same
textarea, so an uploaded file is read once.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from briefings import policies
from briefings.importer.service import ImportFailed, import_briefing, read_upload


class ImportForm(forms.Form):
    text = forms.CharField(
        label="Paste the briefing",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "vLargeTextField import-text"}),
        help_text="Markdown (optionally with YAML front matter) or plain text: the first line "
        "is the title, the first paragraph the standfirst, short lines without final "
        "punctuation are section headings, and a “Frequently asked questions” heading "
        "starts the FAQ.",
    )
    file = forms.FileField(
        label="Or upload a file",
        required=False,
        help_text="A .md or .txt file in UTF-8, a Word document (.docx) or a saved web page "
        "(.html).",
    )
    publish = forms.BooleanField(
        label="Publish at once",
        required=False,
        help_text="Otherwise the briefing is created as a draft.",
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), data.get("text", "")
        if upload is not None:
            try:
                data["text"] = read_upload(upload)
            except ImportFailed as error:
                raise forms.ValidationError({"file": str(error)}) from error
        elif not text.strip():
            raise forms.ValidationError(
                {"text": "Paste the text of a briefing here, or choose a file below."}
            )
        return data


class ImportBriefingMixin:
    """Adds /admin/briefings/briefing/import/ to the briefing admin."""

    import_template = "admin/briefings/briefing/import.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="briefings_briefing_import",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_import": policies.can_import(request.user),
        }
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        if not policies.can_import(request.user):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        report, choices = None, _choices(request.POST)
        if request.method == "POST" and form.is_valid():
            commit = "_import" in request.POST
            try:
                report = import_briefing(
                    form.cleaned_data["text"],
                    by=request.user,
                    publish=form.cleaned_data["publish"],
                    commit=commit,
                    **choices,
                )
            except ImportFailed as error:
                for name, problems in error.errors.items():
                    target = "file" if request.FILES and name == "text" else "text"
                    for problem in problems:
                        form.add_error(target, _labelled(name, problem))
            except PermissionDenied as refusal:
                form.add_error("publish", str(refusal))
            else:
                if commit:
                    self.message_user(request, report.summary(), messages.SUCCESS)
                    change = reverse("admin:briefings_briefing_change", args=[report.briefing.pk])
                    return HttpResponseRedirect(change)
                # The confirmation posts the text itself, whatever the preview was made from.
                form = ImportForm(
                    initial={
                        "text": form.cleaned_data["text"],
                        "publish": form.cleaned_data["publish"],
                    }
                )
        for quote in report.quotes if report else ():
            for similar in quote.similar:  # the checkbox offering it, ticked as the editor left it
                similar.choice = f"{quote.line}:{similar.pk}"
                similar.chosen = choices["reuse_quotes"].get(quote.line) == similar.pk
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import briefing",
            "form": form,
            "report": report,
            "chosen_actors": set(choices["create_actors"]) if report else set(),
            "media": self.media + form.media,
        }
        return TemplateResponse(request, self.import_template, context)


def _choices(data):
    """The editor's choices in a preview: the candidates to create as actors, and the similar
    stored quotes to reuse ("line:id" values); a value that is not one is ignored."""
    reuse = {}
    for value in data.getlist("reuse_quote"):
        line, _, pk = value.partition(":")
        if line.isdigit() and pk.isdigit() and len(line) < 10 and len(pk) < 19:
            reuse[int(line)] = int(pk)
    names = [name.strip()[:200] for name in data.getlist("create_actor")[:50] if name.strip()]
    return {"create_actors": names, "reuse_quotes": reuse}


def _labelled(name, problem):
    """A model field's error, saying which field of the briefing it is about."""
    if name in ("text", "__all__"):
        return problem
    return f"{name.replace('_', ' ').capitalize()}: {problem}"
