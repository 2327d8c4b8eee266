"""The one API of the domain: what the command line and the app call to do anything.

A front end never reads, writes or commits a record by itself; it calls a service here.
Services that change something return an :class:`~reviewer.core.services.changes.Outcome`:
the result and a :class:`~reviewer.core.services.changes.Changes` report of what changed
(records rewritten, history, sources), which the app applies to its views in one place.

Modules: ``workspaces`` (opening one, the demo), ``records`` (load, save, set, list, show,
validate), ``reviews`` (verify and reopen, history, diffs, recovering an interrupted one),
``sources`` (attach, citations), ``search`` (the index and search).
"""
