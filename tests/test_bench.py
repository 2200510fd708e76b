"""The benchmark's own logic: reading wrk's output, judging the targets, writing the report,
and the baseline view it measures everything against."""

import importlib
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

from bench import hostile, suite

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:8125/briefings/x/
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    81.37ms   12.40ms 162.91ms   73.11%
    Req/Sec   196.12     21.83   240.00     71.00%
  Latency Distribution
     50%   79.97ms
     75%   86.10ms
     90%   95.33ms
     99%    1.21s
  1953 requests in 10.01s, 51.36MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    195.11
Transfer/sec:      5.13MB
"""


def test_wrk_output_is_read_with_its_units():
    result = suite.parse_wrk(WRK_OUTPUT)

    assert result == {
        "rps": 195.11,
        "requests": 1953,
        "p50": 79.97,
        "p99": 1210.0,
        "socket_errors": 3,
        "non_2xx": 4,
    }


def test_a_clean_wrk_run_has_no_errors_and_microsecond_latencies():
    clean = (
        WRK_OUTPUT.replace("     50%   79.97ms", "     50%  850.00us")
        .replace("  Socket errors: connect 0, read 2, write 0, timeout 1\n", "")
        .replace("  Non-2xx or 3xx responses: 4\n", "")
    )

    result = suite.parse_wrk(clean)

    assert result["p50"] == pytest.approx(0.85)
    assert result["socket_errors"] == result["non_2xx"] == 0


def results(**rps):
    return {
        name: {"rps": value, "p50": 5.0, "p99": 20.0, "errors": 0} for name, value in rps.items()
    }


def test_targets_are_ratios_to_the_baseline_of_the_same_server():
    off = results(baseline=1000, briefing=150, **{"API briefing list": 250})
    warm = results(baseline=2000, briefing=1700, **{"API briefing list": 300})

    checks = {label: (measured, ok) for label, measured, ok in suite.check_targets(off, warm)}

    assert checks["briefing, page cache off: ≥ 0.2× baseline"] == ("0.15×", False)
    assert checks["briefing, page cache warm: ≥ 0.8× baseline"] == ("0.85×", True)
    assert checks["API briefing list, page cache off: ≥ 0.2× baseline"] == ("0.25×", True)
    assert checks["API briefing list, page cache warm: ≥ 0.2× baseline"] == ("0.15×", False)


def test_a_p99_over_100_ms_is_named_as_missed():
    off = results(baseline=1000, briefing=150, **{"API briefing list": 250})
    off["briefing"]["p99"] = 140.0
    warm = results(baseline=2000, briefing=1700, **{"API briefing list": 300})

    checks = {label: (measured, ok) for label, measured, ok in suite.check_targets(off, warm)}

    assert checks["p99 < 100 ms at 16 connections, page cache off"] == ("briefing 140 ms", False)
    assert checks["p99 < 100 ms at 16 connections, page cache warm"] == ("slowest 20 ms", True)


def test_the_report_replaces_only_the_measured_section(tmp_path, monkeypatch):
    report = tmp_path / "performance.md"
    report.write_text(
        "# Performance\n\nWritten by hand.\n\n"
        f"{suite.START_MARKER}\nold numbers\n{suite.END_MARKER}\n\n## Why\n\nAlso by hand.\n"
    )
    monkeypatch.setattr(suite, "REPORT", report)

    suite.write_report(f"{suite.START_MARKER}\nnew numbers\n{suite.END_MARKER}")

    text = report.read_text()
    assert "new numbers" in text and "old numbers" not in text
    assert text.startswith("# Performance\n\nWritten by hand.")
    assert text.endswith("## Why\n\nAlso by hand.\n")


def test_the_mix_sends_api_paths_as_json_requests(tmp_path):
    script = suite.mix_script(["/", "/api/v1/briefings/"], tmp_path)

    text = Path(script).read_text()
    assert '{"/", false}' in text
    assert '{"/api/v1/briefings/", true}' in text
    assert 'headers["Accept"] = "application/json"' in text


@pytest.fixture
def bench_urls(tmp_path, monkeypatch):
    body = "<!doctype html><title>A briefing</title><p>Exactly these bytes: é</p>".encode()
    page = tmp_path / "baseline.html"
    page.write_bytes(body)
    monkeypatch.setenv("BENCH_BASELINE_FILE", str(page))
    sys.modules.pop("bench.urls", None)
    importlib.import_module("bench.urls")
    clear_url_caches()
    yield body
    sys.modules.pop("bench.urls", None)
    clear_url_caches()


@pytest.mark.django_db
def test_the_baseline_serves_the_page_bytes_from_memory_through_the_site_stack(
    client, bench_urls, django_assert_num_queries
):
    with override_settings(ROOT_URLCONF="bench.urls"), django_assert_num_queries(0):
        response = client.get("/bench/baseline/")
        site_page = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == bench_urls
    assert response["Content-Type"] == "text/html; charset=utf-8"
    # The same middleware as every page: the security headers are there.
    assert "Content-Security-Policy" in response
    assert site_page.status_code == 200


@pytest.mark.django_db
def test_the_baseline_is_never_stored_in_the_page_cache(client, bench_urls, settings):
    settings.PAGE_CACHE_SECONDS = 300
    with override_settings(ROOT_URLCONF="bench.urls"):
        client.get("/bench/baseline/")
        response = client.get("/bench/baseline/")

    assert "X-Cache" not in response


def test_hostile_inputs_stay_within_their_size_and_every_miss_shows_in_the_table():
    sent = []

    def server(text):  # stands in for gunicorn: what each construct would get back
        sent.append(len(text.encode()))
        if text.startswith("[a]("):
            return hostile.Answer(200, 1500.0)
        if text.startswith("["):
            return hostile.Answer("timeout", 30000.0)
        if text.startswith("1. "):
            return hostile.Answer(500, 20.0)
        return hostile.Answer(200, 12.0)

    rows = hostile.run(
        hostile.sized("markdown", hostile.MARKDOWN, ["1024", "limit"], 4096, server), repeat=3
    )
    table = "\n".join(hostile.table(rows))

    sizes = [row.case.size for row in rows]  # each construct at 1,024 bytes, then at the limit
    assert all(int(size.replace(",", "")) <= 1024 for size in sizes[0::2])
    assert all(size.endswith(" (limit)") for size in sizes[1::2])
    assert min(sent) > 0 and max(sent) <= 4096
    assert '| `"[a](" * (n/4)` | 1,024 | 200 | **1,500** | **1,500** |' in table
    assert '| `"1. " * (n/3)` | 4,095 (limit) | **500** | 20 | 20 |' in table
    # No answer: tried once, and not again at the larger size.
    assert '| `"[" * n` | 1,024 | **timeout** | **30,000** | **30,000** |' in table
    assert '| `"[" * n` | 4,096 (limit) | not run: no answer at a smaller size | — | — |' in table
    assert '| `"*a* " * (n/4)` | 4,096 (limit) | 200 | 12 | 12 |' in table
