"""Services of the workspace index: bring it up to date, search it as the list and the
command line do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.core.index.list_table import SummaryTable
from reviewer.core.index.query import FilterQuery, SearchFilters, parse_filter
from reviewer.core.index.refresh import Progress, RefreshReport
from reviewer.core.index.search import SearchHit
from reviewer.core.index.sourcetext import SourceReport
from reviewer.core.index.workspace_index import WorkspaceIndex
from reviewer.core.workspace import Workspace


class ConflictingFilters(ReviewerError):
    """A filter given both as an option and in the query text, with different values."""


# The app lists every match at once but asks for snippets (what costs) only for the best.
SNIPPETS = 200


def open_index(ws: Workspace) -> tuple[WorkspaceIndex, SummaryTable]:
    """The workspace's index and the list as cached (instant; may be stale), as the app's
    list keeps it (compact, sorted: see :mod:`list_table`)."""
    index = WorkspaceIndex.open(ws)
    return index, index.list_table()


def bring_up_to_date(index: WorkspaceIndex, records_progress: Progress | None = None,
                     sources_progress: Progress | None = None,
                     citations: bool = True) -> tuple[RefreshReport, SourceReport]:
    """The records, then the sources; without ``citations`` the sources' texts only (a
    search that does not filter by citation status need not wait for the checks)."""
    return (index.refresh(progress=records_progress),
            index.index_sources(progress=sources_progress, citations=citations))


def parse_query(text: str, **options: object) -> tuple[str, SearchFilters]:
    """Search words and filters from filter-box text plus options (``reviewer search``'s);
    a filter given both ways must agree."""
    parsed = parse_filter(text)
    given = {k: v for k, v in options.items() if v is not None}
    for name, value in parsed.filters.items():
        if name in given and str(given[name]) != str(value):
            raise ConflictingFilters(f"{name} is given twice ({given[name]!r} and {value!r})")
        given[name] = value
    return parsed.query, SearchFilters.of(**given)


@dataclass
class Found:
    files: set[Path]          # every matching record file
    best: list[SearchHit]     # the best matches, with snippets


def find(index: WorkspaceIndex, parsed: FilterQuery, sources: bool) -> Found:
    """What the app's list shows for the filter box: every match, the best with snippets."""
    filters = parsed.filters
    return Found(index.matching_files(parsed.query, sources=sources, **filters),
                 index.search(parsed.query, limit=SNIPPETS, sources=sources, **filters))
