"""schema.org JSON-LD for reader pages, built from the same objects the templates print."""

from django.conf import settings

ARTICLE_TYPES = {
    "analysis": "AnalysisNewsArticle",
    "background": "BackgroundNewsArticle",
    "opinion": "OpinionNewsArticle",
    "reportage": "ReportageNewsArticle",
    "explainer": "NewsArticle",
}
PERSON_KINDS = {"person"}


def _url(request, obj):
    return request.build_absolute_uri(obj.get_absolute_url())


def publisher(request):
    return {
        "@type": "Organization",
        "name": settings.BRIEFINGS_SITE_NAME,
        "url": request.build_absolute_uri("/"),
    }


def website(request):
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.BRIEFINGS_SITE_NAME,
        "url": request.build_absolute_uri("/"),
        "potentialAction": {
            "@type": "SearchAction",
            "target": request.build_absolute_uri("/search/") + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }


def actor_reference(actor, request):
    """A compact Person or Organization: type, name and the profile's URL."""
    return {
        "@type": "Person" if actor.kind in PERSON_KINDS else "Organization",
        "name": actor.name,
        "url": _url(request, actor),
    }


def author(user):
    return {"@type": "Person", "name": user.get_full_name() or user.get_username()}


def briefing(briefing, request):
    """NewsArticle (by type) for the briefing, plus FAQPage when it has FAQ entries."""
    links = briefing.actor_links.all()
    article = {
        "@context": "https://schema.org",
        "@type": ARTICLE_TYPES[briefing.kind],
        "headline": briefing.title,
        "description": briefing.standfirst,
        "url": _url(request, briefing),
        "mainEntityOfPage": _url(request, briefing),
        "datePublished": briefing.published_at.isoformat() if briefing.published_at else None,
        "dateModified": briefing.updated_at.isoformat(),
        "author": [author(user) for user in briefing.authors.all()] or publisher(request),
        "publisher": publisher(request),
        "about": [
            {"@type": "Thing", "name": topic.name, "url": _url(request, topic)}
            for topic in briefing.topics.all()
        ]
        + [
            {"@type": "Place", "name": place.name, "url": _url(request, place)}
            for place in briefing.places.all()
        ],
        "mentions": [actor_reference(link.actor, request) for link in links],
        "wordCount": len(briefing.body.split()),
    }
    items = [{key: value for key, value in article.items() if value is not None}]
    entries = briefing.faq_entries.all()
    if entries:
        items.append(faq_page(entries, request))
    return items


def faq_page(entries, request):
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question,
                "url": _url(request, entry),
                "acceptedAnswer": {"@type": "Answer", "text": entry.answer_html},
            }
            for entry in entries
        ],
    }


def quotation(quote, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "text": quote.text,
        "url": _url(request, quote),
        "inLanguage": quote.language,
        "creator": actor_reference(quote.speaker, request),
    }
    if quote.said:
        data["dateCreated"] = quote.said.isoformat()
    if quote.source:
        data["isBasedOn"] = {
            "@type": "CreativeWork",
            "name": quote.source.title,
            "url": quote.source.url,
        }
    return data


def actor(actor, request):
    data = {
        "@context": "https://schema.org",
        **actor_reference(actor, request),
        "description": actor.short_description,
        "alternateName": [alias.name for alias in actor.aliases.all()],
    }
    if actor.wikidata_id:
        data["sameAs"] = [f"https://www.wikidata.org/wiki/{actor.wikidata_id}"]
    if actor.kind in PERSON_KINDS:
        data["jobTitle"] = [
            tenure.office.title for tenure in actor.tenures.all() if tenure.is_current()
        ]
        if actor.born:
            data["birthDate"] = actor.born.isoformat()
        if actor.died:
            data["deathDate"] = actor.died.isoformat()
        if actor.country:
            data["nationality"] = {"@type": "Country", "name": actor.country.name}
    else:
        if actor.born:
            data["foundingDate"] = actor.born.isoformat()
        if actor.died:
            data["dissolutionDate"] = actor.died.isoformat()
    return {key: value for key, value in data.items() if value not in ("", [], None)}
