"""Hostile input in the admin: a search of thousands of words is a list, not a server error."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

MANY_WORDS = "+".join(["ab"] * 3000)


@pytest.mark.parametrize("model", ["briefing", "quote", "actor", "source", "faqentry", "topic"])
def test_a_search_of_thousands_of_words_searches_the_first_few_and_says_so(client, editor, model):
    factories.BriefingFactory(title="ab ab ab")
    client.force_login(editor)

    response = client.get(reverse(f"admin:briefings_{model}_changelist") + f"?q={MANY_WORDS}")

    assert response.status_code == 200
    notes = [str(message) for message in response.context["messages"]]
    assert notes == ["Searched for the first 8 words: ab ab ab ab ab ab ab ab"]


def test_the_first_words_still_find_what_they_name(client, editor):
    factories.BriefingFactory(title="Grain corridor escorts")
    client.force_login(editor)

    response = client.get(
        reverse("admin:briefings_briefing_changelist") + "?q=grain+corridor+" + MANY_WORDS
    )

    assert response.status_code == 200
    assert "Grain corridor escorts" not in response.content.decode()  # "ab" is not in its title
    narrow = client.get(reverse("admin:briefings_briefing_changelist") + "?q=grain+corridor")
    assert "Grain corridor escorts" in narrow.content.decode()


def test_an_autocomplete_of_thousands_of_words_answers(client, editor):
    client.force_login(editor)

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": " ".join(["ab"] * 3000),
            "app_label": "briefings",
            "model_name": "briefingquote",
            "field_name": "quote",
        },
    )

    assert response.status_code == 200
    assert response.json()["results"] == []
