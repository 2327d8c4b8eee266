"""What validation says about a file: an :class:`Issue` at a line and column.

Apart from the checks (:mod:`validate`) so that showing kept issues (``reviewer validate``
on a warm cache) does not load the schema and the record engine.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.core.record.nodes import Path, format_path

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Issue:
    severity: str
    code: str          # schema, read, unknown-field, placeholder, vocabulary, yaml11, gate,
    #                    duplicate-id, citation, parity
    message: str
    path: Path = ()
    file: str | None = None
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line, self.col) if p is not None)
        field = f"{format_path(self.path)}: " if self.path else ""
        return f"{where}: {self.severity}: {field}{self.message}" if where else \
            f"{self.severity}: {field}{self.message}"

    def to_json(self) -> dict:
        # (not dataclasses.asdict: it deep-copies every value, fifty thousand issues notice)
        return {"severity": self.severity, "code": self.code, "message": self.message,
                "path": format_path(self.path) if self.path else "", "file": self.file,
                "line": self.line, "col": self.col}


def counts(issues: list[Issue]) -> tuple[int, int]:
    errors = sum(1 for i in issues if i.severity == ERROR)
    return errors, len(issues) - errors
