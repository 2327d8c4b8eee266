"""How to write a value as YAML or JSON text, in the style closest to the one it replaces.

These functions only propose spellings; the editor re-reads every proposal under YAML 1.2
and 1.1 (or JSON) and keeps the first one that reads back as exactly the intended value.
So a guess here can cost a fallback to a plainer style, never a wrong write.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import yaml
from ruamel.yaml.nodes import ScalarNode as RuamelScalar
from ruamel.yaml.resolver import VersionedResolver

_STR = "tag:yaml.org,2002:str"
_R11 = yaml.resolver.Resolver()
_R12 = VersionedResolver(version=(1, 2))
_NULL_SPELLINGS = {"", "~", "null", "Null", "NULL"}
# Characters YAML does not allow raw in a document (C0/C1 controls, surrogates, BOM...).
_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f"
                            "\ud800-\udfff\ufeff\ufffe\uffff\u2028\u2029]")
# A JSON string (left alone), or a number: integer part, fraction, exponent (groups 1-3).
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|(-?[0-9]+)(\.[0-9]+)?([eE][-+]?[0-9]+)?')
_JSON_RISKY = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_PLAIN_FIRST_BAD = set("-?:,[]{}#&*!|>'\"%@`")
_BREAKS = "\n\r\x85\u2028\u2029"   # line breaks to some YAML reader
_FLOW_BAD = set(",[]{}")

Scalar = str | int | float | bool | None


def is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def resolves_to_str(text: str) -> bool:
    """True when a plain scalar ``text`` is a string under both YAML 1.1 and 1.2."""
    return (_R11.resolve(yaml.ScalarNode, text, (True, False)) == _STR
            and _R12.resolve(RuamelScalar, text, (True, False)) == _STR)


def plain_ok(text: str, flow: bool) -> bool:
    """Whether ``text`` can be written as a plain (unquoted) YAML scalar."""
    if not text or text != text.strip(" \t") or text[0] in _PLAIN_FIRST_BAD:
        return False
    if any(c in text for c in _BREAKS) or "\t" in text or _NON_PRINTABLE.search(text):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and (any(c in _FLOW_BAD for c in text) or ":" in text):
        return False
    return resolves_to_str(text)


def single_quoted(text: str) -> str | None:
    if any(c in text for c in _BREAKS) or _NON_PRINTABLE.search(text):
        return None
    return "'" + text.replace("'", "''") + "'"


def double_quoted(text: str) -> str:
    out = json.dumps(text, ensure_ascii=False)
    # NEL is a line break to YAML 1.1 readers (folded away if raw): YAML's own escape "\N"
    # reads back as NEL under both versions.
    out = _NON_PRINTABLE.sub(lambda m: "\\u%04x" % ord(m.group(0)), out)
    return out.replace("\x85", "\\N")


def block_scalar(text: str, indicator: str, indent: int, nl: str) -> str | None:
    """A literal (``|``) or folded (``>``, single line only) block scalar, or None."""
    if "\r" in text or _NON_PRINTABLE.search(text) or "\t" in text[:1]:
        return None
    if indicator == ">" and "\n" in text.rstrip("\n"):
        return None
    body = text[:-1] if text.endswith("\n") else text
    if body.endswith("\n") or text == "":
        return None  # keep-chomping of blank tails is left to double quotes
    lines = body.split("\n")
    if lines[0].startswith(" ") or any(line != line.rstrip(" ") and not line.strip() for line in lines):
        return None
    chomp = "" if text.endswith("\n") else "-"
    pad = " " * indent
    return indicator + chomp + "".join(nl + (pad + line if line else "") for line in lines)


def float_text(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"  # YAML 1.1 needs a dot in the mantissa
    return text


def yaml_scalars(value: Scalar, old_style: str | None, old_text: str | None, flow: bool,
                 indent: int, nl: str) -> list[str]:
    """Spellings of a scalar, the closest to the old style first."""
    if value is None:
        keep = old_text if old_text in _NULL_SPELLINGS and old_text else None
        return [s for s in (keep, "null", "~") if s]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, int):
        return [str(value)]
    if isinstance(value, float):
        return [float_text(value)]
    text = value
    plain = text if plain_ok(text, flow) else None
    single = single_quoted(text)
    double = double_quoted(text)
    literal = None if flow else block_scalar(text, "|", indent, nl)
    folded = None if flow else block_scalar(text, ">", indent, nl)
    multiline = "\n" in text
    if old_style == "|":
        order = [literal, double]
    elif old_style == ">":
        order = [folded, literal, double]
    elif old_style == '"':
        order = [literal if multiline else None, double]
    elif old_style == "'":
        order = [literal if multiline else None, single, double]
    else:
        order = [literal if multiline else None, plain, single, double]
    out: list[str] = []
    for s in order:
        if s is not None and s not in out:
            out.append(s)
    return out


def yaml_key(key: str) -> str:
    if plain_ok(key, False) and "." not in key[:1]:
        return key
    return single_quoted(key) or double_quoted(key)


def yaml_simple(value: Scalar, flow: bool) -> str:
    """The one spelling used inside newly written collections."""
    if isinstance(value, str):
        return value if plain_ok(value, flow) else double_quoted(value)
    return yaml_scalars(value, None, None, flow, 0, "\n")[0]


def yaml_flow(value: Any) -> str:
    if isinstance(value, dict):
        inner = ", ".join(f"{yaml_flow_key(k)}: {yaml_flow(v)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_flow(v) for v in value) + "]"
    return yaml_simple(value, True)


def yaml_flow_key(key: str) -> str:
    return key if plain_ok(key, True) else double_quoted(key)


def yaml_block(value: Any, indent: int, step: int, seq_offset: int) -> list[str]:
    """Lines (without line endings) of a non-empty collection in block style."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            head = f"{pad}{yaml_key(str(k))}:"
            if isinstance(v, (dict, list)) and v:
                lines.append(head)
                child = indent + (seq_offset if isinstance(v, list) else step)
                lines.extend(yaml_block(v, child, step, seq_offset))
            else:
                lines.append(f"{head} {yaml_flow(v) if isinstance(v, (dict, list)) else yaml_simple(v, False)}")
    else:
        for v in value:
            if isinstance(v, (dict, list)) and v:
                sub = yaml_block(v, indent + 2, step, seq_offset)
                lines.append(f"{pad}- {sub[0].lstrip(' ')}")
                lines.extend(sub[1:])
            else:
                lines.append(f"{pad}- {yaml_flow(v) if isinstance(v, (dict, list)) else yaml_simple(v, False)}")
    return lines


def json_text(value: Any, indent_unit: int | None, base_indent: str, nl: str) -> str:
    """JSON for a value, non-ASCII kept, nested lines indented under ``base_indent``."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        raise ValueError("JSON has no NaN or infinity")
    text = json.dumps(value, ensure_ascii=False, indent=indent_unit, allow_nan=False)
    # YAML 1.1 readers take 1e+20 for text; 1.0e+20 is the same number to every reader.
    text = _JSON_TOKEN.sub(lambda m: m.group(1) + ".0" + m.group(3)
                           if m.group(3) and not m.group(2) else m.group(0), text)
    # Characters a YAML reader of the JSON (gray-matter) would take for line breaks or
    # refuse raw are written as JSON escapes, which every reader reads back exactly.
    text = _JSON_RISKY.sub(lambda m: "\\u%04x" % ord(m.group(0)), text)
    return text.replace("\n", nl + base_indent)
