"""Hook implementations of the review plugin (复查、复核). Filled in below."""

from __future__ import annotations
