"""The widgets of the app, one per file, each named for what it shows."""
