"""Exported files get the user's normal file mode (umask), not the private 0600 of a temp file."""
from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from conflictkg.cli import main


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


@pytest.mark.parametrize("fmt,name", [("csv", "events.csv"), ("gexf", "actors.gexf"), ("html", "picture.html"),
                                      ("trig", "graph.trig"), ("ttl", "graph.ttl")])
def test_exports_follow_the_umask(example_store, tmp_path, umask_027, fmt, name):
    output = tmp_path / name
    result = CliRunner().invoke(main, ["export", fmt, str(output), "--store", str(example_store)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(output.stat().st_mode) == 0o640


def test_the_build_export_follows_the_umask(tmp_path, umask_027):
    output = tmp_path / "graph.trig"
    result = CliRunner().invoke(main, ["build", "--examples", "--store", str(tmp_path / "s"), "--export", str(output)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(output.stat().st_mode) == 0o640
