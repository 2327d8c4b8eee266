"""Dialogs of the app, one per file."""
