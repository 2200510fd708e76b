"""Generation numbers: a counter in the cache that cache keys include, so that one increment
makes every entry built on the old number unreachable (they then expire on their own)."""

import time

from django.core.cache import cache


class Generation:
    def __init__(self, key):
        self.key = key

    def current(self):
        value = cache.get(self.key)
        if value is None:
            value = time.time_ns()
            cache.add(self.key, value, None)
            value = cache.get(self.key, value)
        return value

    def bump(self):
        try:
            cache.incr(self.key)
        except ValueError:  # not set yet, or evicted: a new, larger value does as well
            cache.set(self.key, time.time_ns(), None)
