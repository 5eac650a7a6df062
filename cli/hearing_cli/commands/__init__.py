"""Core command groups of the ``hearing`` command."""
