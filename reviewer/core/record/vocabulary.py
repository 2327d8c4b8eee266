"""Controlled vocabularies of the policy tracker, and the legacy spellings auditors meet.

Records drafted by different systems mix English controlled values with Chinese ones
(``status: 现行`` where the site expects ``Active``). Validation warns and suggests the
controlled value; it never rewrites a value by itself.
"""

from __future__ import annotations

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


def suggestion(field: str, value: str) -> str | None:
    """The controlled value a non-controlled ``value`` most likely means, if known."""
    mapped = SYNONYMS.get(field, {}).get(value.strip())
    if mapped:
        return mapped
    for controlled in CONTROLLED.get(field, ()):
        if controlled.casefold() == value.strip().casefold():
            return controlled
    return None


def check(field: str, value: object) -> str | None:
    """A warning message when ``value`` is not a controlled value of ``field``."""
    allowed = CONTROLLED.get(field)
    if allowed is None or not isinstance(value, str) or value in allowed:
        return None
    hint = suggestion(field, value)
    tail = f"; did you mean {hint!r}?" if hint else f" (controlled values: {', '.join(allowed)})"
    return f"{value!r} is not a controlled value{tail}"
