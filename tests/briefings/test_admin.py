"""The admin as editors see it until the editor-workspace issue: every model listed and editable."""

import datetime

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    [
        "actor",
        "briefing",
        "correction",
        "faqentry",
        "office",
        "place",
        "quote",
        "source",
        "tenure",
        "topic",
    ],
)
def test_every_model_has_a_list_and_an_add_form_for_editors(client, editor, model):
    client.force_login(editor)

    assert client.get(reverse(f"admin:briefings_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:briefings_{model}_add")).status_code == 200


def test_the_quote_list_prints_dates_as_precisely_as_they_are_known(client, editor):
    factories.QuoteFactory(said_on=datetime.date(2022, 2, 1), said_on_precision="month")
    client.force_login(editor)

    page = client.get(reverse("admin:briefings_quote_changelist")).content.decode()

    assert "Feb 2022" in page
    assert "1 Feb 2022" not in page


def test_a_duplicate_quote_entered_in_the_admin_is_refused_with_a_message_not_a_crash(
    client, editor
):
    existing = factories.QuoteFactory(text="Weapons are the way to peace.")
    client.force_login(editor)

    response = client.post(
        reverse("admin:briefings_quote_add"),
        {
            "text": "  “Weapons are the way to  peace.”",
            "language": "en",
            "speaker": existing.speaker.pk,
            "verification": "reported",
        },
    )

    assert response.status_code == 200
    assert "This speaker&#x27;s quote is stored already" in response.content.decode()
    assert existing.speaker.quotes.count() == 1


def test_a_quote_marked_verified_without_a_source_is_refused_in_the_admin(client, editor):
    speaker = factories.ActorFactory()
    client.force_login(editor)

    response = client.post(
        reverse("admin:briefings_quote_add"),
        {
            "text": "We will see.",
            "language": "en",
            "speaker": speaker.pk,
            "verification": "verified",
        },
    )

    assert response.status_code == 200
    assert "A verified quote needs its primary source" in response.content.decode()
    assert not speaker.quotes.exists()
