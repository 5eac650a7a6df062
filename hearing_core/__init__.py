"""hearing: petition register, hearings (信访听证), mediation and review for county petition bureaus.

Plugins write ``from hearing_core import hookimpl``.
"""

from __future__ import annotations

import pluggy

__version__ = "0.1.0"

#: Marker for hook implementations in plugins.
hookimpl = pluggy.HookimplMarker("hearing")

__all__ = ["__version__", "hookimpl"]
