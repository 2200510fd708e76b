"""Production settings, plus the benchmark's baseline view (bench/urls.py). Used by bench/run only."""

from config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
