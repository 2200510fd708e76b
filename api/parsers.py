"""The API's JSON parser: bodies nested too deeply or holding numbers that are not finite are
refused with a 400 in the API's error body, never a 500 or a stored "inf"."""

import codecs
import json
import math

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# No request body of this API nests deeper than a few levels; 32 leaves room for any client.
MAX_DEPTH = 32
TOO_DEEP = f"The JSON body is nested too deeply: at most {MAX_DEPTH} levels of arrays and objects."


def _finite_float(text):
    number = float(text)
    if not math.isfinite(number):
        shown = text if len(text) <= 20 else f"{text[:20]}…"
        raise ValueError(f"the number {shown} is out of range; numbers must be finite")
    return number


def _refuse_constant(name):
    raise ValueError(f"{name} is not a number; numbers must be finite")


def _depth_exceeds(data, limit):
    """Whether `data` nests arrays and objects more than `limit` deep: a level at a time, so
    the work is one look at each value, with no recursion."""
    level = [data] if isinstance(data, dict | list) else []
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        level = [
            child
            for container in level
            for child in (container.values() if isinstance(container, dict) else container)
            if isinstance(child, dict | list)
        ]
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, strict about numbers, with a bound on nesting.

    The standard library's decoder recurses once per level and gives up with a RecursionError
    near Python's recursion limit; that is answered as "too deep", as is anything deeper than
    MAX_DEPTH that it did manage to read.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.load(
                codecs.getreader(encoding)(stream),
                parse_constant=_refuse_constant,
                parse_float=_finite_float,
            )
        except RecursionError:
            raise ParseError(TOO_DEEP) from None
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from error
        if _depth_exceeds(data, MAX_DEPTH):
            raise ParseError(TOO_DEEP)
        return data
