"""Controlled vocabularies of the policy tracker, and the spellings auditors meet.

A workspace's ``reviewer.toml`` gives each controlled field's values in each language
(``status``: Active / 现行); without one, the English values below hold, with the Chinese
spellings drafts use mapped to them. Validation warns and suggests the right value for the
file's own language; it never rewrites a value by itself.
"""

from __future__ import annotations

from reviewer.core import texts
from reviewer.core.config import DEFAULT, Vocabulary, WorkspaceConfig

CONTROLLED: dict[str, tuple[str, ...]] = {
    "status": ("Active", "Proposed", "Superseded", "Repealed", "Expired"),
    "category": ("Strategic", "Regulatory", "Fiscal", "Market", "Technical"),
    "legalWeight": ("Law", "Administrative Regulation", "Departmental Rules", "Local Regulation",
                    "Guideline/Policy", "Standard"),
    "scope": ("International", "National", "Sub-national", "Regional"),
}

# Known non-controlled spellings -> the controlled value they mean.
SYNONYMS: dict[str, dict[str, str]] = {
    "status": {"现行": "Active", "现行有效": "Active", "有效": "Active", "草案": "Proposed",
               "征求意见稿": "Proposed", "已被替代": "Superseded", "被替代": "Superseded",
               "废止": "Repealed", "已废止": "Repealed", "失效": "Expired", "已失效": "Expired"},
    "category": {"战略引导": "Strategic", "战略": "Strategic", "规制": "Regulatory",
                 "监管": "Regulatory", "财政激励": "Fiscal", "财政": "Fiscal",
                 "市场机制": "Market", "市场": "Market", "技术标准": "Technical", "技术": "Technical"},
    "legalWeight": {"法律": "Law", "行政法规": "Administrative Regulation",
                    "部门规章": "Departmental Rules", "地方性法规": "Local Regulation",
                    "规范性文件": "Guideline/Policy", "政策文件": "Guideline/Policy", "标准": "Standard"},
    "scope": {"国际": "International", "国家": "National", "国家级": "National",
              "地方": "Sub-national", "省级": "Sub-national", "区域": "Regional"},
}

DEFAULT_VOCABULARIES = {field: Vocabulary(field, tuple({"": v} for v in values), SYNONYMS.get(field, {}))
                        for field, values in CONTROLLED.items()}


def vocabularies(config: WorkspaceConfig = DEFAULT) -> dict[str, Vocabulary]:
    """The workspace's controlled fields: its own, else the defaults."""
    return config.vocabularies or DEFAULT_VOCABULARIES


def check(vocab: Vocabulary, value: object, language: str | None = None) -> str | None:
    """A warning when ``value`` is not a controlled value for a file in ``language``."""
    if not isinstance(value, str):
        return None
    allowed = vocab.allowed(language) or vocab.allowed(None)
    if value in allowed:
        return None
    for row in vocab.values:  # the right value, written for another language's file
        other = next((lang for lang, text in row.items() if text == value), None)
        if other is not None and language in row:
            return (texts.text("{value!r} is {field} {meaning!r} in {other}", value=value, field=vocab.field,
                               meaning=row.get("en", next(iter(row.values()))), other=other)
                    + "; " + texts.text("in this {language} file write {right!r}", language=language,
                                        right=row[language]))
    hint = suggestion(vocab, value, language)
    if hint:
        return texts.text("{value!r} is not a controlled value", value=value) + "; " + \
            texts.text("did you mean {hint!r}?", hint=hint)
    return texts.text("{value!r} is not a controlled value (controlled values: {allowed})",
                      value=value, allowed=", ".join(allowed))


def suggestion(vocab: Vocabulary, value: str, language: str | None = None) -> str | None:
    """The controlled value a non-controlled ``value`` most likely means, if known."""
    mapped = vocab.synonyms.get(value.strip())
    rows = list(vocab.values)
    if mapped:
        row = next((r for r in rows if mapped in r.values()), None)
        return row.get(language, mapped) if row and language else mapped
    for row in rows:
        for text in row.values():
            if text.casefold() == value.strip().casefold():
                return row.get(language, text) if language else text
    return None


def choices(config: WorkspaceConfig, field: str, language: str | None = None) -> tuple[str, ...]:
    """The values to offer for ``field`` in a file in ``language`` (the app's choice box)."""
    vocab = vocabularies(config).get(field)
    return (vocab.allowed(language) or vocab.allowed(None)) if vocab else ()
