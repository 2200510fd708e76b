"""factory_boy factories for the domain; each builds a valid object with the fewest fields set."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from briefings.models import (
    Actor,
    ActorAlias,
    Briefing,
    BriefingActor,
    BriefingQuote,
    Correction,
    FAQEntry,
    Office,
    Place,
    Quote,
    Source,
    Tenure,
    Topic,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: slugify(topic.name))
    description = "What this topic covers."


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.LazyAttribute(lambda place: slugify(place.name))
    kind = Place.Kind.REGION


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    slug = factory.LazyAttribute(lambda actor: slugify(actor.name))
    kind = Actor.Kind.PERSON
    short_description = "Politician"


class ActorAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorAlias

    actor = factory.SubFactory(ActorFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")
    kind = ActorAlias.Kind.TRANSLITERATION
    language = "en"


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    title = factory.Sequence(lambda n: f"Secretary General {n}")
    organisation = factory.SubFactory(
        ActorFactory, kind=Actor.Kind.IGO, short_description="Alliance"
    )


class TenureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenure

    actor = factory.SubFactory(ActorFactory)
    office = factory.SubFactory(OfficeFactory)
    started_on = datetime.date(2020, 1, 1)
    ended_on = None


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://example.org/documents/{n}")
    title = factory.Sequence(lambda n: f"Document {n}")
    publisher = "Example Publisher"
    kind = Source.Kind.TRANSCRIPT


class BriefingFactory(factory.django.DjangoModelFactory):
    """A published briefing; pass `status=Briefing.Status.DRAFT` for a draft."""

    class Meta:
        model = Briefing
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Briefing number {n}")
    slug = factory.LazyAttribute(lambda briefing: slugify(briefing.title))
    standfirst = "What changed, and why it matters."
    body = "## First section\n\nSome analysis.\n\n## Second section\n\nMore analysis."
    kind = Briefing.Kind.ANALYSIS
    status = Briefing.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class BriefingActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BriefingActor

    briefing = factory.SubFactory(BriefingFactory)
    actor = factory.SubFactory(ActorFactory)
    role = BriefingActor.Role.MENTIONED
    mention_count = 1


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    text = factory.Sequence(lambda n: f"We will keep talking, said for the {n}th time.")
    speaker = factory.SubFactory(ActorFactory)
    said_on = datetime.date(2025, 2, 24)
    said_on_precision = "day"
    verification = Quote.Verification.REPORTED


class BriefingQuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BriefingQuote

    briefing = factory.SubFactory(BriefingFactory)
    quote = factory.SubFactory(QuoteFactory)
    order = factory.Sequence(lambda n: n)


class FAQEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQEntry

    question = factory.Sequence(lambda n: f"What is question {n}?")
    answer = "An answer with **emphasis**."
    briefing = factory.SubFactory(BriefingFactory)


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    briefing = factory.SubFactory(BriefingFactory)
    text = "An earlier version gave the wrong date for the summit."
