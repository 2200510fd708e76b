"""The briefing page's linked body is computed once per body and set of actor names."""

import pytest

from briefings import linking
from tests import factories

BODY = "<h2>Talks</h2><p>Mark Rutte met the envoy. Later, Rutte spoke again.</p>"


@pytest.fixture
def calls(monkeypatch):
    seen = []
    original = linking.link_first_mentions

    def counting(*args, **kwargs):
        seen.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(linking, "link_first_mentions", counting)
    return seen


@pytest.mark.django_db
def test_the_same_body_and_names_are_linked_once(calls):
    rutte = factories.ActorFactory(name="Mark Rutte")
    actors = [(rutte, ["Mark Rutte", "Rutte"])]

    first = linking.cached_link_first_mentions(BODY, actors)
    second = linking.cached_link_first_mentions(BODY, actors)

    assert first == second
    assert first.count('class="actor-mention"') == 1
    assert f'href="{rutte.get_absolute_url()}"' in first
    assert len(calls) == 1


@pytest.mark.django_db
def test_a_new_alias_a_new_address_or_a_new_body_is_linked_afresh(calls):
    rutte = factories.ActorFactory(name="Mark Rutte")
    linking.cached_link_first_mentions(BODY, [(rutte, ["Mark Rutte"])])

    with_alias = linking.cached_link_first_mentions("<p>Rutte spoke.</p>", [(rutte, ["Rutte"])])
    rutte.slug = "mark-rutte-nato"
    moved = linking.cached_link_first_mentions(BODY, [(rutte, ["Mark Rutte"])])

    assert 'class="actor-mention"' in with_alias
    assert 'href="/actors/mark-rutte-nato/"' in moved
    assert len(calls) == 3


@pytest.mark.django_db
def test_the_briefing_page_shows_linked_mentions_from_the_cache_after_the_first_view(client, calls):
    rutte = factories.ActorFactory(name="Mark Rutte")
    briefing = factories.BriefingFactory(body="## Talks\n\nMark Rutte met the envoy.")
    factories.BriefingActorFactory(briefing=briefing, actor=rutte)

    pages = [client.get(briefing.get_absolute_url()).content.decode() for _ in range(2)]

    assert all(f'<a class="actor-mention" href="{rutte.get_absolute_url()}">' in p for p in pages)
    assert len(calls) == 1
