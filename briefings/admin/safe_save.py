"""No lost edits: the briefing form carries the version it was opened from, and refuses a save
when someone else has saved since, saying who, when and what changed."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from briefings import services
from briefings.models import Briefing

from .diffs import visible_changes

# Changes are listed in the order the form shows the fields.
FIELD_ORDER = {field.name: index for index, field in enumerate(Briefing._meta.fields)}


def stale_edit_error(pk, loaded_version):
    """A ValidationError when the briefing was saved since `loaded_version` was loaded, else None.

    The message says who saved, when, and what changed, with a line diff for long texts, so
    that the editor can copy their own text from the form, reload, and make their changes again.
    """
    current = Briefing.objects.filter(pk=pk).first()
    if current is None or current.version == loaded_version:
        return None
    if loaded_version is None:
        return ValidationError(
            "This form does not say which version of the briefing it was opened from, so saving "
            "it could overwrite someone else's changes. Copy your changes, reload the page, and "
            "make them again.",
            code="no_version",
        )
    changes, changed_by, changed_at = services.briefing_changes_since(current, loaded_version)
    message = render_to_string(
        "admin/briefings/briefing/_stale_edit.html",
        {
            "briefing": current,
            "changed_by": changed_by,
            "changed_at": changed_at,
            "changes": visible_changes(
                Briefing,
                [
                    (change.field, change.old, change.new)
                    for change in sorted(changes, key=lambda c: FIELD_ORDER.get(c.field, 99))
                ],
            ),
            "reload_url": reverse("admin:briefings_briefing_change", args=[pk]),
        },
    )
    return ValidationError(message, code="stale")


class BriefingAdminForm(forms.ModelForm):
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        help_text="The version this form was opened from; a save based on an older one is refused.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            error = stale_edit_error(self.instance.pk, cleaned_data.get("version"))
            if error is not None:
                raise error
        return cleaned_data


class SaveRefused(Exception):
    """The service refused a save the form allowed (the briefing changed hands meanwhile)."""
