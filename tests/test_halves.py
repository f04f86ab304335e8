"""Half-years: parsing, and which half a scheduled report is for."""
from __future__ import annotations

from datetime import date

import pytest

from countystat.reports.halves import Half, HalfError, last_ended_half, parse_half


@pytest.mark.parametrize("today, half", [
    (date(2020, 7, 10), "2020H1"),   # the July schedule: the first half of this year
    (date(2021, 1, 10), "2020H2"),   # the January schedule: the second half of the year before
    (date(2020, 6, 30), "2019H2"),
    (date(2020, 7, 1), "2020H1"),
    (date(2020, 12, 31), "2020H1"),
    (date(2021, 1, 1), "2020H2"),
])
def test_the_last_ended_half(today, half):
    assert last_ended_half(today).label == half


def test_the_last_ended_half_has_ended_and_the_next_has_not():
    for offset in range(366):
        today = date.fromordinal(date(2020, 1, 1).toordinal() + offset)
        half = last_ended_half(today)
        assert half.months[-1] < today.replace(day=1)
        following = Half(half.year, 2) if half.part == 1 else Half(half.year + 1, 1)
        assert following.months[-1] >= today.replace(day=1)


def test_parse_half():
    assert parse_half(" 2020h2 ") == Half(2020, 2)
    with pytest.raises(HalfError):
        parse_half("2020H3")


@pytest.mark.parametrize("typed, half", [("2020H1", Half(2020, 1)), ("2020-H2", Half(2020, 2)),
                                         ("2020年上半年", Half(2020, 1)), ("2020下半年", Half(2020, 2)),
                                         ("２０２０Ｈ１", Half(2020, 1))])
def test_a_half_as_people_type_it(typed, half):
    assert parse_half(typed) == half


@pytest.mark.parametrize("typed", ["2020", "H1", "2020年半年", "2020H0", "上半年"])
def test_a_half_that_is_none_names_the_forms(typed):
    with pytest.raises(HalfError, match=f"「{typed}」不是一个半年：请写成 2020H1（上半年）或 2020H2（下半年）"):
        parse_half(typed)


@pytest.mark.usefixtures("prefect_server")
def test_the_report_flow_without_a_half_reports_on_the_last_ended_half(demo_home):
    from countystat.flows.report import report

    files = report(home=str(demo_home.root))
    expected = last_ended_half(date.today()).label
    assert files.period == expected and files.workbook.parent == demo_home.reports / expected
