"""The command line's JSON output: ``json.dumps(obj, ensure_ascii=False, indent=2)``, fast.

With ``indent`` set, Python's json module uses its pure-Python encoder, about a microsecond
per value: half a second for ``reviewer validate --json`` of fifty thousand issues, more
than the check itself on a warm cache. This writes the very same text (scripts compare
and parse it), encoding each string with the module's C function and laying out the
containers itself. Anything it does not write the same way (keys that are not text,
floats, circular data) is handed to ``json.dumps``; ``tests/test_cli_json.py`` compares
the two on real outputs and random data.
"""

from __future__ import annotations

import json
from typing import Any, Callable

_string: Callable[[str], str] = getattr(json.encoder, "c_encode_basestring", None) or \
    json.encoder.py_encode_basestring


class _Slow(Exception):
    """A value this writer does not lay out exactly as json.dumps does."""


def dumps(obj: Any, default: Callable[[Any], Any]) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2, default=default)``."""
    try:
        parts: list[str] = []
        _write(obj, parts, "\n", default, 0)
        return "".join(parts)
    except (_Slow, RecursionError):
        return json.dumps(obj, ensure_ascii=False, indent=2, default=default)


def _write(value: Any, out: list[str], newline: str, default, depth: int) -> None:
    if isinstance(value, str):
        out.append(_string(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int) and type(value) is int:
        out.append(int.__repr__(value))
    elif isinstance(value, dict) and type(value) is dict:
        _write_dict(value, out, newline, default, depth)
    elif type(value) in (list, tuple):
        _write_list(value, out, newline, default, depth)
    elif isinstance(value, (float, int, dict, list, tuple)):
        raise _Slow()   # subclasses, floats: json.dumps knows their spelling
    else:
        if depth > 200:
            raise _Slow()
        _write(default(value), out, newline, default, depth + 1)


def _write_dict(value: dict, out: list[str], newline: str, default, depth: int) -> None:
    if not value:
        out.append("{}")
        return
    flat = _flat(value, newline + "  ")
    if flat is not None:   # the common case (an issue, a list row): one template per shape
        keys = tuple(value)
        template = _templates.get((keys, newline))
        if template is None:
            template = _templates[(keys, newline)] = _template(keys, newline)
        out.append(template % flat)
        return
    inner = newline + "  "
    out.append("{")
    first = True
    for key, item in value.items():
        if type(key) is not str:
            raise _Slow()
        out.append(inner if first else "," + inner)
        first = False
        out.append(_string(key))
        out.append(": ")
        if type(item) is str:   # most values: written here, not through another call
            out.append(_string(item))
        else:
            _write(item, out, inner, default, depth)
    out.append(newline + "}")


_templates: dict[tuple, str] = {}


def _flat(value: dict, inner: str) -> tuple | None:
    """Each value written, when every key is text and every value a plain scalar or a list
    of texts (a list row's files and languages), ``inner`` being the keys' indentation."""
    out = []
    for key, item in value.items():
        kind = type(item)
        if type(key) is not str:
            return None
        if kind is str:
            out.append(_string(item))
        elif item is None:
            out.append("null")
        elif kind is bool:
            out.append("true" if item else "false")
        elif kind is int:
            out.append(int.__repr__(item))
        elif kind is list or kind is tuple:
            texts = _texts(item, inner)
            if texts is None:
                return None
            out.append(texts)
        else:
            return None
    return tuple(out)


def _texts(items: list | tuple, inner: str) -> str | None:
    """A list of texts as ``json.dumps`` lays it out at indentation ``inner``; None when
    an item is not a text."""
    if not items:
        return "[]"
    if any(type(item) is not str for item in items):
        return None
    step = inner + "  "
    return "[" + step + ("," + step).join(map(_string, items)) + inner + "]"


def _template(keys: tuple, newline: str) -> str:
    inner = newline + "  "
    return "{" + ",".join(inner + _string(k).replace("%", "%%") + ": %s" for k in keys) + \
        newline + "}"


def _write_list(value: list | tuple, out: list[str], newline: str, default, depth: int) -> None:
    if not value:
        out.append("[]")
        return
    inner = newline + "  "
    out.append("[")
    first = True
    for item in value:
        out.append(inner if first else "," + inner)
        first = False
        _write(item, out, inner, default, depth)
    out.append(newline + "]")
