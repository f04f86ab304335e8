"""The README stays true: every command is documented, and its analyst queries run on the demo."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from countystat.flows.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_documented_with_an_example(command):
    assert f"### `countystat {command}`" in README
    assert re.search(rf"^countystat {command}\b", README, re.MULTILINE)
    assert "Example:" in (main.commands[command].help or "")


def readme_queries() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", README, re.DOTALL)


def test_readme_has_analyst_queries():
    assert len(readme_queries()) >= 4


def test_readme_queries_run_on_the_demo_warehouse(demo_home):
    con = duckdb.connect(str(demo_home.warehouse), read_only=True)
    for query in readme_queries():
        query = query.replace("countystat-home/", f"{demo_home.root}/")
        assert con.execute(query).fetchall(), query
    con.close()


def test_make_targets_are_the_readme_commands():
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text()
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "make demo" in README and "make test" in README
    assert "countystat demo --home" in makefile
    assert "make test" in ci


def test_the_readme_excerpt_is_the_demo_draft():
    golden = (Path(__file__).resolve().parent / "golden" / "2020H1_summary.md").read_text(encoding="utf-8")
    excerpt = "".join(line.removeprefix("> ") for line in README.splitlines() if line.startswith("> "))
    pieces = [p for p in excerpt.split("……") if p]
    assert len(pieces) == 2 and all(piece in golden for piece in pieces)


def readme_python() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, re.DOTALL)


def test_readme_pandas_examples_run_on_the_demo_warehouse(demo_home, capsys):
    [example] = readme_python()
    names: dict[str, object] = {}
    exec(compile(example.replace("countystat-home", str(demo_home.root)), "README.md", "exec"), names)
    assert len(names["values"]) == duckdb.connect(str(demo_home.warehouse), read_only=True).execute(
        "SELECT count(*) FROM monthly_values").fetchone()[0]
    assert len(names["h1"]) and not names["late"].empty
    assert "立案" in capsys.readouterr().out


@pytest.mark.skipif(not (ROOT / ".venv" / ".installed").exists() or shutil.which("make") is None,
                    reason="no .venv made by `make install` here (or no make): `make demo` would build one first")
def test_a_second_make_demo_says_what_is_there_and_how_to_start_over(tmp_path):
    home = tmp_path / "home"
    (home / "inbox").mkdir(parents=True)
    (home / "warehouse.duckdb").write_bytes(b"")
    done = subprocess.run(["make", "-s", "demo", f"HOME_DIR={home}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0
    assert done.stdout.strip() == (f"{home} already holds a demo warehouse: query it as the README shows, "
                                   "or run `make clean` then `make demo` to build it anew.")
    assert set(home.iterdir()) == {home / "inbox", home / "warehouse.duckdb"}  # nothing written
