"""The reviewer domain. Nothing in this package may import Qt: the CLI and the GUI are both
thin layers over it, and both reach it through :mod:`reviewer.core.services`.

Layers, top to bottom (each may import only those below it; enforced by import-linter and
``tests/test_architecture.py``)::

    services                 the one API the CLI and the app call
    review | index           git review (gate, verify, history) | the SQLite index and search
    sources                  source texts, outlines, citation checks
    workspace                the folder of records; resolving a record id
    record                   the record engine: read, validate, edit a record file
    errors, atomic, terms, userdirs
"""
