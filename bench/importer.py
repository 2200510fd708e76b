"""Time the importer: parsing alone, and a whole import (a preview, rolled back) with many actors.

    uv run python bench/importer.py [--actors 10000] [--paragraphs 60] [--repeat 10]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/briefings_bench uv run python bench/importer.py

Creates `--actors` invented actors with an alias each plus the demo content in a fresh database
(it must be empty or absent), builds a plain-text briefing of `--paragraphs` paragraphs with
sections, quotes in running text, pull quotes and an FAQ, then prints the median time of
`parse()` and of `import_briefing(commit=False)`, which does everything a real import does
(speaker matching over every name, quotes, FAQ, mentions) and then rolls it back.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from briefings import linking  # noqa: E402
from briefings.demo import load_demo_content  # noqa: E402
from briefings.importer.parse import parse  # noqa: E402
from briefings.importer.service import import_briefing  # noqa: E402
from briefings.models import Actor, ActorAlias  # noqa: E402


def briefing_text(paragraphs):
    lines = ["Shipping lanes under pressure", "", "Traffic has fallen by a third since March.", ""]
    for n in range(paragraphs):
        if n % 8 == 0:
            lines += [f"Part {n // 8 + 1} of the story", ""]
        lines.append(
            f"Paragraph {n} names Given{n} Family{n} and Mark Rutte, who met in Brussels. "
            f"“We will keep the lanes open number {n},” said NATO chief Mark Rutte on Tuesday. "
            "Insurers raised their premiums again and several carriers rerouted around the Cape."
        )
        lines.append("")
        if n % 10 == 5:
            lines += [
                f"“Escorts are the price of trade, take {n}.” – Dr. Jane Doe, Senior Fellow",
                "",
            ]
    lines += ["Frequently Asked Questions", ""]
    for n in range(5):
        lines += [f"Why does question {n} matter?", f"Because answer {n} explains it.", ""]
    return "\n".join(lines)


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--paragraphs", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=10)
    options = parser.parse_args()

    call_command("migrate", verbosity=0, stdout=io.StringIO())
    load_demo_content()
    actors = Actor.objects.bulk_create(
        Actor(name=f"Given{n} Family{n}", slug=f"given{n}-family{n}") for n in range(options.actors)
    )
    ActorAlias.objects.bulk_create(ActorAlias(actor=a, name=f"G. {a.name}") for a in actors)
    text = briefing_text(options.paragraphs)
    words = len(text.split())

    names = timed(linking.name_index, 1)  # the first call after the actors changed builds it
    parsing = timed(lambda: parse(text), options.repeat)
    index = linking.name_index()
    report = import_briefing(text, commit=False, names=index)
    importing = timed(lambda: import_briefing(text, commit=False, names=index), options.repeat)
    print(
        f"{Actor.objects.count()} actors, {ActorAlias.objects.count()} aliases; "
        f"a briefing of {words} words, {len(report.sections)} sections, "
        f"{len(report.quotes)} quotes, {len(report.faq_entries)} FAQ entries"
    )
    print(f"name index built in {names:.0f} ms (then reused until actors or aliases change)")
    print(f"parse: {parsing:.1f} ms median")
    print(f"import (preview, rolled back): {importing:.1f} ms median")


if __name__ == "__main__":
    main()
