"""The domain model: briefings, actors and their offices, quotes, sources, FAQ entries, topics, places."""

from .actor import Actor, ActorAlias, ActorRedirect, Office, Tenure
from .base import TimeStampedModel
from .briefing import Briefing, BriefingActor, BriefingQuote, Correction
from .faq import FAQEntry
from .quote import Quote, normalise_quote_text
from .source import Source, normalise_url
from .taxonomy import Place, Topic

__all__ = [
    "Actor",
    "ActorAlias",
    "ActorRedirect",
    "Briefing",
    "BriefingActor",
    "BriefingQuote",
    "Correction",
    "FAQEntry",
    "Office",
    "Place",
    "Quote",
    "Source",
    "Tenure",
    "TimeStampedModel",
    "Topic",
    "normalise_quote_text",
    "normalise_url",
]
