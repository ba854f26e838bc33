"""Every URL pattern of the site (ours, Oscar's, Wagtail's, Django admin's), each as one
concrete address that resolves to it: what the CSRF test posts to."""

import re
import re._constants as sre
import re._parser as sre_parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

# A value for each kind of path parameter; numbers where the pattern asks for digits.
ROUTE_SAMPLES = {
    "int": "1",
    "slug": "x",
    "str": "x",
    "path": "x",
    "uuid": str(uuid.UUID(int=1)),
    "drf_format_suffix": ".json",  # the API root's format suffix (DRF's converter)
}
ROUTE_PARAM = re.compile(r"<(?:(\w+):)?\w+>")


@dataclass(frozen=True)
class Endpoint:
    path: str
    pattern: str
    callback: object

    @property
    def view_name(self) -> str:
        view = getattr(self.callback, "view_class", None) or self.callback
        return f"{view.__module__}.{getattr(view, '__qualname__', view.__class__.__name__)}"


def _sample(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        return ROUTE_PARAM.sub(lambda m: ROUTE_SAMPLES.get(m.group(1) or "str", "x"), route)
    assert isinstance(pattern, RegexPattern), pattern
    sample = _shortest_match(sre_parse.parse(pattern._regex))
    match = pattern.regex.match(sample)
    if match and match.groupdict().get("format"):
        # DRF's format suffixes (products.json): a format it knows, not any [a-z0-9]+.
        start, end = match.span("format")
        sample = sample[:start] + "json" + sample[end:]
    return sample


def _shortest_match(tokens) -> str:
    """A short string the parsed regex matches: each repeat once (or never, if it may be
    absent), the first branch of each alternative, "1" for digits and "x" for the rest."""
    out = []
    for op, arg in tokens:
        if op is sre.LITERAL:
            out.append(chr(arg))
        elif op in (sre.ANY, sre.NOT_LITERAL):
            out.append("x" if not (op is sre.NOT_LITERAL and arg == ord("x")) else "y")
        elif op is sre.IN:
            out.append(_from_set(arg))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, item = arg
            out.append(_shortest_match(item) * (low if low or not high else 0))
        elif op is sre.SUBPATTERN:
            out.append(_shortest_match(arg[-1]))
        elif op is sre.BRANCH:
            out.append(_shortest_match(arg[1][0]))
        # AT (anchors) and look-arounds match no character.
    return "".join(out)


def _from_set(items) -> str:
    for op, arg in items:
        if op is sre.CATEGORY and arg is sre.CATEGORY_DIGIT:
            return "1"
        if op is sre.RANGE and arg[0] <= ord("1") <= arg[1]:
            return "1"
        if op is sre.LITERAL:
            return chr(arg)
        if op is sre.NEGATE:
            return "x"
    return "x"


def _walk(resolver: URLResolver, prefix: str) -> Iterator[tuple[str, str, object]]:
    for entry in resolver.url_patterns:
        here = prefix + _sample(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry, here)
        elif isinstance(entry, URLPattern):
            yield here, str(entry.pattern), entry.callback


def endpoints() -> list[Endpoint]:
    return [
        Endpoint("/" + path, pattern, callback)
        for path, pattern, callback in _walk(get_resolver(), "")
    ]
