"""Connected actors: who appears with whom in public briefings, and the picture on the actor page."""

import datetime
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from briefings.models import Actor
from reader import charts
from reader.views import CONNECTED_ACTORS, NETWORK_ACTORS
from tests import factories

pytestmark = pytest.mark.django_db

LONG_NAME = "Organisation for Security and Co-operation in Europe"


def briefing_with(*actors, **fields):
    briefing = factories.BriefingFactory(**fields)
    for actor in actors:
        factories.BriefingActorFactory(briefing=briefing, actor=actor)
    return briefing


def draft_with(*actors):
    return briefing_with(*actors, status="draft", published_at=None)


def scheduled_with(*actors):
    return briefing_with(*actors, published_at=timezone.now() + datetime.timedelta(days=3))


def excluded(briefing, actor):
    link = briefing.actor_links.get(actor=actor)
    link.excluded = True
    link.save()


def shared_counts(actor):
    return [(other.name, other.shared_count) for other in Actor.objects.connected_to(actor)]


def network_svg(response):
    """The connections picture on an actor page, parsed; None if the page has none."""
    match = re.search(r'<svg class="network".*?</svg>', response.content.decode(), re.DOTALL)
    return ET.fromstring(match.group(0)) if match else None


def sidebar(response):
    content = response.content.decode()
    return content[content.index('id="section-connected"') : content.index("</aside>")]


# The query


def test_connected_actors_are_ranked_by_shared_public_briefings_then_by_name():
    actor, often, sometimes, also_sometimes = (
        factories.ActorFactory(name=name) for name in ["Mark Rutte", "Zelensky", "Macron", "Tusk"]
    )
    for _ in range(3):
        briefing_with(actor, often)
    briefing_with(actor, sometimes, also_sometimes)
    briefing_with(actor, also_sometimes)
    briefing_with(sometimes, also_sometimes)  # without the actor: no connection

    assert shared_counts(actor) == [("Zelensky", 3), ("Tusk", 2), ("Macron", 1)]


def test_an_actor_is_not_connected_to_itself_and_an_actor_alone_to_nobody():
    actor = factories.ActorFactory()
    briefing_with(actor)

    assert shared_counts(actor) == []


def test_drafts_and_scheduled_briefings_connect_nobody():
    actor, other = factories.ActorFactory(), factories.ActorFactory(name="Seen once in public")
    briefing_with(actor, other)
    draft_with(actor, other)
    scheduled_with(actor, other)
    draft_with(actor, factories.ActorFactory(name="Only in a draft"))
    scheduled_with(actor, factories.ActorFactory(name="Only in a scheduled briefing"))

    assert shared_counts(actor) == [("Seen once in public", 1)]


def test_an_excluded_mention_counts_on_neither_side():
    actor = factories.ActorFactory()
    namesake = factories.ActorFactory(name="Namesake")
    other = factories.ActorFactory(name="Other")
    # The text names someone else called like `namesake`: no connection for them either way.
    briefing = briefing_with(actor, namesake, other)
    excluded(briefing, namesake)
    # Here it is `actor` whose name means someone else: the briefing connects nobody to it.
    elsewhere = briefing_with(actor, other)
    excluded(elsewhere, actor)

    assert shared_counts(actor) == [("Other", 1)]
    assert shared_counts(namesake) == []
    assert ("Namesake", 1) not in shared_counts(other)


@pytest.mark.parametrize("size", [1, 30])
def test_the_connections_are_one_query_whatever_the_size(django_assert_num_queries, size):
    actor = factories.ActorFactory()
    others = factories.ActorFactory.create_batch(size)
    for index in range(size):
        briefing_with(actor, *others[: index + 1])
    draft_with(actor, *others)

    with django_assert_num_queries(1):
        connected = list(Actor.objects.connected_to(actor))

    assert [other.shared_count for other in connected] == list(range(size, 0, -1))


# The layout


def long_names(count=8):
    names = [
        LONG_NAME,
        "North Atlantic Treaty Organization",
        "Volodymyr Oleksandrovych Zelensky",
        "Bureau of Industry and Security",
        "International Atomic Energy Agency",
        "Ursula von der Leyen",
        "Alliance of Sahel States",
        "Xi",
    ]
    return [(name, count - index, f"/actors/{index}/") for index, name in enumerate(names[:count])]


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def circle_box(x, y, r):
    return (x - r, y - r, x + r, y + r)


@pytest.mark.parametrize("count", range(1, NETWORK_ACTORS + 1))
def test_no_label_overlaps_another_label_or_a_circle_and_all_stay_inside(count):
    network = charts.connection_network(long_names(count))

    nodes = network.nodes
    for a, b in itertools.combinations(nodes, 2):
        assert not overlap(a.label_box, b.label_box), (a.lines, b.lines)
    for node, other in itertools.product(nodes, nodes):
        assert not overlap(node.label_box, circle_box(other.x, other.y, other.r)), node.lines
    centre = circle_box(network.cx, network.cy, network.r)
    for node in nodes:
        left, top, right, bottom = node.label_box
        assert left >= 0 and right <= network.width, node.lines
        assert top >= 0 and bottom <= network.height, node.lines
        assert not overlap(node.label_box, centre)


def test_the_strongest_connection_is_at_the_top_and_weight_shows_in_lines_and_circles():
    network = charts.connection_network(
        [("Strong", 6, "/a/"), ("Weak", 1, "/b/"), ("Mid", 3, "/c/")]
    )

    strong, weak, mid = network.nodes
    assert strong.y < min(weak.y, mid.y, network.cy)
    assert strong.x == network.cx
    assert strong.stroke_width > mid.stroke_width > weak.stroke_width
    assert strong.opacity > mid.opacity > weak.opacity
    assert strong.r > mid.r > weak.r


def test_long_names_wrap_or_end_in_an_ellipsis_and_short_ones_are_whole():
    network = charts.connection_network(long_names())

    by_name = {node.name: node for node in network.nodes}
    assert by_name["Xi"].lines == ("Xi",)
    assert not by_name["Xi"].truncated
    cut = by_name[LONG_NAME]
    assert cut.truncated
    assert cut.lines[-1].endswith("…")
    assert all(len(node.lines) <= charts.SIDE_LABEL_LINES for node in network.nodes)


def test_nothing_to_draw_is_no_network():
    assert charts.connection_network([]) is None


# The actor page


def test_the_actor_page_draws_a_linked_node_per_connected_actor_beside_the_text_list(client):
    actor = factories.ActorFactory(name="Mark Rutte")
    others = [factories.ActorFactory(name=f"Leader {n:02}") for n in range(CONNECTED_ACTORS)]
    for index, other in enumerate(others):
        for _ in range(CONNECTED_ACTORS - index):
            briefing_with(actor, other)

    response = client.get(actor.get_absolute_url())

    svg = network_svg(response)
    assert svg.get("aria-hidden") == "true"
    assert svg.get("viewBox").startswith("0 0 ")
    links = svg.findall("a")
    assert [a.get("href") for a in links] == [o.get_absolute_url() for o in others[:NETWORK_ACTORS]]
    assert all(a.get("tabindex") == "-1" for a in links)
    assert svg.find("a/title").text == f"Leader 00: {CONNECTED_ACTORS} shared briefings"
    # The text list stays the accessible equivalent, and lists more than the picture.
    text_list = sidebar(response).split("</figure>")[1]
    for index, other in enumerate(others):
        count = CONNECTED_ACTORS - index
        assert f'<a href="{other.get_absolute_url()}">{other.name}</a>' in text_list
        assert re.search(
            rf"{other.name}</a>\s*<span class=\"count\">{count}"
            rf"<span class=\"visually-hidden\"> shared briefing{'s' if count > 1 else ''}</span>",
            text_list,
        )


def test_a_long_name_is_cut_in_the_picture_and_whole_in_its_title_and_the_list(client):
    actor = factories.ActorFactory()
    long = factories.ActorFactory(name=LONG_NAME)
    others = [long, *factories.ActorFactory.create_batch(7)]
    briefing_with(actor, *others)

    response = client.get(actor.get_absolute_url())

    svg = network_svg(response)
    node = next(a for a in svg.findall("a") if a.get("href") == long.get_absolute_url())
    label = " ".join(tspan.text for tspan in node.iter("tspan"))
    assert label.endswith("…")
    assert label != LONG_NAME
    assert node.find("title").text == f"{LONG_NAME}: 1 shared briefing"
    assert f">{LONG_NAME}</a>" in sidebar(response)


def test_connections_only_in_drafts_or_excluded_show_neither_picture_nor_list(client):
    actor = factories.ActorFactory()
    namesake = factories.ActorFactory(name="A namesake")
    draft_with(actor, factories.ActorFactory(name="Only in a draft"))
    excluded(briefing_with(actor, namesake), namesake)

    response = client.get(actor.get_absolute_url())

    assert network_svg(response) is None
    assert 'id="section-connected"' not in response.content.decode()
    assert "Only in a draft" not in response.content.decode()
