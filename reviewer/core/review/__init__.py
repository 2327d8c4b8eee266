"""The review in git: the verification gate, validation, verify and reopen commits that hold
exactly the record, and a record's history. Beside the index, above sources."""
