"""Hypothesis profiles: "ci" unless HYPOTHESIS_PROFILE names another, such as "thorough"."""

import os

from hypothesis import settings

# No deadline: a slow example on a busy CI machine is not a failure; the example counts keep the
# whole directory to a few seconds per run.
settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("thorough", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
