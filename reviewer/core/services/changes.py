"""What an action changed: the report a service returns beside its result.

Modelled on Anki's OpChanges: the service says what it touched, and the app's window has
one method that brings every view up to date from such a report, instead of each action
refreshing the views it happens to know about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from reviewer.core.record.document import RecordFile
from reviewer.core.sources.reading import SourceText

T = TypeVar("T")


@dataclass
class Changes:
    # Record files written by the action, each as it now reads: their list rows, their
    # index rows and, if one is open, the open record follow.
    records: dict[Path, RecordFile] = field(default_factory=dict)
    history: bool = False         # commits were made: the open record's history is stale
    # Record ids whose source files changed, with their sources read again.
    sources: dict[str, list[SourceText]] = field(default_factory=dict)
    next_draft: bool = False      # the auditor is done with this record: open the next draft
    message: str = ""             # one line for the status bar


@dataclass
class Outcome(Generic[T]):
    result: T
    changes: Changes
