"""The fact stage: events, figures, dates, attribution, allegiances and control (issue #4).

Components listed here run after the entity stage and read ``doc._.mentions``.
"""
from __future__ import annotations

# The fact stage, in order (registered @Language.factory names).
FACT_COMPONENTS: list[str] = []
