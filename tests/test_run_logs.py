"""Runs that tell (issue 14, items 5, 6, 9): a collect after a correction counts every form exactly and says
where its send-back workbooks went, at the command line and in its own Prefect log and artifact; a run that
fails says why in its own log in one ERROR line. Real flow runs on the session's Prefect server."""
from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from countystat.flows.cli import main
from countystat.flows.collect import collect as collect_flow
from tests.forms import fill_form
from tests.pipelines import collect
from tests.run_logs import latest_run_on, run_artifact, run_logs, runs_log_info

JUNE = date(2020, 6, 1)
pytestmark = pytest.mark.usefixtures("prefect_server")


@pytest.fixture
def corrected(home, catalog, registry):
    """June collected from 城关镇 and 青石镇; then 城关镇's correction and 青石镇's resent form with 约3 in it."""
    fill_form(home.inbox, registry.get("T01"), JUNE, catalog, {"epidemic_teams": 3}, name="城关镇6月.xlsx")
    fill_form(home.inbox, registry.get("T02"), JUNE, catalog, {"epidemic_teams": 1}, name="青石镇6月.xlsx")
    collect(home=str(home.root), month="2020-06")
    fill_form(home.inbox, registry.get("T01"), JUNE, catalog, {"epidemic_teams": 5}, name="城关镇6月-更正.xlsx")
    fill_form(home.inbox, registry.get("T02"), JUNE, catalog, {"epidemic_teams": "约3"}, name="青石镇6月-重报.xlsx")
    return home


def test_a_collect_after_a_correction_counts_every_form_and_says_where_it_wrote(corrected, registry):
    home = corrected
    with runs_log_info():
        done = CliRunner().invoke(main, ["collect", "--month", "2020-06", "--home", str(home.root)],
                                  catch_exceptions=False)
    assert done.exit_code == 0, done.output
    counts = "accepted 1, rejected 1, superseded 1 (1 from earlier runs), held 0"
    sendback = home.reports / "sendback" / "2020-06" / "青石镇" / "青石镇6月-重报_退回修改.xlsx"
    assert sendback.exists()
    output = done.output.splitlines()
    assert output[0] == f"inbox: 4 files, 2 new; {counts}"
    assert f"send-back workbooks: 1 written under {sendback.parent}" in output

    run = latest_run_on("collect", str(home.root))
    logs = run_logs(run.id)
    said = [message for level, message in logs if level == "INFO"]
    missing = "、".join(u.name_zh for u in registry.units if u.code not in ("T01", "T02"))
    for line in ("inbox: 4 files, 2 new", f"forms: {counts}",
                 f"2020-06: 已报送 2 · 被退回 0 · 未报送 {len(registry.units) - 2}; units missing: {missing}",
                 f"send-back workbooks: 1 written under {sendback.parent}"):
        assert line in said, logs
    [rejected] = [m for m in said if m.startswith("rejected ")]
    assert rejected.startswith("rejected 青石镇6月-重报.xlsx: ") and "约3" in rejected
    [published] = [m for m in said if m.startswith("published ")]
    assert published.startswith(f"published {home.warehouse} and 1 Parquet month file(s) under {home.parquet}")
    assert not [m for level, m in logs if level == "ERROR"], logs

    markdown = run_artifact(run.id, "collect-2020-06").data
    assert f"- forms {counts}" in markdown
    assert f"[{sendback.name}]({sendback.as_uri()})" in markdown
    assert f"[warehouse.duckdb]({home.warehouse.as_uri()})" in markdown


def test_a_failing_run_says_why_in_one_error_line_of_its_own_log(home):
    with runs_log_info():
        state = collect_flow(home=str(home.root), month="2020-13", return_state=True)
    assert state.is_failed()
    logs = run_logs(state.state_details.flow_run_id)
    errors = [message for level, message in logs if level == "ERROR"]
    ours = [m for m in errors if m.startswith("collect failed: ")]
    assert len(ours) == 1, logs
    assert "2020-13" in ours[0] and "\n" not in ours[0]
    assert errors[0] == ours[0] and state.message == ours[0]  # the run's state says it too
    assert not [m for _, m in logs if "Traceback" in m], logs  # a refusal of countystat's own: no traceback
