"""Speakers an import creates come from a draft's text: readers see them only once a public
briefing names them or an editor has reviewed them."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from briefings import services
from briefings.importer.service import import_briefing
from briefings.models import Actor
from tests.api.conftest import authenticate

pytestmark = pytest.mark.django_db

TEXT = """\
Harbour closures in the north

Two harbours closed to foreign ships this week.

What happened

“We closed them for safety reasons,” said port authority chief Ilse Varga on Friday.
"""


@pytest.fixture
def imported(editor_user, django_capture_on_commit_callbacks):
    # The import commits in production; its search vectors are refreshed on commit.
    with django_capture_on_commit_callbacks(execute=True):
        report = import_briefing(TEXT, by=editor_user)
    (speaker,) = report.new_actors
    return report.briefing, speaker


def reader_sees(client, speaker):
    """Every public place an actor can appear, for an anonymous reader."""
    api = APIClient()
    return {
        "page": client.get(speaker.get_absolute_url()).status_code == 200,
        "list": speaker.name in client.get(reverse("briefings:actor_list")).content.decode(),
        "sitemap": speaker.slug in client.get("/sitemap.xml").content.decode(),
        "feed": client.get(reverse("briefings:actor_feed", args=[speaker.slug])).status_code == 200,
        "search": speaker.name in client.get("/search/", {"q": "Varga"}).content.decode(),
        "autocomplete": "Varga"
        in api.get("/api/v1/search/autocomplete/", {"q": "Varg"}).content.decode(),
        "api list": speaker.name in api.get("/api/v1/actors/", {"page_size": 100}).content.decode(),
        "api detail": api.get(f"/api/v1/actors/{speaker.pk}/").status_code == 200,
    }


def test_an_unreviewed_speaker_of_a_draft_appears_nowhere_public(client, imported):
    _briefing, speaker = imported
    assert speaker.needs_review
    assert not any(reader_sees(client, speaker).values()), reader_sees(client, speaker)


def test_staff_see_the_unreviewed_speaker(client, imported, editor_user):
    _briefing, speaker = imported
    client.force_login(editor_user)
    assert client.get(speaker.get_absolute_url()).status_code == 200
    api = authenticate(APIClient(), editor_user)
    assert api.get(f"/api/v1/actors/{speaker.pk}/").status_code == 200


def test_publishing_the_briefing_makes_the_speaker_public(client, imported, editor_user):
    briefing, speaker = imported
    services.briefing_publish(briefing=briefing, by=editor_user)
    assert all(reader_sees(client, speaker).values()), reader_sees(client, speaker)


def test_a_reviewed_speaker_is_public_like_any_actor(client, imported):
    _briefing, speaker = imported
    Actor.objects.filter(pk=speaker.pk).update(needs_review=False)
    seen = reader_sees(client, speaker)
    # Reviewed, but still only in a draft: the page, lists and API show the actor; the feed
    # is empty and search finds the name.
    assert seen["page"] and seen["list"] and seen["sitemap"] and seen["api detail"]
