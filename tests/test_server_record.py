"""Every command finds the Prefect server `countystat serve` recorded in the home, and ignores a stale record.

The record is written here as serve writes it, pointing at the session's Prefect server
(tests/test_serve.py checks that serve writes and removes it); one real `countystat collect` process
runs on it. The fallbacks are checked on the lookup itself: a command falling back pays Prefect's
ephemeral start-up (about 20 s) for nothing more to see.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from countystat.flows.ops.server_record import (
    STALE, ServerRecord, live_server, read_record, record_path, remove_record, use_recorded_server, write_record,
)
from countystat.sources.home import Home
from tests.serve_helpers import CLI, clean_env, free_port, prefect_client, with_june_form


@pytest.fixture
def no_api_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """No PREFECT_API_URL in the environment, and whatever the test sets there undone after it."""
    monkeypatch.setenv("PREFECT_API_URL", "")
    monkeypatch.delenv("PREFECT_API_URL")


def dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return done.pid


def collect_runs(api_url: str, home: Home) -> list:
    """The collect flow runs on this server for this home."""
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName

    with prefect_client(api_url) as client:
        runs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=["collect"])), limit=200)
    return [run for run in runs if run.parameters.get("home") == str(home.root)]


def test_collect_runs_on_the_server_serve_recorded_for_the_home(prefect_server, tmp_path, catalog, registry):
    home = with_june_form(Home(tmp_path / "home"), catalog, registry)
    write_record(home, prefect_server, os.getpid())  # a live pid: this test's process stands for serve
    done = subprocess.run([CLI, "collect", "--home", str(home.root), "--month", "2020-06"],
                          env=clean_env(), capture_output=True, text=True, timeout=300)  # nothing exported
    assert done.returncode == 0, done.stdout + done.stderr
    assert "accepted 1" in done.stdout and STALE not in done.stderr, done.stdout + done.stderr
    [run] = collect_runs(prefect_server, home)
    assert run.state.is_completed() and run.parameters["month"] == "2020-06"


def test_the_record_is_written_whole_and_removed_only_by_its_serve(home):
    write_record(home, "http://127.0.0.1:4200/api", 1234)
    assert read_record(record_path(home)) == ServerRecord("http://127.0.0.1:4200/api", 1234)
    assert [p.name for p in record_path(home).parent.iterdir()] == ["server.json"]  # no scratch file left
    remove_record(home, 999)  # another serve's stop leaves this one's record
    assert record_path(home).exists()
    remove_record(home, 1234)
    assert not record_path(home).exists()
    remove_record(home, 1234)  # nothing to remove: no error


@pytest.mark.usefixtures("no_api_url")
def test_a_live_record_sets_the_api_url(prefect_server, home):
    write_record(home, prefect_server, os.getpid())
    assert use_recorded_server(home) is None
    assert os.environ["PREFECT_API_URL"] == prefect_server


@pytest.mark.usefixtures("no_api_url")
def test_a_record_whose_serve_is_gone_is_ignored_in_one_line(prefect_server, home):
    write_record(home, prefect_server, dead_pid())  # the server answers, but serve was killed
    assert use_recorded_server(home) == STALE
    assert "PREFECT_API_URL" not in os.environ


@pytest.mark.usefixtures("no_api_url")
def test_a_record_whose_server_answers_nothing_is_ignored_in_one_line(home):
    write_record(home, f"http://127.0.0.1:{free_port()}/api", os.getpid())  # serve runs; nothing listens there
    assert live_server(home) == (None, STALE)
    assert use_recorded_server(home) == STALE
    assert "PREFECT_API_URL" not in os.environ


@pytest.mark.usefixtures("no_api_url")
def test_no_record_no_server_and_nothing_said(home):
    assert use_recorded_server(home) is None
    record_path(home).parent.mkdir(parents=True)
    record_path(home).write_text("{not json", "utf-8")  # a torn or hand-edited file is no record
    assert use_recorded_server(home) is None
    assert "PREFECT_API_URL" not in os.environ


def test_an_exported_api_url_wins_over_the_record(monkeypatch, prefect_server, home):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:1/api")
    write_record(home, prefect_server, os.getpid())
    assert use_recorded_server(home) is None
    assert os.environ["PREFECT_API_URL"] == "http://127.0.0.1:1/api"
    write_record(home, prefect_server, dead_pid())
    assert use_recorded_server(home) is None  # a stale record is not even read: nothing to say


def test_the_command_says_a_stale_record_in_one_line(monkeypatch, home, capsys):
    from countystat.flows.cli import common

    monkeypatch.setattr("countystat.flows.ops.prefect_env.configure_prefect", lambda home: None)  # no Prefect here
    monkeypatch.setenv("PREFECT_API_URL", "")
    monkeypatch.delenv("PREFECT_API_URL")
    write_record(home, f"http://127.0.0.1:{free_port()}/api", dead_pid())
    common.start_prefect(home)
    captured = capsys.readouterr()
    assert captured.err == STALE + "\n" and captured.out == ""

