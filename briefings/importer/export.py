"""Writes a briefing as Markdown with YAML front matter, in the form the importer reads back."""

import datetime
import re

import yaml

from briefings.markdown import QUOTE_REFERENCE, placed_quotes

# A quote reference alone in its paragraph, as the body places a quote.
_PLACED = re.compile(
    rf"(?:^|(?<=\n\n))[ \t]{{0,3}}{QUOTE_REFERENCE.pattern}[ \t]*(?=\n[ \t]*\n|\n?\Z)"
)


def export_markdown(briefing) -> str:
    """The briefing's front matter, standfirst, body, quotes and FAQ, as one Markdown document.

    `briefings.importer.parse.parse()` reads it back into the same parts: the quotes come as
    blockquotes with a dash attribution — where the body places them, else in a "Quotes"
    section — and the FAQ as ### questions.
    """
    linked = {
        link.quote_id: link.quote
        for link in briefing.quote_links.order_by("order", "pk").select_related(
            "quote__speaker", "quote__tenure__office"
        )
    }
    placed = {pk for pk in placed_quotes(briefing.body_html) if pk in linked}
    body = _PLACED.sub(
        lambda m: _quote_markdown(linked[int(m[1])]) if int(m[1]) in placed else m[0],
        briefing.body,
    )
    quotes = [_quote_markdown(quote) for pk, quote in linked.items() if pk not in placed]
    faq = [
        f"### {entry.question}\n\n{entry.answer}"
        for entry in briefing.faq_entries.order_by("order", "pk")
    ]
    parts = [
        _front_matter(briefing),
        # One paragraph, or the importer would read only the first as the standfirst.
        " ".join(briefing.standfirst.split()),
        body,
        "## Quotes\n\n" + "\n\n".join(quotes) if quotes else "",
        "## Frequently asked questions\n\n" + "\n\n".join(faq) if faq else "",
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def _front_matter(briefing):
    fields = {"title": briefing.title, "slug": briefing.slug, "type": str(briefing.kind)}
    if briefing.published_at:
        fields["published_at"] = briefing.published_at.astimezone(datetime.UTC)
    if briefing.information_as_of:
        fields["information_as_of"] = briefing.information_as_of
    fields["topics"] = list(briefing.topics.order_by("name").values_list("name", flat=True))
    fields["places"] = list(briefing.places.order_by("name").values_list("name", flat=True))
    fields["authors"] = list(
        briefing.authors.order_by("username").values_list("username", flat=True)
    )
    # Lists of names in flow style ([A, B]); a long title stays on one line.
    yaml_text = yaml.safe_dump(
        fields, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000
    )
    return f"---\n{yaml_text}---"


def _quote_markdown(quote):
    """> text, then > — Speaker, attribution as written (else the office held, else nothing)."""
    role = quote.attributed_as or (quote.tenure.office.title if quote.tenure else "")
    speaker = f"{quote.speaker.name}, {role}" if role else quote.speaker.name
    lines = [f"> {line}" if line.strip() else ">" for line in quote.text.splitlines()]
    return "\n".join([*lines, ">", f"> — {speaker}"])
