"""Partial dates: known to the day, the month or the year, and how they print, compare and store."""

import datetime

import pytest

from briefings.dates import DatePrecision, PartialDate
from tests import factories

date = datetime.date


@pytest.mark.parametrize(
    ("precision", "printed", "iso"),
    [
        ("day", "24 Feb 2025", "2025-02-24"),
        ("month", "Feb 2025", "2025-02"),
        ("year", "2025", "2025"),
    ],
)
def test_a_partial_date_prints_only_what_is_known(precision, printed, iso):
    partial = PartialDate(date(2025, 2, 24), precision)

    assert str(partial) == printed
    assert partial.isoformat() == iso


def test_a_day_in_the_first_week_prints_without_a_leading_zero():
    assert str(PartialDate(date(2025, 3, 5))) == "5 Mar 2025"


def test_a_partial_date_is_exact_to_the_day_unless_told_otherwise():
    assert str(PartialDate(date(2025, 2, 24))) == "24 Feb 2025"


def test_a_date_known_to_the_day_begins_and_ends_that_day():
    partial = PartialDate(date(2025, 2, 24), DatePrecision.DAY)

    assert (partial.earliest, partial.latest) == (date(2025, 2, 24), date(2025, 2, 24))


@pytest.mark.parametrize(
    ("month", "last_day"),
    [
        (date(2024, 2, 1), date(2024, 2, 29)),
        (date(2025, 2, 1), date(2025, 2, 28)),
        (date(1900, 2, 1), date(1900, 2, 28)),
        (date(2025, 4, 1), date(2025, 4, 30)),
        (date(2025, 12, 1), date(2025, 12, 31)),
        (date(2025, 1, 1), date(2025, 1, 31)),
    ],
)
def test_a_month_runs_from_its_first_to_its_last_day(month, last_day):
    partial = PartialDate(month, DatePrecision.MONTH)

    assert (partial.earliest, partial.latest) == (month, last_day)


def test_a_year_runs_from_the_first_of_january_to_new_years_eve():
    partial = PartialDate(date(2024, 1, 1), DatePrecision.YEAR)

    assert (partial.earliest, partial.latest) == (date(2024, 1, 1), date(2024, 12, 31))


@pytest.mark.parametrize(
    ("precision", "stored"),
    [
        ("day", date(2025, 2, 24)),
        ("month", date(2025, 2, 1)),
        ("year", date(2025, 1, 1)),
        ("", date(2025, 2, 24)),
        (None, date(2025, 2, 24)),
    ],
)
def test_normalising_keeps_a_month_as_its_first_day_and_a_year_as_new_year(precision, stored):
    partial = PartialDate.normalised(date(2025, 2, 24), precision)

    assert partial.date == stored
    assert partial.precision == (precision or "day")


def test_an_unknown_precision_is_refused():
    with pytest.raises(ValueError, match="decade"):
        PartialDate.normalised(date(2025, 2, 24), "decade")


def test_the_date_said_of_a_quote_reads_as_a_partial_date():
    quote = factories.QuoteFactory.build(said_on=date(2025, 2, 24), said_on_precision="month")

    assert quote.said == PartialDate(date(2025, 2, 24), "month")
    assert str(quote.said) == "Feb 2025"


def test_a_quote_with_no_date_said_has_no_partial_date():
    quote = factories.QuoteFactory.build(said_on=None, said_on_precision="")

    assert quote.said is None


def test_setting_the_date_said_stores_its_normalised_form():
    quote = factories.QuoteFactory.build()

    quote.said = PartialDate(date(2025, 2, 24), "year")

    assert (quote.said_on, quote.said_on_precision) == (date(2025, 1, 1), "year")


def test_clearing_the_date_said_clears_its_precision():
    quote = factories.QuoteFactory.build(said_on=date(2025, 2, 24), said_on_precision="day")

    quote.said = None

    assert (quote.said_on, quote.said_on_precision) == (None, "")


@pytest.mark.django_db
def test_a_date_said_survives_a_round_trip_through_the_database():
    quote = factories.QuoteFactory()
    quote.said = PartialDate(date(2025, 2, 24), "month")
    quote.save()

    quote.refresh_from_db()

    assert quote.said == PartialDate(date(2025, 2, 1), "month")
    assert quote.said.isoformat() == "2025-02"
