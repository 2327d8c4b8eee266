"""The reviewer domain: records, edits, validation, workspace and git.

Nothing in this package may import Qt; the CLI and the GUI are both thin layers over it
(enforced by tests/test_architecture.py and the import-linter contract in pyproject.toml).
"""
