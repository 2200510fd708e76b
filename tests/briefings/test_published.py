"""The one definition of public: which briefings, quotes and FAQ entries readers may see, and when."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from briefings.models import Briefing, FAQEntry, Quote
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled_briefing():
    return factories.BriefingFactory(
        title="Out next week", published_at=timezone.now() + datetime.timedelta(days=7)
    )


@pytest.fixture
def hidden_briefings(draft_briefing, scheduled_briefing):
    """One briefing in every state readers must not see."""
    return [
        draft_briefing,
        factories.BriefingFactory(
            title="Waiting for the editor", status=Briefing.Status.IN_REVIEW, published_at=None
        ),
        factories.BriefingFactory(title="Withdrawn", status=Briefing.Status.ARCHIVED),
        scheduled_briefing,
    ]


def test_published_briefings_whose_time_has_come_are_public(published_briefing, hidden_briefings):
    assert list(Briefing.objects.published()) == [published_briefing]


@pytest.mark.parametrize(
    "status", [Briefing.Status.DRAFT, Briefing.Status.IN_REVIEW, Briefing.Status.ARCHIVED]
)
def test_a_briefing_that_is_not_published_stays_hidden_even_with_a_past_date(status):
    factories.BriefingFactory(status=status)

    assert not Briefing.objects.published().exists()


def test_a_scheduled_briefing_is_hidden_until_its_time(scheduled_briefing):
    assert not Briefing.objects.published().exists()
    assert list(Briefing.objects.scheduled()) == [scheduled_briefing]
    assert scheduled_briefing.is_public is False


def test_a_scheduled_briefing_becomes_public_by_itself_once_its_time_passes(scheduled_briefing):
    a_week_and_a_minute_later = timezone.now() + datetime.timedelta(days=7, minutes=1)

    with mock.patch("django.utils.timezone.now", return_value=a_week_and_a_minute_later):
        assert list(Briefing.objects.published()) == [scheduled_briefing]
        assert not Briefing.objects.scheduled().exists()
        assert scheduled_briefing.is_public is True


def test_a_briefing_is_public_from_the_very_second_it_is_published_at(scheduled_briefing):
    with mock.patch("django.utils.timezone.now", return_value=scheduled_briefing.published_at):
        assert list(Briefing.objects.published()) == [scheduled_briefing]


def test_quotes_used_by_a_public_briefing_are_public(published_briefing, hidden_briefings):
    public_quote = factories.QuoteFactory(text="Said in public.")
    factories.BriefingQuoteFactory(briefing=published_briefing, quote=public_quote)
    for briefing in hidden_briefings:
        factories.BriefingQuoteFactory(briefing=briefing, quote=public_quote)
        factories.BriefingQuoteFactory(briefing=briefing)

    assert list(Quote.objects.published()) == [public_quote]


def test_a_quote_used_by_no_briefing_is_not_public():
    factories.QuoteFactory()

    assert not Quote.objects.published().exists()


def test_a_quote_in_a_scheduled_briefing_becomes_public_with_it(scheduled_briefing):
    quote = factories.BriefingQuoteFactory(briefing=scheduled_briefing).quote
    assert not Quote.objects.published().exists()

    with mock.patch(
        "django.utils.timezone.now",
        return_value=scheduled_briefing.published_at + datetime.timedelta(seconds=1),
    ):
        assert list(Quote.objects.published()) == [quote]


def test_general_faq_entries_and_those_on_public_briefings_are_public(
    published_briefing, hidden_briefings
):
    general = factories.FAQEntryFactory(briefing=None, question="What is NATO?")
    on_public = factories.FAQEntryFactory(briefing=published_briefing)
    for briefing in hidden_briefings:
        factories.FAQEntryFactory(briefing=briefing)

    assert set(FAQEntry.objects.published()) == {general, on_public}


def test_faq_entries_of_a_briefing_that_is_withdrawn_disappear(published_briefing):
    factories.FAQEntryFactory(briefing=published_briefing)

    published_briefing.status = Briefing.Status.ARCHIVED
    published_briefing.save()

    assert not FAQEntry.objects.published().exists()
