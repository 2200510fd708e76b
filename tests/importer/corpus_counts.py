"""How much of each corpus article's expected structure `parse()` finds, as a table (or JSON).

Run it with `uv run python -m tests.importer.corpus_counts [--json]`. Every article of
tests/importer/corpus is read the way an upload is: `.txt` and `.md` files as they are, and the
saved web pages and Word documents that `page_html` and `docx_bytes` build from html_sources/ and
docx_sources/ through `to_markdown` first. Only `parse()` runs: no database is touched.

The builders live here so that tests/importer/test_corpus_formats.py, which imports them, and
this report read the very same pages and documents. Nothing that needs Django is imported until
an article is read, so importing this module has no side effects.
"""

import argparse
import html
import io
import json
import os
import re
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import yaml
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

CORPUS = Path(__file__).parent / "corpus"
HTML_SOURCES = CORPUS / "html_sources"
DOCX_SOURCES = CORPUS / "docx_sources"

# The simple Markdown of the sources: bold, emphasis, footnote references and links, in the order
# they are tried at each position.
_INLINE = re.compile(
    r"\*\*(?P<bold>[^*]+)\*\*"
    r"|\*(?P<em>[^*]+)\*"
    r"|\[\^(?P<note>[^\]]+)\]"
    r"|\[(?P<link>[^\]]+)\]\((?P<url>[^)\s]+)\)"
)
_ORDERED_ITEM = re.compile(r"\d+\.\s")
_NOTE_DEFINITION = re.compile(r"\[\^(?P<id>[^\]]+)\]:\s*(?P<text>.*)")


def _source_blocks(markdown):
    """The sources' Markdown as (kind, lines) blocks: heading, paragraph, quote, ul, ol, note.

    A paragraph's lines are kept apart: in the sources, a line break inside a paragraph is a new
    line the author typed ("Q: …" then "A: …").
    """
    blocks = []
    for chunk in re.split(r"\n\s*\n", markdown.strip()):
        lines = [line.rstrip() for line in chunk.splitlines()]
        first = lines[0]
        if first.startswith("#"):
            blocks.append(("heading", lines))
        elif first.startswith(">"):
            if blocks and blocks[-1][0] == "quote":  # "> …", ">", "> — …" with blank lines
                blocks[-1][1].extend(lines)
            else:
                blocks.append(("quote", lines))
        elif first.startswith("- "):
            blocks.append(("ul", [line[2:] for line in lines]))
        elif _ORDERED_ITEM.match(first):
            blocks.append(("ol", [_ORDERED_ITEM.sub("", line, count=1) for line in lines]))
        elif _NOTE_DEFINITION.match(first):
            blocks.append(("note", lines))
        else:
            blocks.append(("paragraph", lines))
    return blocks


def _quote_paragraphs(lines):
    """A block quote's paragraphs: its lines without "> ", split at the empty ">" lines."""
    paragraphs, current = [], []
    for line in lines:
        text = line.lstrip(">").strip()
        if text:
            current.append(text)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


# Saved web pages ------------------------------------------------------------------------------


def _inline_html(text):
    out, at = [], 0
    for match in _INLINE.finditer(text):
        out.append(html.escape(text[at : match.start()], quote=False))
        if match["bold"]:
            out.append(f"<strong>{html.escape(match['bold'], quote=False)}</strong>")
        elif match["em"]:
            out.append(f"<em>{html.escape(match['em'], quote=False)}</em>")
        elif match["link"]:
            out.append(
                f'<a href="{html.escape(match["url"])}">{html.escape(match["link"], quote=False)}</a>'
            )
        else:
            out.append(html.escape(match[0], quote=False))
        at = match.end()
    out.append(html.escape(text[at:], quote=False))
    return "".join(out)


def _body_html(markdown, inline_ads):
    """The article body as HTML; `inline_ads` maps a paragraph's number to the ad after it."""
    out, paragraphs = [], 0
    for kind, lines in _source_blocks(markdown):
        if kind == "heading":
            level = len(lines[0]) - len(lines[0].lstrip("#"))
            out.append(f"<h{level}>{_inline_html(lines[0].lstrip('#').strip())}</h{level}>")
        elif kind == "quote":
            inner = "".join(f"<p>{_inline_html(p)}</p>" for p in _quote_paragraphs(lines))
            out.append(f"<blockquote>{inner}</blockquote>")
        elif kind in ("ul", "ol"):
            items = "".join(f"<li>{_inline_html(item)}</li>" for item in lines)
            out.append(f"<{kind}>{items}</{kind}>")
        else:
            out.append(f"<p>{_inline_html(' '.join(lines))}</p>")
            paragraphs += 1
            if ad := inline_ads.get(paragraphs):
                out.append(
                    '<div class="ad ad-inline" data-ad-slot="in-article">'
                    f'<span class="ad-label">{html.escape(ad, quote=False)}</span></div>'
                )
    return "\n".join(out)


def _slug(text):
    return re.sub(r"\W+", "-", text.lower()).strip("-")


def _links(items, css_class=""):
    attribute = f' class="{css_class}"' if css_class else ""
    return "".join(
        f'<li{attribute}><a href="/{_slug(item)}">{html.escape(item, quote=False)}</a></li>'
        for item in items
    )


def _footer(items):
    """The footer's links, and its copyright line as text."""
    links = [item for item in items if not item.startswith("©")]
    notices = "".join(
        f'<p class="copyright">{html.escape(item, quote=False)}</p>'
        for item in items
        if item.startswith("©")
    )
    return f"<ul>{_links(links, 'footer-item')}</ul>{notices}"


def page_html(name):
    """html_sources/<name>.md wrapped in the chrome its .page.yaml describes: a saved web page."""
    page = yaml.safe_load((HTML_SOURCES / f"{name}.page.yaml").read_text())
    body = (HTML_SOURCES / f"{name}.md").read_text()
    ads = {ad["position"]: ad["text"] for ad in page.get("ads") or []}
    inline_ads = {
        int(position.rpartition("_")[2]): text
        for position, text in ads.items()
        if position.startswith("after_paragraph_")
    }
    title, author, date = page["title"], page["author"], str(page["date"])
    site = page["site_name"]
    esc = html.escape

    crumbs = _links(page.get("breadcrumbs") or [])
    share = "".join(
        f'<li><button type="button" class="share-button">{esc(label)}</button></li>'
        for label in page.get("share_widget") or []
    )
    related = "".join(
        f'<li><a href="{esc(item["url"])}">{esc(item["title"])}</a></li>'
        for item in page.get("related") or []
    )
    optional = {
        "top_ad": f'<div class="ad ad-top" data-ad-slot="leaderboard">{esc(ads["top"])}</div>'
        if "top" in ads
        else "",
        "sidebar_ad": f'<div class="ad ad-sidebar" data-ad-slot="mpu">{esc(ads["sidebar"])}</div>'
        if "sidebar" in ads
        else "",
        "cookies": f"""<div id="cookie-banner" class="cookie-consent" role="dialog">
  <p>{esc(page["cookie_banner"])}</p><button type="button">OK</button></div>"""
        if page.get("cookie_banner")
        else "",
        "newsletter": f"""<div class="newsletter-signup">
    <p>{esc(page["newsletter_box"])}</p>
    <form action="/newsletter" method="post"><input type="email" name="email"
      placeholder="Your email"><button type="submit">Sign up</button></form></div>"""
        if page.get("newsletter_box")
        else "",
        "paywall": f"""<div class="paywall-notice" data-paywall="meter">
    <p>{esc(page["paywall_notice"])}</p><a class="button" href="/subscribe">Subscribe</a></div>"""
        if page.get("paywall_notice")
        else "",
        "author_box": f"""<aside class="author-bio"><img src="/img/author.jpg" alt="">
    <p>{esc(page["author_box"])}</p></aside>"""
        if page.get("author_box")
        else "",
        "comments": f"""<section id="comments" class="comments">
  <h2 class="comments-title">{esc(page["comments"])}</h2>
  <form class="comment-form"><textarea name="comment"></textarea>
  <button type="submit">Post comment</button></form></section>"""
        if page.get("comments")
        else "",
    }
    return f"""<!DOCTYPE html>
<html lang="{esc(page.get("lang", "en"))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | {esc(site)}</title>
<meta name="author" content="{esc(author)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{esc(site)}">
<meta property="og:title" content="{esc(title)}">
<meta property="og:url" content="{esc(page["url"])}">
<meta property="article:published_time" content="{esc(date)}T07:00:00+00:00">
<link rel="canonical" href="{esc(page["url"])}">
<link rel="stylesheet" href="/static/site.css">
<script async src="https://ads.example.net/tag.js"></script>
</head>
<body class="article-page">
{optional["cookies"]}
<header class="site-header">
  <a class="logo" href="/">{esc(site)}</a>
  <nav class="main-nav" aria-label="Main"><ul>{_links(page.get("navigation") or [], "nav-item")}</ul></nav>
</header>
{optional["top_ad"]}
<main id="content">
  <nav class="breadcrumbs" aria-label="Breadcrumb"><ol>{crumbs}</ol></nav>
  <article class="post">
    <header class="post-header">
      <h1 class="headline">{esc(title)}</h1>
      <div class="post-meta"><span class="author">By <a rel="author"
        href="/authors/{_slug(author)}">{esc(author)}</a></span>
        <time datetime="{esc(date)}T07:00:00+00:00">{esc(date)}</time></div>
      <ul class="share-tools">{share}</ul>
    </header>
    <div class="post-body">
{_body_html(body, inline_ads)}
    </div>
    {optional["newsletter"]}
    {optional["paywall"]}
    {optional["author_box"]}
  </article>
  <aside class="related-articles"><h2>Related</h2><ul>{related}</ul></aside>
  {optional["comments"]}
  <aside class="sidebar">{optional["sidebar_ad"]}</aside>
</main>
<footer class="site-footer">{_footer(page.get("footer") or [])}</footer>
<script>window.dataLayer = window.dataLayer || [];</script>
</body>
</html>
"""


# Word documents -------------------------------------------------------------------------------

# Markdown heading levels as Word styles, the way Word's authors use them: the document's Title,
# sections in Heading 1 and their subheadings in Heading 2. mammoth reads the Title and Heading 1
# both as <h1> and Heading 2 as <h2>; the importer takes the first <h1> as the title.
_HEADING_STYLES = {1: "Title", 2: "Heading 1", 3: "Heading 2"}


def _add_runs(paragraph, text, notes):
    """`text`'s simple Markdown as runs of `paragraph`: bold, italic, hyperlinks and footnote
    references (`notes` maps a footnote's label to its number in the document)."""
    at = 0
    for match in _INLINE.finditer(text):
        if match.start() > at:
            paragraph.add_run(text[at : match.start()])
        if match["bold"]:
            paragraph.add_run(match["bold"]).bold = True
        elif match["em"]:
            paragraph.add_run(match["em"]).italic = True
        elif match["link"]:
            _hyperlink(paragraph, match["link"], match["url"])
        else:
            _footnote_reference(paragraph, notes[match["note"]])
        at = match.end()
    if at < len(text):
        paragraph.add_run(text[at:])


def _hyperlink(paragraph, text, url):
    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    paragraph._p.append(
        parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:rPr>'
            '<w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">'
            f"{escape(text)}</w:t></w:r></w:hyperlink>"
        )
    )


def _footnote_reference(paragraph, number):
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{number}"/>'))
    run.font.superscript = True


def _footnotes_part(document, texts):
    """python-docx has no footnote API: the footnotes part, with Word's two separator notes."""
    notes = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
        for number, text in enumerate(texts, start=1)
    )
    blob = (
        f"<w:footnotes {nsdecls('w')}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
        f"{notes}</w:footnotes>"
    ).encode()
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        blob,
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def docx_bytes(name):
    """docx_sources/<name>.md as a Word document: its title in the Title style, headings, bold
    and italic runs, bullet and numbered lists, real hyperlinks and footnotes, and block quotes
    in the Quote style."""
    blocks = _source_blocks((DOCX_SOURCES / f"{name}.md").read_text())
    definitions = [
        _NOTE_DEFINITION.fullmatch(line)
        for kind, lines in blocks
        if kind == "note"
        for line in lines
    ]
    notes = {note["id"]: number for number, note in enumerate(definitions, start=1)}
    document = docx.Document()
    for kind, lines in blocks:
        if kind == "heading":
            level = len(lines[0]) - len(lines[0].lstrip("#"))
            text = lines[0].lstrip("#").strip()
            _add_runs(document.add_paragraph(style=_HEADING_STYLES[level]), text, notes)
        elif kind == "quote":
            for text in _quote_paragraphs(lines):
                _add_runs(document.add_paragraph(style="Quote"), text, notes)
        elif kind in ("ul", "ol"):
            style = "List Bullet" if kind == "ul" else "List Number"
            for item in lines:
                _add_runs(document.add_paragraph(style=style), item, notes)
        elif kind == "paragraph":
            for line in lines:  # each line typed as its own paragraph
                _add_runs(document.add_paragraph(), line, notes)
    if definitions:
        _footnotes_part(document, [note["text"] for note in definitions])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# The corpus -----------------------------------------------------------------------------------


def article_names():
    """Every corpus article's name: its file's, or the page's or document's the set-up builds."""
    texts = sorted(
        path.name
        for path in CORPUS.iterdir()
        if path.suffix in (".txt", ".md") and path.stem != "README"
    )
    pages = [
        path.name.replace(".page.yaml", ".html")
        for path in sorted(HTML_SOURCES.glob("*.page.yaml"))
    ]
    documents = [
        f"{path.stem}.docx"
        for path in sorted(DOCX_SOURCES.glob("*.md"))
        if (DOCX_SOURCES / f"{path.stem}.expected.yaml").exists()
    ]
    return texts + pages + documents


def expected(name):
    """What the importer should make of the article `name` (tests/importer/corpus/README.md)."""
    stem, _, suffix = name.rpartition(".")
    folder = {"html": HTML_SOURCES, "docx": DOCX_SOURCES}.get(suffix, CORPUS)
    return yaml.safe_load((folder / f"{stem}.expected.yaml").read_text())


def article_bytes(name):
    """The article as a user would upload it."""
    stem, _, suffix = name.rpartition(".")
    if suffix == "html":
        return page_html(stem).encode()
    if suffix == "docx":
        return docx_bytes(stem)
    return (CORPUS / name).read_bytes()


def article_text(name):
    """The text `parse()` reads: the file's, or the Markdown a page or document converts to."""
    from briefings.importer.formats import to_markdown

    data = article_bytes(name)
    if name.endswith((".html", ".docx")):
        return to_markdown(data, name)
    return data.decode()


# Counting -------------------------------------------------------------------------------------


def _normal(text):
    return " ".join(str(text or "").split())


def _loose(text):
    """A quotation's words for pairing it with what was parsed, whatever its end punctuation."""
    return _normal(text).strip(" .,;:!?“”\"'‘’").casefold()


def _role(text):
    return _normal(text).rstrip(" .,;:")


def headings(body):
    return re.findall(r"^#{2,6} (.+)$", body, flags=re.MULTILINE)


def _count_quotes(parsed, want, mismatches):
    counts = {"expected": len(want), "found": 0, "speaker": 0, "role": 0, "parsed": len(parsed)}
    unmatched = list(parsed)
    for quote in want:
        text = _normal(quote["text"])
        match = next((found for found in unmatched if _normal(found.text) == text), None)
        if match is None:
            match = next((found for found in unmatched if _loose(found.text) == _loose(text)), None)
            if match is None:
                mismatches.append({"what": "quote not found", "expected": text, "parsed": None})
                continue
            mismatches.append(
                {"what": "quote text differs", "expected": text, "parsed": _normal(match.text)}
            )
        else:
            counts["found"] += 1
        unmatched.remove(match)
        if match.speaker.casefold() == _normal(quote["speaker"]).casefold():
            counts["speaker"] += 1
        else:
            mismatches.append(
                {
                    "what": "quote speaker",
                    "quote": text,
                    "expected": quote["speaker"],
                    "parsed": match.speaker,
                }
            )
        if _role(match.attribution) == _role(quote.get("role")):
            counts["role"] += 1
        else:
            mismatches.append(
                {
                    "what": "quote role",
                    "quote": text,
                    "expected": quote.get("role") or "",
                    "parsed": match.attribution,
                }
            )
    for extra in unmatched:
        mismatches.append(
            {
                "what": "quote not expected",
                "expected": None,
                "parsed": f"{_normal(extra.text)} — {extra.speaker}, {extra.attribution}",
            }
        )
    return counts


def _count_faq(parsed, want, mismatches):
    counts = {"expected": len(want), "found": 0, "answers": 0, "parsed": len(parsed)}
    by_question = {_normal(entry.question): entry for entry in parsed}
    for entry in want:
        question = _normal(entry["question"])
        found = by_question.pop(question, None)
        if found is None:
            mismatches.append(
                {"what": "FAQ question not found", "expected": question, "parsed": None}
            )
            continue
        counts["found"] += 1
        if _normal(found.answer).startswith(_normal(entry["answer_starts"])):
            counts["answers"] += 1
        else:
            mismatches.append(
                {
                    "what": "FAQ answer start",
                    "question": question,
                    "expected": entry["answer_starts"],
                    "parsed": _normal(found.answer)[:80],
                }
            )
    for question in by_question:
        mismatches.append(
            {"what": "FAQ question not expected", "expected": None, "parsed": question}
        )
    return counts


def count_article(name, parsed, expected):
    """Found against expected for one parsed article, as a dict of columns (each a dict of
    numbers, or None where nothing is counted yet) and the list of what did not match."""
    mismatches = []
    found_headings = headings(parsed.body)
    want_sections = expected.get("sections") or []
    sections = {
        "expected": len(want_sections),
        "found": sum(1 for section in want_sections if section in found_headings),
        "parsed": len(found_headings),
        "in_order": found_headings == want_sections,
    }
    if found_headings != want_sections:
        mismatches.append({"what": "sections", "expected": want_sections, "parsed": found_headings})
    reported = [warning for warning in parsed.warnings if "taken out of the text" in warning]
    want_boilerplate = expected.get("boilerplate") or []
    found_boilerplate = [
        line for line in want_boilerplate if any(f"“{line}”" in warning for warning in reported)
    ]
    for line in want_boilerplate:
        if line not in found_boilerplate:
            mismatches.append(
                {"what": "boilerplate not reported", "expected": line, "parsed": None}
            )
    return {
        "article": name,
        "format": expected.get("format"),
        "refused": None,
        "sections": sections,
        "quotes": _count_quotes(parsed.quotes, expected.get("quotes") or [], mismatches),
        "faq": _count_faq(parsed.faq, expected.get("faq") or [], mismatches),
        "boilerplate": {
            "expected": len(want_boilerplate),
            "found": len(found_boilerplate),
            "reported": len(reported),
        },
        "actors": None,
        "places": None,
        "mismatches": mismatches,
    }


# The knowledge base the corpus is imported against -------------------------------------------

# Real organisations a knowledge base of geopolitical briefings would hold, with the short forms
# it would list as aliases. The people and most organisations in the corpus are invented: those
# the importer must find as quoted speakers or as candidates for new actors.
KNOWN_ACTORS = {
    "European Union": ["EU"],
    "European Commission": [],
    "NATO": [],
    "United Nations": ["UN"],
    "United Nations Security Council": ["UN Security Council"],
    "G7": [],
    "Economic Community of West African States": ["ECOWAS"],
    "Alliance of Sahel States": [],
    "Africa Corps": [],
    "Islamic State": [],
    "al-Qaeda": [],
    "KFOR": [],
    "Council of Europe": [],
    "International Maritime Organization": ["IMO"],
    "World Trade Organization": ["WTO"],
    "Asian Development Bank": ["ADB"],
    "European Bank for Reconstruction and Development": ["EBRD"],
    "People's Liberation Army": ["PLA"],
    "Eastern Theater Command": [],
    "China Coast Guard": [],
    "Philippine Coast Guard": [],
    "Houthi movement": ["Houthis"],
    "Rapid Support Forces": ["RSF"],
    "Sudanese Armed Forces": ["SAF"],
    "Republika Srpska": [],
    "Northern Fleet": [],
    "US Fifth Fleet": ["Fifth Fleet"],
    "Operation Aspides": [],
    "Operation Atalanta": [],
    "Baltic Sentry": [],
    "Joint War Committee": [],
    "Lloyd's": [],
    "DP World": [],
    "Arctic Council": [],
    "Pacific Islands Forum": [],
    "Panama Canal Authority": [],
    "Suez Canal Authority": [],
    "Senate Foreign Relations Committee": [],
    "Codelco": [],
    "SQM": [],
    "Corfo": [],
    "YLB": [],
    "Moldovagaz": [],
    "Arktikugol": [],
    "Inatsisartut": [],
    "Entreprise Générale du Cobalt": [],
}


def knowledge_base():
    """Create what the corpus is imported against: every country (with its ISO code), every
    other place and every topic the corpus's expected files name, and KNOWN_ACTORS with their
    aliases."""
    from django.utils.text import slugify

    from briefings.models import Actor, ActorAlias, Place, Topic
    from briefings.place_forms import FORMS, code_for

    places = {name: code for code, (name, _) in FORMS.items()}
    topics = set()
    for name in article_names():
        want = expected(name)
        for place in [*(want.get("places") or []), *(want.get("meta") or {}).get("places", [])]:
            if code_for(place) is None:
                places.setdefault(place, "")
        topics.update((want.get("meta") or {}).get("topics") or [])
    # What the database holds already (the demo's content, say) is left as it is.
    topics -= set(Topic.objects.values_list("name", flat=True))
    Topic.objects.bulk_create(Topic(name=name, slug=slugify(name)) for name in sorted(topics))
    for name in Place.objects.values_list("name", flat=True):
        places.pop(name, None)
    taken = set(Place.objects.values_list("slug", flat=True)) | set(
        Place.objects.exclude(iso_code="").values_list("iso_code", flat=True)
    )
    places = {
        name: code
        for name, code in places.items()
        if slugify(name) not in taken and (not code or code not in taken)
    }
    Place.objects.bulk_create(
        Place(name=name, slug=slugify(name) or f"place-{n}", iso_code=code)
        for n, (name, code) in enumerate(sorted(places.items()))
    )
    for name, aliases in KNOWN_ACTORS.items():
        if Actor.objects.matching_name(name).exists() or Actor.objects.filter(slug=slugify(name)):
            continue
        actor = Actor.objects.create(name=name, slug=slugify(name), kind=Actor.Kind.OTHER)
        ActorAlias.objects.bulk_create(ActorAlias(actor=actor, name=alias) for alias in aliases)


def _place_key(name):
    from briefings.place_forms import code_for

    return code_for(name) or name


def count_import(report, want, mismatches):
    """Actors and places of an import (`import_briefing(commit=False)`) against expected.

    An expected actor is found when the text names it by a name or alias the knowledge base
    knows, when it is quoted, or when it is listed as a candidate for a new actor; an expected
    place when the text names it (whatever the front matter lists).
    """
    from briefings import linking

    known = {actor.name for actor in report.actors_named}
    quoted = {quote.speaker.name for quote in report.quotes}
    candidates = {candidate.name for candidate in report.candidates}
    named = known | quoted | candidates
    want_actors = want.get("actors") or []
    folded = {linking.fold_name(name) for name in named}
    found_actors = [name for name in want_actors if linking.fold_name(name) in folded]
    wanted_folded = {linking.fold_name(name) for name in want_actors}
    extra = sorted(name for name in candidates if linking.fold_name(name) not in wanted_folded)
    for name in want_actors:
        if name not in found_actors:
            mismatches.append({"what": "actor not found", "expected": name, "parsed": None})
    if extra:
        mismatches.append({"what": "candidates not expected", "expected": None, "parsed": extra})
    places = {_place_key(place.name) for place in report.places_in_text}
    want_places = [_place_key(name) for name in want.get("places") or []]
    found_places = [key for key in want_places if key in places]
    extra_places = sorted(places - set(want_places))
    for key in set(want_places) - places:
        mismatches.append({"what": "place not found", "expected": key, "parsed": None})
    if extra_places:
        mismatches.append({"what": "places not expected", "expected": None, "parsed": extra_places})
    return (
        {"expected": len(want_actors), "found": len(found_actors), "extra": len(extra)},
        {"expected": len(want_places), "found": len(found_places), "extra": len(extra_places)},
    )


def import_corpus():
    """`count_article` for every article, with actors and places from a preview import against
    `knowledge_base()` (which the caller creates, in a transaction it rolls back)."""
    from briefings.importer.service import ImportFailed, import_briefing

    rows = []
    for name in article_names():
        want = expected(name)
        try:
            report = import_briefing(article_text(name), commit=False)
        except ImportFailed as error:
            rows.append(_refused(name, want, str(error)))
            continue
        row = count_article(name, report.parsed, want)
        row["actors"], row["places"] = count_import(report, want, row["mismatches"])
        row["reported"] = [*report.warnings, *report.unclassified]
        rows.append(row)
    return rows


def count_corpus():
    """`count_article` for every corpus article; an article refused counts nothing found."""
    from briefings.importer.parse import ParseError, parse
    from briefings.importer.service import ImportFailed

    rows = []
    for name in article_names():
        want = expected(name)
        try:
            parsed = parse(article_text(name))
        except (ParseError, ImportFailed) as error:
            rows.append(_refused(name, want, str(error)))
            continue
        rows.append(count_article(name, parsed, want))
    return rows


def _refused(name, want, message):
    quotes, faq = want.get("quotes") or [], want.get("faq") or []
    return {
        "article": name,
        "format": want.get("format"),
        "refused": message,
        "sections": {
            "expected": len(want.get("sections") or []),
            "found": 0,
            "parsed": 0,
            "in_order": False,
        },
        "quotes": {"expected": len(quotes), "found": 0, "speaker": 0, "role": 0, "parsed": 0},
        "faq": {"expected": len(faq), "found": 0, "answers": 0, "parsed": 0},
        "boilerplate": {
            "expected": len(want.get("boilerplate") or []),
            "found": 0,
            "reported": 0,
        },
        "actors": None,
        "places": None,
        "mismatches": [{"what": "refused", "expected": None, "parsed": message}],
    }


def totals(rows):
    """The columns summed over every article."""
    total = {}
    for column in ("sections", "quotes", "faq", "boilerplate", "actors", "places"):
        counted = [row[column] for row in rows if row[column] is not None]
        if not counted:
            continue
        keys = [key for key, value in counted[0].items() if isinstance(value, int | bool)]
        total[column] = {key: sum(int(each[key]) for each in counted) for key in keys}
    total["refused"] = sum(1 for row in rows if row["refused"])
    return total


# Output ---------------------------------------------------------------------------------------


def _extra(sections):
    """ "+4" when four headings were read that are no expected section."""
    extra = sections["parsed"] - sections["found"]
    return f" +{extra}" if extra else ""


_COLUMNS = (
    ("sections", "sections", lambda c: f"{c['found']}/{c['expected']}{_extra(c)}"),
    ("quotes", "quotes", lambda c: f"{c['found']}/{c['expected']}"),
    ("speaker", "quotes", lambda c: f"{c['speaker']}/{c['expected']}"),
    ("role", "quotes", lambda c: f"{c['role']}/{c['expected']}"),
    ("faq", "faq", lambda c: f"{c['found']}/{c['expected']}"),
    ("answers", "faq", lambda c: f"{c['answers']}/{c['expected']}"),
    ("boilerplate", "boilerplate", lambda c: f"{c['found']}/{c['expected']} ({c['reported']})"),
    (
        "actors",
        "actors",
        lambda c: "n/a" if c is None else f"{c['found']}/{c['expected']} +{c['extra']}",
    ),
    (
        "places",
        "places",
        lambda c: "n/a" if c is None else f"{c['found']}/{c['expected']} +{c['extra']}",
    ),
)


def table(rows):
    """The counts as a plain-text table, one line an article and a line of totals."""
    header = ["article", *(title for title, _, _ in _COLUMNS)]
    lines = [
        [row["article"] + (" (refused)" if row["refused"] else "")]
        + [cell(row[column]) for _, column, cell in _COLUMNS]
        for row in rows
    ]
    total = totals(rows)
    lines.append(["TOTAL"] + [cell(total.get(column)) for _, column, cell in _COLUMNS])
    widths = [max(len(line[index]) for line in [header, *lines]) for index in range(len(header))]

    def render(cells):
        return "  ".join(
            cell.ljust(width) if index == 0 else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    rule = "-" * len(render(header))
    return "\n".join([render(header), rule, *map(render, lines[:-1]), rule, render(lines[-1])])


_LEGEND = """
Each cell is found/expected. sections: expected headings read ("+n": headings read that are no
expected section); quotes: expected quotations read word for word; speaker, role: of the expected
quotes, those read (even with other words) with the right speaker and the role as written;
faq: questions read, answers: of those, answers starting as expected; boilerplate: expected lines
reported (in brackets, every line reported as taken out of the text); actors: expected actors
named by a known name, quoted or listed as candidates ("+n": candidates not expected); places:
expected places the text names ("+n": places found that are not expected). Actors and places
are counted with --import only."""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument(
        "--mismatches", action="store_true", help="list what did not match, article by article"
    )
    parser.add_argument(
        "--import",
        dest="imports",
        action="store_true",
        help="also preview-import each article against a knowledge base created for the run "
        "in the configured database (and rolled back), to count actors and places",
    )
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    if options.imports:
        from django.db import transaction

        with transaction.atomic():
            knowledge_base()
            rows = import_corpus()
            transaction.set_rollback(True)
    else:
        rows = count_corpus()
    if options.json:
        print(json.dumps({"articles": rows, "total": totals(rows)}, ensure_ascii=False, indent=2))
        return
    print(table(rows))
    print(_LEGEND)
    if options.mismatches:
        for row in rows:
            for mismatch in row["mismatches"]:
                print(f"{row['article']}: {json.dumps(mismatch, ensure_ascii=False)}")


if __name__ == "__main__":
    main()
