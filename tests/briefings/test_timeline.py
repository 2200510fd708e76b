"""A topic's activity over time: public briefings and the quotes they use, per month."""

import datetime
import re

import pytest
from django.utils import timezone

from reader import charts
from tests import factories

from .test_query_counts import TOPIC_QUERIES

pytestmark = pytest.mark.django_db


def month(year, number):
    return datetime.date(year, number, 1)


def at(year, number, day=15, hour=12, minute=0, tz=datetime.UTC):
    return datetime.datetime(year, number, day, hour, minute, tzinfo=tz)


def on_topic(topic, published_at, **fields):
    briefing = factories.BriefingFactory(published_at=published_at, **fields)
    briefing.topics.add(topic)
    return briefing


def quote_in(briefing, said_on, **fields):
    quote = factories.QuoteFactory(said_on=said_on, **fields)
    factories.BriefingQuoteFactory(briefing=briefing, quote=quote)
    return quote


def values(timeline, key):
    return {bar.month: bar.value for bar in timeline.series[key].bars}


# The layout


def test_empty_months_between_the_first_and_the_last_are_filled_in():
    timeline = charts.month_timeline(
        {"briefings": {month(2025, 1): 2, month(2025, 4): 1}, "quotes": {month(2025, 2): 3}},
        min_months=1,
    )

    assert timeline.months == (month(2025, 1), month(2025, 2), month(2025, 3), month(2025, 4))
    assert values(timeline, "briefings") == {
        month(2025, 1): 2,
        month(2025, 2): 0,
        month(2025, 3): 0,
        month(2025, 4): 1,
    }
    assert [bar.value for bar in timeline.series["quotes"].bars] == [0, 3, 0, 0]
    assert timeline.rows[1] == (month(2025, 2), (0, 3))


def test_each_series_is_scaled_to_its_busiest_month_and_empty_months_have_no_bar():
    timeline = charts.month_timeline(
        {"briefings": {month(2025, 1): 4, month(2025, 3): 1}, "quotes": {month(2025, 1): 1}},
        min_months=1,
    )

    january, february, march = timeline.series["briefings"].bars
    assert january.height == charts.CHART_HEIGHT - 2
    assert january.y + january.height == timeline.height
    assert february.height == 0
    assert 0 < march.height < january.height / 3
    assert timeline.series["quotes"].bars[0].height == january.height
    assert timeline.series["briefings"].peak == 4
    assert timeline.series["briefings"].total == 5


def test_a_short_history_is_shown_over_a_year_ending_with_its_last_month():
    timeline = charts.month_timeline({"briefings": {month(2025, 3): 1}, "quotes": {}})

    assert len(timeline.months) == charts.MIN_MONTHS
    assert timeline.first == month(2024, 4)
    assert timeline.last == month(2025, 3)
    assert timeline.earlier_months == 0


def test_a_long_history_is_cut_to_the_last_36_months_counting_what_is_left_out():
    timeline = charts.month_timeline(
        {
            "briefings": {month(2020, 1): 2, month(2023, 6): 1, month(2025, 12): 1},
            "quotes": {month(2019, 5): 1, month(2025, 1): 2},
        }
    )

    assert len(timeline.months) == charts.MAX_MONTHS
    assert timeline.first == month(2023, 1)
    assert timeline.last == month(2025, 12)
    assert timeline.earlier_months == 80 - charts.MAX_MONTHS  # May 2019 … Dec 2025: 80 months
    assert timeline.series["briefings"].total == 2
    assert timeline.series["briefings"].earlier == 2
    assert timeline.series["quotes"].earlier == 1


def test_the_axis_names_years_on_a_long_range_and_quarters_on_a_short_one():
    long = charts.month_timeline({"a": {month(2023, 3): 1, month(2025, 11): 1}})
    short = charts.month_timeline({"a": {month(2025, 2): 1, month(2025, 11): 1}})

    assert [(t.month, t.show_month) for t in long.ticks if t.show_year] == [
        (month(2024, 1), False),
        (month(2025, 1), False),
    ]
    assert [t.month.month for t in short.ticks if t.show_month] == [1, 4, 7, 10]
    assert [t.month for t in short.ticks if t.show_year] == [month(2025, 1)]
    assert long.ticks[0].align == "start" and long.ticks[-1].align == "end"


def test_nothing_at_all_is_no_timeline():
    assert charts.month_timeline({"briefings": {}, "quotes": {month(2025, 1): 0}}) is None


# The topic page


@pytest.fixture
def topic():
    return factories.TopicFactory(name="Sanctions")


def test_the_topic_page_counts_public_briefings_by_month_with_the_gaps_filled(client, topic):
    on_topic(topic, at(2025, 1, day=3))
    on_topic(topic, at(2025, 1, day=20))
    on_topic(topic, at(2025, 3))
    on_topic(topic, at(2025, 2), status="in_review")
    on_topic(topic, timezone.now() + datetime.timedelta(days=2))  # scheduled
    factories.BriefingFactory(published_at=at(2025, 2))  # another topic

    timeline = client.get(topic.get_absolute_url()).context["timeline"]

    counts = values(timeline, "briefings")
    assert timeline.last == month(2025, 3)
    assert [counts[month(2025, n)] for n in (1, 2, 3)] == [2, 0, 1]
    assert sum(counts.values()) == 3


def test_quotes_count_by_the_month_they_were_said_and_undated_ones_are_left_out(client, topic):
    briefing = on_topic(topic, at(2025, 3))
    other = on_topic(topic, at(2025, 3, day=20))
    shared = quote_in(briefing, datetime.date(2024, 11, 5))
    factories.BriefingQuoteFactory(briefing=other, quote=shared)  # used twice, counted once
    quote_in(briefing, datetime.date(2025, 1, 1), said_on_precision="month")
    quote_in(briefing, None, said_on_precision="")
    quote_in(other, None, said_on_precision="")
    draft = on_topic(topic, None, status="draft")
    quote_in(draft, datetime.date(2025, 2, 1))

    response = client.get(topic.get_absolute_url())

    timeline = response.context["timeline"]
    counts = values(timeline, "quotes")
    assert counts[month(2024, 11)] == 1
    assert counts[month(2025, 1)] == 1
    assert counts[month(2025, 2)] == 0
    assert timeline.series["quotes"].total == 2
    assert response.context["undated_quotes"] == 2
    assert "2 quotes without a date are left out." in response.content.decode()


def test_months_are_those_of_the_site_time_zone(client, topic, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    # 23:30 UTC on 31 January is already February in Berlin.
    on_topic(topic, at(2025, 1, day=31, hour=23, minute=30))

    timeline = client.get(topic.get_absolute_url()).context["timeline"]

    assert timeline.last == month(2025, 2)
    assert values(timeline, "briefings")[month(2025, 2)] == 1


def test_the_topic_page_shows_the_chart_with_a_table_and_a_summary(client, topic):
    briefing = on_topic(topic, at(2025, 1))
    on_topic(topic, at(2025, 3))
    quote_in(briefing, datetime.date(2024, 12, 24))

    response = client.get(topic.get_absolute_url())

    content = response.content.decode()
    assert 'id="section-activity"' in content
    assert (
        "April 2024 to March 2025: 2 briefings published, and 1 of the quotes they use said "
        "in those months." in content
    )
    assert '<div class="activity-chart" aria-hidden="true">' in content
    assert "<title>January 2025: 1 briefing</title>" in content
    assert "<title>December 2024: 1 quote</title>" in content
    rows = re.findall(
        r"<tr><th scope=\"row\">([^<]+)</th><td>(\d+)</td><td>(\d+)</td></tr>", content
    )
    assert len(rows) == 12
    assert ("January 2025", "1", "0") in rows
    assert ("February 2025", "0", "0") in rows
    assert ("December 2024", "0", "1") in rows
    assert "without a date" not in content


def test_the_page_says_when_the_chart_leaves_out_earlier_months(client, topic):
    briefing = on_topic(topic, at(2025, 6))
    on_topic(topic, at(2021, 1))
    quote_in(briefing, datetime.date(1994, 12, 5))

    content = client.get(topic.get_absolute_url()).content.decode()

    assert (
        "The chart shows the last 36 months, without 1 earlier briefing and 1 earlier quote."
        in (content)
    )


def test_a_topic_without_public_briefings_has_no_chart(client, topic):
    on_topic(topic, at(2025, 1), status="draft")

    response = client.get(topic.get_absolute_url())

    assert response.context["timeline"] is None
    assert 'id="section-activity"' not in response.content.decode()


@pytest.mark.parametrize("months", [1, 40])
def test_the_topic_page_runs_as_many_queries_however_many_months(
    client, topic, django_assert_num_queries, months
):
    for n in range(months):
        briefing = on_topic(topic, at(2022 + n // 12, n % 12 + 1))
        quote_in(briefing, datetime.date(2020 + n // 12, n % 12 + 1, 1))
        quote_in(briefing, None, said_on_precision="")

    with django_assert_num_queries(TOPIC_QUERIES):
        response = client.get(topic.get_absolute_url())

    assert response.context["undated_quotes"] == months
