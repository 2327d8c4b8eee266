"""The words of the domain, in one place: pillars, review statuses, review actions and
citation verdicts. Every layer spells them from here, so the schema, the index, the gate,
the filter language and both front ends can never disagree on a name.
"""

from __future__ import annotations

# A record id names its file and its sources folder, so it must be one safe path segment.
RECORD_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"

# The analysis pillars, in the order the form, the gate and the reports show them.
PILLARS = ("incentive", "statutory", "liability", "mrv", "market", "strategic", "technical")

# reviewStatus values: an AI or legacy draft, and a record an auditor verified.
DRAFT, VERIFIED = "draft", "verified"
REVIEW_STATUSES = (DRAFT, VERIFIED)

# What an auditor does to a record in git.
VERIFY, REOPEN = "verify", "reopen"
REVIEW_ACTIONS = (VERIFY, REOPEN)

# Citation verdicts (see reviewer.core.sources.citations for what each means).
RESOLVED, MISMATCH, AMBIGUOUS = "resolved", "mismatch", "ambiguous"
UNRESOLVED, EXTERNAL, MISSING = "unresolved", "external", "missing"
CITATION_STATUSES = (RESOLVED, MISMATCH, AMBIGUOUS, UNRESOLVED, EXTERNAL, MISSING)
# Verdicts ``reviewer validate`` warns about: the citation points wrong or to nothing.
WARN_STATUSES = (MISMATCH, UNRESOLVED)
# Verdicts the sources do not back: to verify, the pillar needs an audit note.
UNBACKED_STATUSES = (MISMATCH, AMBIGUOUS, UNRESOLVED, EXTERNAL)

# How git runs the field-level merge driver (the driver is registered with this command line).
DRIVER_COMMAND = "reviewer merge-file %O %A %B %P"
