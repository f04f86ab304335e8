"""`report` refuses a half in the future or with no data at all, in one line, before Prefect starts."""
from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from countystat.flows.cli import main
from countystat.reports.halves import Half
from countystat.reports.period_refusal import half_figures, refusal

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize("half, figures, words", [
    (Half(2031, 1), 0, ["2031H1 has not begun", "2026-11-30"]),
    (Half(2027, 1), 5, ["2027H1 has not begun"]),          # figures or not: the future is not reported
    (Half(2021, 1), 0, ["no accepted figure for 2021H1", "2021-01 to 2021-06", "collect"]),
    (Half(2026, 2), 0, ["no accepted figure for 2026H2"]),  # begun, nothing arrived yet
])
def test_a_half_is_refused_with_its_reason(half, figures, words):
    reason = refusal(half, TODAY, figures)
    assert reason is not None and "\n" not in reason
    for word in words:
        assert word in reason


@pytest.mark.parametrize("half", [Half(2020, 1), Half(2026, 2)])  # ended, or under way with some figures
def test_a_half_with_figures_that_has_begun_is_reported(half):
    assert refusal(half, TODAY, 1) is None


def test_the_demo_warehouse_has_figures_for_2020h1_only_among_these(demo_home):
    assert half_figures(demo_home, Half(2020, 1)) >= 40
    assert half_figures(demo_home, Half(2021, 1)) == 0


@pytest.mark.parametrize("half, words", [
    ("2031H1", "2031H1 has not begun"),
    ("2021H1", "no accepted figure for 2021H1"),
])
def test_report_refuses_in_one_line_and_writes_nothing(demo_home, half, words):
    result = CliRunner().invoke(main, ["report", "--home", str(demo_home.root), "--half", half])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: ") and words in line
    assert not (demo_home.reports / half).exists()
