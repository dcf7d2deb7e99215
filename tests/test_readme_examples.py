"""Every command the README and the `--help` texts show runs, as shown, against the example build.

The commands are read from the documents themselves (every line of a fenced block that starts
with `conflictkg` or `$ conflictkg`, every `conflictkg …` line of a help text), so a command
added to the README is tested without touching this file. The few that need something a test
machine does not have are listed in NOT_RUN with the reason and where they are tested instead;
each entry must still match a documented command, so the list cannot go stale.
"""
from __future__ import annotations

import gzip
import json
import re
import shlex
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conflictkg.cli import main
from conflictkg.resources import example_gold_dir, examples_dir

README = Path(__file__).resolve().parents[1] / "README.md"

NOT_RUN = {
    "sparql+http": "needs a SPARQL server: tests/test_sparql_store.py runs the build against one",
    "--engine dask": "starts a Dask cluster: tests/test_dask.py builds on one",
    "conflictkg serve": "serves until stopped: tests/test_serve.py and tests/test_web_page.py start it",
}


def readme_commands() -> list[tuple[str, str]]:
    """(where, command) for every command line of the README's fenced blocks, in order."""
    commands, fenced = [], False
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            fenced = not fenced
        elif fenced and re.match(r"(\$ )?conflictkg ", line):
            commands.append((f"README.md:{number}", line.removeprefix("$ ")))
    return commands


def help_commands() -> list[tuple[str, str]]:
    """(where, command) for every `conflictkg …` example in the help of the group and its commands."""
    found = []
    with click.Context(main, info_name="conflictkg") as context:
        texts = [("conflictkg --help", main.get_help(context))]
        for name, command in main.commands.items():
            with click.Context(command, parent=context, info_name=name) as sub:
                texts.append((f"conflictkg {name} --help", command.get_help(sub)))
    for where, text in texts:
        for line in text.splitlines():
            if line.startswith("Usage:"):
                continue
            match = re.search(r"(?:^|\s|:)(conflictkg (?!\w+ --help)[a-z].*)$", line.strip())
            if match and not match.group(1).startswith("conflictkg build … --store"):
                found.append((where, match.group(1).strip()))
    return found


DOCUMENTED = readme_commands() + help_commands()


def skip_reason(command: str) -> str | None:
    reason = next((reason for key, reason in NOT_RUN.items() if key in command), None)
    if reason is None and "--format parquet" in command and not _has("pandas", "pyarrow"):
        reason = "pandas and pyarrow are the optional extra conflictkg[analysis], not installed here"
    return reason


def _has(*modules: str) -> bool:
    import importlib.util

    return all(importlib.util.find_spec(module) for module in modules)


def test_the_documents_show_commands_and_every_exception_is_still_documented():
    assert len(readme_commands()) >= 8 and len(help_commands()) >= 5
    for key in NOT_RUN:
        assert any(key in command for _, command in DOCUMENTED), f"NOT_RUN[{key!r}] matches no documented command"


@pytest.fixture(scope="module")
def desk(tmp_path_factory, example_store):
    """A folder laid out as the README assumes: articles/, a corpus, out/store (make run), a gold file."""
    folder = tmp_path_factory.mktemp("desk")
    shutil.copytree(examples_dir(), folder / "articles", ignore=shutil.ignore_patterns("*.json", "README.md"))
    shutil.copytree(example_store, folder / "out" / "store")
    meta = {m["id"]: m for m in map(json.loads, (examples_dir() / "meta.jsonl").read_text(encoding="utf-8").splitlines())}
    with gzip.open(folder / "corpus.jsonl.gz", "wt", encoding="utf-8") as corpus:
        for path in sorted(examples_dir().glob("*.txt")):
            title, _, body = path.read_text(encoding="utf-8").partition("\n")
            corpus.write(json.dumps({**meta[path.stem], "title": title, "text": body.strip()}, ensure_ascii=False) + "\n")
    shutil.copytree(folder / "articles", folder / "corpus")
    shutil.copy(example_gold_dir() / "gold.json", folder / "my-gold.json")
    shutil.copy(example_gold_dir() / "gold-catalogue.json", folder)
    return folder


@pytest.mark.parametrize("where,command", DOCUMENTED, ids=[f"{w} {c}" for w, c in DOCUMENTED])
def test_a_documented_command_runs(desk, monkeypatch, where, command):
    reason = skip_reason(command)
    if reason:
        pytest.skip(reason)
    monkeypatch.chdir(desk)
    args = shlex.split(command, comments=True)
    assert args[0] == "conflictkg"
    result = CliRunner().invoke(main, args[1:])
    assert result.exit_code == 0, f"{where}: {command}\n{result.output}"


def test_the_worked_example_prints_what_the_readme_shows(desk, monkeypatch):
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("$ conflictkg query pledged-allegiance --store out/store --format markdown")
    shown = lines[start + 1:lines.index("```", start)]
    monkeypatch.chdir(desk)
    result = CliRunner().invoke(main, shlex.split(lines[start].removeprefix("$ "))[1:])
    assert result.exit_code == 0 and result.output.splitlines() == shown


def test_the_python_example_runs(desk, monkeypatch, capsys):
    pytest.importorskip("pandas", reason="the example uses to_pandas: pip install 'conflictkg[analysis]'")
    text = README.read_text(encoding="utf-8")
    block = text[text.index("```python\n") + len("```python\n"):]
    block = block[:block.index("```")]
    monkeypatch.chdir(desk)
    exec(compile(block, "README.md (From Python)", "exec"), {})
    assert "ck:Airstrike names nothing in the graph; nearest: ck:AirStrike" in capsys.readouterr().out
