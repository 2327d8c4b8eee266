"""Run core work off the UI thread and bring the result back with a signal.

Each kind of request (``"record"``, ``"history"``, ``"save"``, ``"search"``,
``"index-refresh"``...) has a generation counter: a result that arrives after a newer
request of the same kind is dropped, so a slow load of the previous record can never
overwrite the current one. Workers never touch a widget; the callbacks run on the UI
thread.
"""

from __future__ import annotations

import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from reviewer.core.errors import ReviewerError


class _Relay(QObject):
    done = Signal(str, int, object)      # kind, generation, result
    failed = Signal(str, int, str)       # kind, generation, message


class _Task(QRunnable):
    def __init__(self, relay: _Relay, kind: str, generation: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.relay, self.kind, self.generation, self.fn = relay, kind, generation, fn

    def run(self) -> None:
        try:
            result = self.fn()
        except ReviewerError as exc:
            self.relay.failed.emit(self.kind, self.generation, str(exc))
        except Exception as exc:  # a bug: say what happened in one line, log the rest
            traceback.print_exc()
            self.relay.failed.emit(self.kind, self.generation,
                                   f"internal error: {type(exc).__name__}: {exc}")
        else:
            self.relay.done.emit(self.kind, self.generation, result)


class Tasks(QObject):
    """``submit(kind, fn, on_done, on_failed)``; only the newest request of a kind reports."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        # Three threads: a long index task never holds up loading a record and its history.
        self.pool.setMaxThreadCount(3)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._generation: dict[str, int] = {}
        self._callbacks: dict[tuple[str, int], tuple[Callable, Callable | None]] = {}
        self._finally: dict[tuple[str, int], Callable[[], None]] = {}
        self._running = 0
        self._quiet: set[tuple[str, int]] = set()

    def submit(self, kind: str, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_failed: Callable[[str], None] | None = None, quiet: bool = False,
               on_finished: Callable[[], None] | None = None) -> int:
        """``quiet``: background work with its own progress display (indexing, search) that
        does not make the window say "Working…". ``on_finished`` runs when the task ends,
        first, whether its result is delivered or dropped as stale."""
        generation = self._generation.get(kind, 0) + 1
        self._generation[kind] = generation
        self._callbacks[(kind, generation)] = (on_done, on_failed)
        if on_finished is not None:
            self._finally[(kind, generation)] = on_finished
        if quiet:
            self._quiet.add((kind, generation))
        else:
            self._running += 1
            if self._running == 1:
                self.busy_changed.emit(True)
        self.pool.start(_Task(self._relay, kind, generation, fn))
        return generation

    def is_current(self, kind: str, generation: int) -> bool:
        return self._generation.get(kind) == generation

    def _finish(self, kind: str, generation: int) -> tuple[Callable, Callable | None] | None:
        if (kind, generation) in self._quiet:
            self._quiet.discard((kind, generation))
        else:
            self._running -= 1
            if self._running == 0:
                self.busy_changed.emit(False)
        callbacks = self._callbacks.pop((kind, generation), None)
        finished = self._finally.pop((kind, generation), None)
        if finished is not None:
            finished()
        return callbacks if self.is_current(kind, generation) else None  # stale: dropped

    @Slot(str, int, object)
    def _on_done(self, kind: str, generation: int, result: object) -> None:
        callbacks = self._finish(kind, generation)
        if callbacks:
            callbacks[0](result)

    @Slot(str, int, str)
    def _on_failed(self, kind: str, generation: int, message: str) -> None:
        callbacks = self._finish(kind, generation)
        if callbacks and callbacks[1]:
            callbacks[1](message)

    def wait(self, msecs: int = 10000) -> bool:
        """Block until every task ended (tests and the screenshot mode only)."""
        return self.pool.waitForDone(msecs)

    @property
    def running(self) -> int:
        return self._running
