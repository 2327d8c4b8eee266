"""The record schema as the seeds show it, in pydantic v2.

Every model allows extra fields: a field this version does not know is kept in the file
and reported as a warning, never dropped. Types are strict where the website depends on
them (a score is an integer 0-100, not ``"70"`` or ``true``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from reviewer.core import texts
from reviewer.core.config import DEFAULT, WorkspaceConfig
from reviewer.core.errors import EditRefused
from reviewer.core.record.nodes import Path, format_path
from reviewer.core.terms import PILLARS, RECORD_ID_PATTERN

Text = StrictStr
Score = Annotated[StrictInt, Field(ge=0, le=100)]
Year = Annotated[StrictInt, Field(ge=1900, le=2100)]
def _real_date(text: str) -> str:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(texts.text("{value!r} is not a real date (YYYY-MM-DD)", value=text)) from None
    return text


# Dates are strings (quoted in YAML); an unquoted date is read as a date and still accepted.
DateText = Annotated[StrictStr, Field(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(_real_date)] | dt.date


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Pillar(_Open):
    score: Score
    label: Text
    evidence: Text = ""
    citation: Text = ""
    auditNote: Text | None = None


class Analysis(_Open):
    frameworkVersion: Text | None = None
    incentive: Pillar | None = None
    statutory: Pillar | None = None
    liability: Pillar | None = None
    mrv: Pillar | None = None
    market: Pillar | None = None
    strategic: Pillar | None = None
    technical: Pillar | None = None


class ImpactAnalysis(_Open):
    economic: Text = ""
    technical: Text = ""
    environmental: Text = ""


class Evolution(_Open):
    supersedes: list[Text] = []
    supersededBy: Text = ""
    clusters: list[Text] = []


class ImplementationDetails(_Open):
    authority: Text = ""
    mechanism: Text = ""
    fundingScale: Text = ""


class Regulatory(_Open):
    co2_definition: Text = ""
    cross_border_rules: Text = ""
    financial_assurance: Text = ""
    liability_period: Text = ""
    liability_transfer: Text = ""
    permitting_lead_time: Text = ""
    pore_space_rights: Text = ""


class Provenance(_Open):
    author: Text | None = None
    reviewer: Text | None = None
    lastAuditDate: DateText | None = None


_TOP_REQUIRED = ("id", "title", "reviewStatus")   # what the model itself requires


class Record(_Open):
    id: Annotated[StrictStr, Field(min_length=1, pattern=RECORD_ID_PATTERN)]
    title: Text
    reviewStatus: Literal["draft", "verified"]
    country: Text | None = None
    year: Year | None = None
    status: Text | None = None
    category: Text | None = None
    pubDate: DateText | None = None
    legalWeight: Text | None = None
    sectors: list[Text] = []
    analysis: Analysis | None = None
    impactAnalysis: ImpactAnalysis | None = None
    evolution: Evolution | None = None
    implementationDetails: ImplementationDetails | None = None
    regulatory: Regulatory | None = None
    relatedFacilities: list[Any] = []
    url: Text | None = None
    source: Text | None = None
    provenance: Provenance | None = None
    scope: Text | None = None
    region: Text | None = None
    tags: list[Text] = []
    description: Text | None = None


MISSING = texts.text("required field is missing")


def schema_errors(data: Any, config: WorkspaceConfig = DEFAULT) -> list[tuple[Path, str]]:
    """``(path, message)`` for every schema violation of ``data``. The workspace's
    configuration says which top-level fields are required and which have defaults (the
    site's schema defaults ``reviewStatus`` to draft; a record named by its file needs no
    ``id``)."""
    if not isinstance(data, dict):
        return [((), texts.text("frontmatter must be a mapping"))]
    found: dict[Path, str] = {}
    try:
        Record.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():  # a union (text or date) fails once per branch: say it once
            found.setdefault(_clean_loc(err["loc"]), _message(err))
    if config is not DEFAULT:
        optional = {f for f in _TOP_REQUIRED if f not in config.required or f in config.defaults}
        found = {p: m for p, m in found.items() if not (len(p) == 1 and p[0] in optional and m == MISSING)}
        for field in config.required:
            if field not in data and field not in config.defaults:
                found.setdefault((field,), MISSING)
    return list(found.items())


def _clean_loc(loc: tuple) -> Path:
    # pydantic adds union branch names ("str", "date", "function-after[...]") to locations.
    return tuple(p for p in loc if isinstance(p, int) or not _is_type_tag(p))


def _is_type_tag(part: str) -> bool:
    return part in {"str", "date", "int", "constrained-str", "list[str]"} or "[" in part


def _message(err: dict) -> str:
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return MISSING
    if kind in ("int_type", "int_parsing"):
        return texts.text("must be a whole number, not {value!r}", value=value)
    if kind in ("greater_than_equal", "less_than_equal"):
        ctx = err.get("ctx", {})
        low = ctx.get("ge", 0 if "score" in str(err["loc"]) else None)
        if "ge" in ctx:
            return texts.text("{value!r} is out of range (minimum {low})", value=value, low=low)
        return texts.text("{value!r} is out of range (maximum {high})", value=value, high=ctx.get("le"))
    if kind == "literal_error":
        # pydantic says "'draft' or 'verified'": a list without its English "or" reads
        # in any language.
        expected = str(err.get("ctx", {}).get("expected", "")).replace("' or '", "', '")
        return texts.text("must be one of {expected}, not {value!r}", expected=expected, value=value)
    if kind == "string_type":
        return texts.text("must be text, not {type} {value!r}", type=type(value).__name__, value=value)
    if kind == "string_pattern_mismatch":
        return texts.text("{value!r} does not have the expected form", value=value)
    if kind == "model_type" or kind == "dict_type":
        return texts.text("must be a mapping of fields, not {type}", type=type(value).__name__)
    if kind == "list_type":
        return texts.text("must be a list, not {type}", type=type(value).__name__)
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    return err["msg"]


# --- typing of CLI/GUI text input -------------------------------------------------------
def integer_path(path: Path) -> bool:
    """Whether the schema fixes the value at ``path`` to an integer."""
    if path == ("year",):
        return True
    return len(path) == 3 and path[0] == "analysis" and path[2] == "score"  # any pillar's


def coerce_text(path: Path, text: str) -> Any:
    """Turn ``PATH=TEXT`` input into the type the schema wants at that path."""
    if integer_path(path):
        try:
            return int(text.strip(), 10)
        except ValueError:
            raise EditRefused(texts.text("{field} must be a whole number, not {value!r}",
                                         field=format_path(path), value=text)) from None
    return text
