"""Validation: errors break the schema, warnings are what an auditor should look at.

Every issue carries the file, line and column of the field it is about, so the CLI can
print ``path:line:col: severity: message`` and the app can show it at the field.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel

from reviewer.core.config import DEFAULT, WorkspaceConfig
from reviewer.core.errors import ReviewerError
from reviewer.core.record import vocabulary
from reviewer.core.record.bundle import RecordBundle
from reviewer.core.record.document import RecordFile, python_frontmatter_disagrees
from reviewer.core.record.nodes import Path, format_path
from reviewer.core.record.schema import Record, schema_errors
from reviewer.core.review.gate import gate_reasons, is_placeholder
from reviewer.core.review.issues import ERROR, WARNING, Issue, counts
from reviewer.core.sources.citations import check_data
from reviewer.core.terms import VERIFIED, WARN_STATUSES
from reviewer.core.texts import text
from reviewer.core.workspace import Workspace

PENDING_REVIEWER = "Human Audit Pending"  # what drafting systems write before any review


def _issue(rf: RecordFile, severity: str, code: str, path: Path, message: str) -> Issue:
    line, col = rf.location(path)
    return Issue(severity, code, message, tuple(path), str(rf.path) if rf.path else None, line, col)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    # Asked for every field of every record: the answer per annotation is kept (by id,
    # with the annotation itself, which keeps the id from being reused).
    kept = _MODELS.get(id(annotation))
    if kept is None:
        kept = _MODELS[id(annotation)] = (annotation, _find_model(annotation))
    return kept[1]


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


_MODELS: dict[int, tuple[Any, type[BaseModel] | None]] = {}


def unknown_fields(data: Any, config: WorkspaceConfig = DEFAULT, model: type[BaseModel] = Record,
                   path: Path = ()) -> list[Path]:
    """Paths of fields the schema does not know (they are kept, and reported); the
    workspace's pillars and its declared fields are known."""
    known = {tuple(k.split(".")) for k in config.known_fields} | \
        {("analysis", p) for p in config.pillars}
    out: list[Path] = []
    _unknown(data, known, model, path, out)
    return out


def _unknown(data: Any, known: set[Path], model: type[BaseModel], path: Path,
             out: list[Path]) -> None:
    if not isinstance(data, dict):
        return
    fields = model.model_fields
    for key, value in data.items():
        here = path + (key if isinstance(key, str) else repr(key),)
        if here in known:
            continue
        field = fields.get(key) if isinstance(key, str) else None
        if field is None:
            out.append(here)
            continue
        sub = _model_of(field.annotation)
        if sub is not None:
            _unknown(value, known, sub, path + (key,), out)


def _leaf_differences(a: Any, b: Any, path: Path = ()) -> list[tuple[Path, Any, Any]]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in a:
            if key in b:
                out.extend(_leaf_differences(a[key], b[key], path + (str(key),)))
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _leaf_differences(x, y, path + (i,))]
    if type(a) is type(b) and a == b:
        return []
    return [(path, a, b)]


@dataclass(frozen=True)
class Finding:
    """An issue about a data path, before it is located in a file."""
    severity: str
    code: str
    path: Path
    message: str


def data_findings(data: Any, fmt: str = "yaml", data11: Any = None,
                  error11: str | None = None, citations: list | None = None,
                  config: WorkspaceConfig = DEFAULT, language: str | None = None) -> list[Finding]:
    """Everything validation says about ``data``; used for files and for the app's form.
    ``citations`` (from :func:`reviewer.core.sources.citations.check_citations`) add a warning for
    each citation that points to the wrong place or to nothing in the sources. ``config``
    is the workspace's (required fields, vocabularies, pillars); ``language`` the file's, for
    its vocabulary."""
    out = [Finding(ERROR, "schema", path, message) for path, message in schema_errors(data, config)]
    if not isinstance(data, dict):
        return out
    out += citation_findings(citations or [])
    out += [Finding(WARNING, "unknown-field", path, text("field not in the schema (kept as it is)"))
            for path in unknown_fields(data, config)]
    for field, vocab in vocabulary.vocabularies(config).items():
        message = vocabulary.check(vocab, data.get(field), language)
        if message:
            out.append(Finding(WARNING, "vocabulary", (field,), message))
    analysis = data.get("analysis") if isinstance(data.get("analysis"), dict) else {}
    for name in config.pillars:
        pillar = analysis.get(name)
        if isinstance(pillar, dict) and is_placeholder(pillar, config):
            out.append(Finding(WARNING, "placeholder", ("analysis", name),
                               text("migration placeholder (label 'Initial Assessment', baseline "
                                    "evidence): not an assessment yet")))
    if isinstance(data.get("pubDate"), dt.date):
        out.append(Finding(WARNING, "yaml11", ("pubDate",),
                           text("unquoted date is read as a date, not text") + "; " + text("quote it")))
    if fmt == "yaml":
        if error11 is not None:
            out.append(Finding(WARNING, "yaml11", (),
                               text("YAML 1.1 tools cannot read this frontmatter: {error}", error=error11)))
        elif data11 is not None:
            out += [Finding(WARNING, "yaml11", path, text("reads as {v12!r} in YAML 1.2 but as {v11!r} "
                                                          "in YAML 1.1 tools", v12=v12, v11=v11)
                            + "; " + text("quote it"))
                    for path, v12, v11 in _leaf_differences(data, data11)]
    if data.get("reviewStatus") == VERIFIED:
        provenance = data.get("provenance") if isinstance(data.get("provenance"), dict) else {}
        if provenance.get("reviewer") in (None, "", PENDING_REVIEWER):
            out.append(Finding(WARNING, "gate", ("provenance", "reviewer"),
                               text("verified, but no reviewer is recorded")))
        for reason in gate_reasons(data, config=config):
            where = ("analysis", reason.pillar) if reason.pillar else ("reviewStatus",)
            out.append(Finding(WARNING, "gate", where,
                               text("verified, but would not pass review: {reason}", reason=reason.message)))
    return out


def citation_findings(citations: list) -> list[Finding]:
    # Only the verdicts an auditor must act on: ambiguous and external citations are not
    # wrong, and a missing one is the gate's business.
    return [Finding(WARNING, "citation", ("analysis", r.pillar, "citation"),
                    text("citation {status}: {detail}", status=r.status, detail=r.detail))
            for r in citations if r.status in WARN_STATUSES]


def validate_record(rf: RecordFile, duplicate_of: str | None = None,
                    workspace: Workspace | None = None) -> list[Issue]:
    """Validate a read record; with its ``workspace``, its citations are also checked
    against the files in ``sources/<id>/``, and the workspace's configuration applies."""
    citations = None
    config = workspace.config if workspace is not None else DEFAULT
    if workspace is not None and isinstance(rf.data, dict):
        citations = check_data(workspace, rf.data, rf.record_id)
    findings = data_findings(rf.data, rf.fmt, rf.parsed.data11, rf.parsed.error11, citations,
                             config, rf.language)
    if rf.key is not None and isinstance(rf.data, dict) and "id" in rf.data and rf.data["id"] != rf.key:
        findings.append(Finding(ERROR, "schema", ("id",), text(
            "id {id!r} differs from the file's name {name!r}, which names the record",
            id=rf.data["id"], name=rf.key)))
    misread = _python_frontmatter_misreading(rf)
    if misread:
        findings.append(Finding(WARNING, "reader", (), misread))
    if duplicate_of:
        findings.append(Finding(ERROR, "duplicate-id", ("id",),
                                text("id {id!r} is also used by {other}", id=rf.data.get("id"),
                                     other=duplicate_of)))
    issues = [_issue(rf, f.severity, f.code, f.path, f.message) for f in findings]
    return sorted(issues, key=lambda i: (i.line or 0, i.col or 0))


def _python_frontmatter_misreading(rf: RecordFile) -> str | None:
    """A frontmatter closed by a ``...`` line: gray-matter and python-frontmatter look for a
    ``---`` line instead and read other data (or none). Only then is the second reader run,
    so validating a large workspace costs nothing more."""
    if not rf.split.close_line.startswith("..."):
        return None
    why = python_frontmatter_disagrees(rf.split.join(), rf.data)
    if not why:
        return None
    return text("the frontmatter ends with a '...' line, which gray-matter and python-frontmatter do "
                "not take for its end (python-frontmatter would {why})", why=why) + "; " + \
        text("make it '---'")


def parity_issues(bundle: RecordBundle, config: WorkspaceConfig) -> list[Issue]:
    """An error in each language file for each neutral field that differs between them."""
    out = []
    for mismatch in bundle.mismatches(config.neutral):
        for language, record in bundle.files.items():
            if language != next(iter(bundle.files)):
                out.append(_issue(record, ERROR, "parity", mismatch.path, mismatch.message))
    return out


def validate_file(path: FsPath | str, duplicate_of: str | None = None,
                  workspace: Workspace | None = None) -> tuple[RecordFile | None, list[Issue]]:
    """Read and validate one file; a file that cannot be read is one error issue."""
    try:
        rf = RecordFile.load(path)
    except ReviewerError as exc:
        return None, [Issue(ERROR, "read", exc.message, (), exc.path or str(path), exc.line, exc.col)]
    return rf, validate_record(rf, duplicate_of, workspace)
