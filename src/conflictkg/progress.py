"""How a build shows its progress: on a terminal a bar with the total and the time left; in a
log (output not a terminal) one line every so often, so that a long build is never silent.

The total is counted ahead in a background thread while the build runs (a file per plain-text
article, a line per JSON-lines article, gzip decompressed on the fly): the bar starts at once
and gains its total and time left as soon as the count is in. It counts input lines, so lines
that turn out to be problems or duplicates make it an upper bound.
"""
from __future__ import annotations

import gzip
import threading
import time
import zlib
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from conflictkg.read import TEXT_SUFFIXES

PLAIN_EVERY_SECONDS = 30.0
"""Seconds between two progress lines when the output is not a terminal."""


def count_articles(files: Sequence[Path], stop: threading.Event | None = None) -> int | None:
    """How many articles ``files`` hold, by counting files and lines; None if stopped or unreadable."""
    total = 0
    for path in files:
        if path.name.lower().endswith(TEXT_SUFFIXES):
            total += 1
            continue
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        try:
            with opener(path, "rb") as handle:
                last = b"\n"
                while chunk := handle.read(1 << 20):
                    if stop is not None and stop.is_set():
                        return None
                    total += chunk.count(b"\n")
                    last = chunk[-1:]
                total += last != b"\n"
        except (OSError, EOFError, zlib.error):  # a corrupt file: the build reports it; no total
            return None
    return total


def _clock(seconds: float) -> str:
    return str(timedelta(seconds=round(seconds)))


class _ArticleRate(ProgressColumn):
    """Articles a second since the build started (skipped ones count: they are work done too)."""

    def render(self, task) -> Text:
        rate = task.completed / task.elapsed if task.elapsed else 0.0
        return Text(f"{rate:,.1f} articles/s")


class BuildProgress:
    """Progress of a build over ``files``: ``advance()`` per article, ``problem(text)`` per problem."""

    def __init__(self, console: Console, files: Sequence[Path], every: float | None = None):
        self.console, self.files = console, list(files)
        self.every = PLAIN_EVERY_SECONDS if every is None else every
        self.total: int | None = None
        self.done = 0
        self._stop = threading.Event()
        self._bar: Progress | None = None
        self._task = None
        self._started = self._last_line = 0.0

    def __enter__(self) -> BuildProgress:
        self._started = self._last_line = time.monotonic()
        if self.console.is_terminal:
            self._bar = Progress(TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("articles"), _ArticleRate(), TimeElapsedColumn(),
                                 TextColumn("left"), TimeRemainingColumn(), console=self.console,
                                 transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task("articles", total=None)
        threading.Thread(target=self._count, name="count-articles", daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def _count(self) -> None:
        total = count_articles(self.files, self._stop)
        if total is not None:
            self.total = total
            if self._bar is not None:
                self._bar.update(self._task, total=total)

    def advance(self, *_) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.advance(self._task)
        elif time.monotonic() - self._last_line >= self.every:
            self._last_line = time.monotonic()
            self.console.print(self.line(), markup=False, highlight=False, soft_wrap=True)

    def line(self) -> str:
        """One line saying how far the build is: done, total, rate, time spent and time left."""
        elapsed = time.monotonic() - self._started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        text = f"building: {self.done:,}"
        if self.total:
            text += f"/{self.total:,} articles ({min(self.done / self.total, 1):.0%})"
        else:
            text += " articles"
        text += f", {rate:,.1f} articles/s, {_clock(elapsed)} elapsed"
        if self.total and rate > 0:
            text += f", about {_clock(max(self.total - self.done, 0) / rate)} left"
        return text

    def problem(self, text: Text | str) -> None:
        console = self._bar.console if self._bar is not None else self.console
        console.print(text, soft_wrap=True)
