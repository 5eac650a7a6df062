"""Fixtures of the hearing domain tests (pure: no database, no deadline engine).

The helpers live in ``hearing_story`` (a plain module, so tests can import its types).
"""

from __future__ import annotations

import pytest
from hearing_story import NATIONAL, SHANDONG, Profile, Story


@pytest.fixture(params=[NATIONAL, SHANDONG], ids=lambda p: p.name)
def profile(request: pytest.FixtureRequest) -> Profile:
    """Each test using it runs under both rule configurations."""
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def national() -> Profile:
    return NATIONAL


@pytest.fixture
def shandong() -> Profile:
    return SHANDONG


@pytest.fixture
def story(profile: Profile) -> Story:
    return Story(profile)
