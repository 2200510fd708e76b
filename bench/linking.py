"""Time the name finder (briefings/linking.py) with many aliases over a briefing-sized text.

    uv run python bench/linking.py [--names 10000] [--words 1000] [--repeat 50]

Builds an index of N invented two-word names plus a few real ones, then finds mentions in a text of
about `--words` words; prints the index build time and the median time per text.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefings.linking import NameIndex


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=50)
    options = parser.parse_args()

    names = [(n, f"Given{n} Family{n}") for n in range(options.names)]
    names += [(-1, "Volodymyr Zelensky"), (-1, "Zelensky"), (-2, "Donald Trump"), (-2, "Trump")]
    started = time.perf_counter()
    index = NameIndex(names)
    built = time.perf_counter() - started

    sentence = "Zelensky met Trump and Given7 Family7 while the ministers from Kyiv waited. "
    text = sentence * max(1, options.words // len(sentence.split()))
    times = []
    for _ in range(options.repeat):
        started = time.perf_counter()
        counts = index.counts(text)
        times.append(time.perf_counter() - started)
    print(
        f"{options.names} names indexed in {built * 1000:.1f} ms; "
        f"{len(text.split())} words: median {statistics.median(times) * 1000:.2f} ms, "
        f"{sum(counts.values())} mentions"
    )


if __name__ == "__main__":
    main()
