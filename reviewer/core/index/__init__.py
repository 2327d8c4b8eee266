"""The workspace index: a SQLite cache of every record's list fields, pillars and full text,
and of the source texts, for an instant list, filters and search. A cache only: a damaged
or outdated one is rebuilt, never trusted. Beside the review layer, above sources.

Kept free of imports on purpose: the index's worker processes import ``fastread`` and must
not pay for the rest."""
