"""A small fixed corpus for relevance tests: each query in the tests has one right answer here."""

import datetime

from django.utils import timezone

from briefings.models import Actor, ActorAlias
from tests import factories


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


def build():
    sanctions = factories.TopicFactory(name="Sanctions", slug="sanctions")
    security = factories.TopicFactory(name="European security", slug="european-security")
    ukraine = factories.PlaceFactory(name="Ukraine", slug="ukraine", kind="country")
    iran = factories.PlaceFactory(name="Iran", slug="iran", kind="country")

    zelensky = factories.ActorFactory(
        name="Volodymyr Zelensky",
        slug="volodymyr-zelensky",
        short_description="President of Ukraine",
        bio="Elected in 2019; leads the wartime government.",
    )
    for alias in ("Zelenskyy", "Zelenskiy"):
        factories.ActorAliasFactory(actor=zelensky, name=alias)
    macron = factories.ActorFactory(
        name="Emmanuel Macron", slug="emmanuel-macron", short_description="President of France"
    )
    factories.ActorAliasFactory(actor=macron, name="Macron", kind=ActorAlias.Kind.SHORT)
    factories.ActorFactory(
        name="Mark Rutte", slug="mark-rutte", short_description="NATO Secretary General"
    )
    factories.ActorFactory(
        name="Kaja Kallas", slug="kaja-kallas", kind=Actor.Kind.PERSON, short_description="EU"
    )

    b = {}
    b["grain"] = factories.BriefingFactory(
        title="Black Sea grain corridor reopens",
        slug="black-sea-grain-corridor",
        standfirst="Ships are leaving Odesa again under a new arrangement.",
        body="## Ports\n\nGrain shipments from Odesa resumed after Zelensky announced the route.\n\n"
        "## Insurance\n\nUnderwriters priced war risk for the first convoys.",
        published_at=days_ago(20),
    )
    b["grain"].places.add(ukraine)
    b["oil"] = factories.BriefingFactory(
        title="Sanctions on Russian oil exports",
        slug="sanctions-russian-oil",
        standfirst="The price cap and the shadow fleet.",
        body="## The cap\n\nThe oil price cap limits what buyers pay for Russian crude.\n\n"
        "## Enforcement\n\nTankers of the shadow fleet avoid the sanctions.",
        published_at=days_ago(40),
    )
    b["oil"].topics.add(sanctions)
    b["banks"] = factories.BriefingFactory(
        title="Sanctions on Iranian banks",
        slug="sanctions-iranian-banks",
        standfirst="Financial sanctions cut banks off from the payment network.",
        body="## Payments\n\nBanks lost access to international payment messaging.",
        published_at=days_ago(60),
    )
    b["banks"].topics.add(sanctions)
    b["banks"].places.add(iran)
    b["guarantees"] = factories.BriefingFactory(
        title="Security guarantees for Ukraine",
        slug="security-guarantees-ukraine",
        standfirst="What allies would promise, and what Macron proposed.",
        body="## Options\n\nBilateral security guarantees fall short of an alliance's article 5.",
        published_at=days_ago(400),
    )
    b["guarantees"].topics.add(security)
    b["guarantees"].places.add(ukraine)
    b["baltic"] = factories.BriefingFactory(
        title="Guarantees of security in the Baltic",
        slug="baltic-security",
        standfirst="Guarantees matter less than troops on the ground, say planners in Tallinn.",
        body="## Forward presence\n\nSecurity rests on brigades, not paper.",
        published_at=days_ago(10),
    )
    b["baltic"].topics.add(security)
    b["arctic_title"] = factories.BriefingFactory(
        title="Arctic shipping routes",
        slug="arctic-shipping-routes",
        standfirst="Melting ice opens a northern passage.",
        body="## Routes\n\nThe northern sea route shortens voyages between Asia and Europe.",
        published_at=days_ago(900),
    )
    b["arctic_body"] = factories.BriefingFactory(
        title="The High North in 2026",
        slug="high-north-2026",
        standfirst="Militaries and shipping companies move north.",
        body="## Trade\n\nArctic shipping routes, arctic ports and arctic shipping insurance are "
        "discussed at every arctic forum; shipping routes are the theme.",
        published_at=days_ago(5),
    )
    b["draft"] = factories.BriefingFactory(
        title="Secret draft on sanctions and grain",
        slug="secret-draft",
        status="draft",
        published_at=None,
        body="## Unpublished\n\nZelensky, Macron, sanctions, oil, grain, security guarantees.",
    )

    q = {}
    q["air_defence"] = factories.QuoteFactory(
        speaker=zelensky, text="We need air defence systems now, not next year."
    )
    factories.BriefingQuoteFactory(briefing=b["grain"], quote=q["air_defence"])
    q["europe"] = factories.QuoteFactory(
        speaker=macron,
        text="Europe must be able to defend itself.",
        said_on=datetime.date(2024, 4, 25),
    )
    factories.BriefingQuoteFactory(briefing=b["guarantees"], quote=q["europe"])
    q["unused"] = factories.QuoteFactory(
        speaker=macron, text="A quote no public briefing uses yet about grain."
    )
    factories.BriefingQuoteFactory(briefing=b["draft"], quote=q["unused"])

    f = {}
    f["price_cap"] = factories.FAQEntryFactory(
        briefing=b["oil"],
        question="What is a price cap on oil?",
        answer="A ceiling on the price at which buyers may use Western shipping and insurance.",
    )
    f["draft"] = factories.FAQEntryFactory(
        briefing=b["draft"], question="Why is grain in the draft?", answer="Secret."
    )
    return {"briefings": b, "quotes": q, "faqs": f, "zelensky": zelensky, "macron": macron}
