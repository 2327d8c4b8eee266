"""The record engine: read a record file (YAML or JSON frontmatter and a Markdown body),
validate its data against the schema, and edit it without disturbing a byte the auditor did
not change. The lowest domain layer: it knows nothing of workspaces, sources, git or the
index."""
