"""The audit of the AI drafts from the git history: reading it in bulk (``gitlog``), the
facts of each version (``facts``), each record's review (``reviews``), the numbers
(``measures``, ``agreement``) and the cache that makes a second reading cheap (``cache``).
The services API is :mod:`reviewer.core.services.audit`."""
