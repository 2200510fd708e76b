"""Entity linking: saving a briefing records who it names; the page links their first mentions."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from briefings import linking, services
from briefings.models import BriefingActor
from tests import factories
from tests.briefings.test_admin import form_data

pytestmark = pytest.mark.django_db

BODY = """\
## Talks in Alaska

Donald Trump met Vladimir Putin. Trump’s envoy said TRUMP would call again, and Putin agreed.

```
Putin in a code block is not a mention.
```

A [link about Putin](https://example.org/putin) is not one either.

## Europe's answer

Trump's allies in Europe waited; Mark Rutte spoke for NATO.
"""


@pytest.fixture
def people(db):
    trump = factories.ActorFactory(name="Donald Trump", slug="donald-trump")
    factories.ActorAliasFactory(actor=trump, name="Trump")
    putin = factories.ActorFactory(name="Vladimir Putin", slug="vladimir-putin")
    factories.ActorAliasFactory(actor=putin, name="Putin")
    rutte = factories.ActorFactory(name="Mark Rutte", slug="mark-rutte")
    nato = factories.ActorFactory(name="NATO", slug="nato", kind="igo")
    starmer = factories.ActorFactory(name="Keir Starmer", slug="keir-starmer")
    return {"trump": trump, "putin": putin, "rutte": rutte, "nato": nato, "starmer": starmer}


def save(briefing, editor):
    return services.briefing_save(briefing=briefing, by=editor)


def links(briefing):
    return {
        row.actor.slug: (row.role, row.mention_count, row.curated, row.excluded)
        for row in BriefingActor.objects.filter(briefing=briefing).select_related("actor")
    }


def test_saving_records_every_named_actor_with_counts(people, editor_user):
    briefing = save(factories.BriefingFactory.build(body=BODY, standfirst="Summit."), editor_user)
    assert links(briefing) == {
        # Title case, capitals, possessives with either apostrophe; not in code or link text.
        "donald-trump": ("mentioned", 4, False, False),
        "vladimir-putin": ("mentioned", 2, False, False),
        "mark-rutte": ("mentioned", 1, False, False),
        "nato": ("mentioned", 1, False, False),
    }


def test_a_later_edit_updates_counts_and_drops_actors_no_longer_named(people, editor_user):
    briefing = save(factories.BriefingFactory.build(body=BODY, standfirst="Summit."), editor_user)
    briefing.body = "Only Mark Rutte and Rutte's NATO remain."
    save(briefing, editor_user)
    assert links(briefing) == {
        "mark-rutte": ("mentioned", 1, False, False),
        "nato": ("mentioned", 1, False, False),
    }


def test_pinned_and_excluded_rows_are_the_editors(people, editor_user):
    briefing = save(factories.BriefingFactory.build(body=BODY, standfirst="Summit."), editor_user)
    BriefingActor.objects.create(
        briefing=briefing, actor=people["starmer"], role="subject", curated=True
    )
    BriefingActor.objects.filter(briefing=briefing, actor=people["putin"]).update(excluded=True)
    briefing.body = "Nothing about anyone now."
    save(briefing, editor_user)
    # The pin stays though the text never names Starmer; the exclusion stays with a zero count.
    assert links(briefing) == {
        "keir-starmer": ("subject", 0, True, False),
        "vladimir-putin": ("mentioned", 0, False, True),
    }


def test_speakers_of_the_briefings_quotes_are_quoted(people, editor_user):
    briefing = save(factories.BriefingFactory.build(body=BODY, standfirst="Summit."), editor_user)
    quote = factories.QuoteFactory(speaker=people["starmer"])
    factories.BriefingQuoteFactory(briefing=briefing, quote=quote)
    factories.BriefingQuoteFactory(
        briefing=briefing, quote=factories.QuoteFactory(speaker=people["rutte"])
    )
    save(briefing, editor_user)
    found = links(briefing)
    assert found["keir-starmer"] == ("quoted", 0, False, False)
    assert found["mark-rutte"] == ("quoted", 1, False, False)


def test_the_page_links_the_first_mention_per_section_never_in_code_links_or_headings(
    people, editor_user, client
):
    briefing = factories.BriefingFactory.build(
        body=BODY.replace("## Europe's answer", "## What Putin wants"),
        standfirst="Summit.",
        status="published",
        published_at=timezone.now(),
    )
    save(briefing, editor_user)
    html = client.get(briefing.get_absolute_url()).content.decode()
    body = html[html.index('id="talks-in-alaska"') :]
    mentions = re.findall(r'<a class="actor-mention" href="([^"]+)">([^<]+)</a>', body)
    assert mentions == [
        # First section: each actor once, at the first mention.
        ("/actors/donald-trump/", "Donald Trump"),
        ("/actors/vladimir-putin/", "Vladimir Putin"),
        # Second section starts afresh; the heading's "Putin" is not linked.
        ("/actors/donald-trump/", "Trump's"),
        ("/actors/mark-rutte/", "Mark Rutte"),
        ("/actors/nato/", "NATO"),
    ]
    assert "<code>Putin in a code block is not a mention.\n</code>" in body
    assert (
        '<a href="https://example.org/putin" rel="nofollow noopener">link about Putin</a>' in body
    )


def test_an_excluded_actor_is_neither_linked_listed_nor_in_their_feed(people, editor_user, client):
    briefing = factories.BriefingFactory.build(
        body=BODY, standfirst="Summit.", status="published", published_at=timezone.now()
    )
    save(briefing, editor_user)
    BriefingActor.objects.filter(briefing=briefing, actor=people["putin"]).update(excluded=True)
    page = client.get(briefing.get_absolute_url()).content.decode()
    assert "/actors/vladimir-putin/" not in page
    assert "/actors/donald-trump/" in page
    actor_page = client.get(people["putin"].get_absolute_url()).content.decode()
    assert briefing.title not in actor_page
    feed = client.get(reverse("briefings:actor_feed", kwargs={"slug": "vladimir-putin"}))
    assert briefing.title not in feed.content.decode()
    listing = client.get(reverse("briefings:briefing_list"), {"actor": "vladimir-putin"})
    assert briefing.title not in listing.content.decode()


def test_link_first_mentions_keeps_the_html_intact():
    trump = factories.ActorFactory.build(pk=1, name="Donald Trump", slug="donald-trump")
    html = (
        "<h2>Trump</h2><p>Tom &amp; Trump&#x27;s <em>plan</em> &lt;b&gt;</p>"
        "<pre><code>Trump</code></pre><p>Trump again</p>"
    )
    linked = linking.link_first_mentions(html, [(trump, ["Donald Trump", "Trump"])])
    assert linked == (
        "<h2>Trump</h2><p>Tom &amp; "
        '<a class="actor-mention" href="/actors/donald-trump/">Trump\'s</a> <em>plan</em> &lt;b&gt;</p>'
        "<pre><code>Trump</code></pre><p>Trump again</p>"
    )


def test_admin_rows_added_by_an_editor_are_pinned(people, editor_user, client):
    """An actor the editor adds on the form stays listed however the text changes."""
    briefing = save(factories.BriefingFactory.build(body="No names.", standfirst="S."), editor_user)
    client.force_login(editor_user)
    change = reverse("admin:briefings_briefing_change", args=[briefing.pk])
    data = form_data(client.get(change))
    data.update(
        {
            "body": "Putin spoke.",
            "actor_links-TOTAL_FORMS": "1",
            "actor_links-0-actor": people["starmer"].pk,
            "actor_links-0-role": "subject",
        }
    )
    response = client.post(change, data)
    assert response.status_code == 302
    assert links(briefing) == {
        "keir-starmer": ("subject", 0, True, False),
        "vladimir-putin": ("mentioned", 1, False, False),
    }


def test_the_name_index_is_reused_until_names_change(people):
    index = linking.name_index()
    assert linking.name_index() is index  # nothing changed: no rebuild
    factories.ActorAliasFactory(actor=people["starmer"], name="Starmer")
    with_alias = linking.name_index()
    assert with_alias.counts("Starmer spoke.") == {people["starmer"].pk: 1}
    people["rutte"].name = "Mark Rutte Jr"
    people["rutte"].save()
    assert linking.name_index().counts("Mark Rutte Jr spoke.") == {people["rutte"].pk: 1}
