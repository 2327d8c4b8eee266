"""reviewer: review AI-drafted policy records beside their sources, with git as the audit trail."""

__version__ = "0.1.0"
