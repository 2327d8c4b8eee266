"""The desktop app (PySide6), a thin layer over :mod:`reviewer.core.services`.

``main_window`` lays out the views and applies every action's report of changes in one
place; ``flows/`` hold the longer interactions (loading and saving a record, review, citing,
the index), each given a narrow :class:`~reviewer.ui.context.AppContext` rather than the
window; ``widgets/`` and ``dialogs/`` hold one widget per file; ``tasks`` runs services off
the UI thread; ``session`` is the open record and its undo stack; ``shortcuts`` and
``icons`` are the one place for each.
"""
