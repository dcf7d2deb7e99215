"""Where commands print: one console for results (stdout) and one for problems (stderr).

Library functions return values and never print; the ``*_command`` functions that the command
line calls print through here, so output is formatted (and captured in tests) one way.
"""
from __future__ import annotations

from rich.console import Console

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def say(text: str) -> None:
    """A line of results, printed as written (no markup, no wrapping)."""
    out.print(text, markup=False, highlight=False, soft_wrap=True)


def warn(text: str) -> None:
    """A line about a problem, on stderr, printed as written."""
    err.print(text, markup=False, highlight=False, soft_wrap=True)
