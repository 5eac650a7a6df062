"""Petition hearings (信访听证): domain model, and later persistence, service, API and CLI."""
