"""The summary draft: every number bound to the warehouse, traced, never invented."""
from __future__ import annotations

import re

import duckdb
import pytest

from countystat.reports.data import read_half_year
from countystat.reports.halves import parse_half
from countystat.reports.plan import Plan, PlanError, load_plan
from countystat.reports.summary import draft_summary
from tests.golden import assert_golden

FIXED_NUMBERS = ("90后", "6月中旬")  # numbers that are part of the seed's own wording


@pytest.fixture(scope="module")
def demo_data(demo_home, catalog):
    con = duckdb.connect(str(demo_home.warehouse), read_only=True)
    yield {half: read_half_year(con, parse_half(half), catalog) for half in ("2019H1", "2020H1", "2021H1")}
    con.close()


@pytest.fixture(scope="module")
def draft(demo_data, demo_home):
    return draft_summary(demo_data["2020H1"], load_plan(demo_home.plan_toml))


def test_no_placeholder_is_left_where_data_exists(draft):
    text = draft.markdown()
    assert "XX" not in text and "xx" not in text
    assert draft.missing == [] and "【缺数" not in text


def test_every_number_in_the_draft_is_in_the_trace(draft):
    by_sentence: dict[str, list[str]] = {}
    for entry in draft.trace:
        by_sentence.setdefault(entry.sentence, []).append(entry.text)
    year = draft.title[:5]  # the half's own year, as in 2020年上半年 and 《2020年巡察工作计划》
    sentences = [s for p in [draft.title, *draft.paragraphs] for s in re.findall(r"[^。；！？]*[。；！？]?", p) if s]
    for sentence in sentences:
        rest = sentence.strip()
        for text in sorted(by_sentence.pop(rest, []), key=len, reverse=True):
            assert text in rest
            rest = rest.replace(text, "", 1)
        for fixed in (*FIXED_NUMBERS, year):
            rest = rest.replace(fixed, "")
        assert not re.search(r"\d", rest), f"an untraced number in: {sentence}"
    assert by_sentence == {}  # every traced sentence is in the draft


def test_every_traced_figure_equals_the_warehouse(draft, demo_home):
    con = duckdb.connect(str(demo_home.warehouse), read_only=True)
    checked = 0
    for entry in draft.trace:
        if len(entry.codes) == 1 and entry.expression.startswith("Σ单位"):
            [code] = entry.codes
            stored = con.execute("SELECT value FROM county_half_year WHERE half = '2020H1' AND indicator_code = ?",
                                 [code]).fetchone()[0]
            assert entry.value == stored, code
            summed = sum(float(re.search(r"=(-?[\d.]+)）$", s).group(1)) for s in entry.sources)
            assert summed == pytest.approx(stored), code  # the traced cells add up to the figure
            checked += 1
    con.close()
    assert checked >= 40


def test_wording_follows_the_values(draft, demo_data):
    text = draft.markdown()
    data = demo_data["2020H1"]
    assert data.value("infections") == 0 and "“零感染”" in text
    change = data.value("form12_share_change")
    assert ("同比上升" if change > 0 else "同比下降") + f"{abs(change):.1f}个百分点" in text
    media = data.value("media_articles")
    assert f"刊发稿件{int(media) // 10 * 10 if media < 200 else int(media) // 100 * 100}余篇" in text


def test_missing_data_yields_markers_not_numbers(demo_data):
    draft = draft_summary(demo_data["2019H1"], Plan())
    assert "【缺数：90后干部人数同比增长 2018H1】" in draft.missing
    assert "【缺数：第一二种形态占比同比变化 2018H1】" in draft.missing
    assert "【缺数：县名 2019H1】" in draft.missing
    assert "【缺数：党建工作精品示范村 2019H1】" in draft.missing
    empty = draft_summary(demo_data["2021H1"], Plan())
    assert "【缺数：县委常委会会议 2021H1】" in empty.missing
    assert "先后召开县委常委会0次" not in empty.markdown()


def test_the_draft_matches_its_golden_file(draft):
    assert_golden("2020H1_summary.md", draft.markdown())


@pytest.mark.parametrize("text, words", [
    ('[county]\nname = "某某县\n', ["第2行", "name = \"某某县", "引号没有配对"]),
    ("[county]\nname = 某某县\n", ["第2行", "英文双引号"]),
    ("[report]\ndeadline_day 5\n", ["第2行", "缺少等号"]),
    ("[report]\ndeadline_day = 5\ndeadline_day = 6\n", ["第3行", "重复"]),
    ("[report]\ndeadline_day = 31\n", ["deadline_day", "1 到 28", "31"]),
    ('county = "某某县"\n', ["「county」应是一节", "[county]"]),
    ("[county]\nname = 3\n", ["[county] 的 name", "英文双引号"]),
])
def test_a_broken_plan_is_one_chinese_line_naming_file_and_line(tmp_path, text, words):
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(plan)
    message = str(caught.value)
    assert message.startswith(str(plan)) and "\n" not in message
    assert not any(english in message for english in ("Illegal", "Invalid", "Expected", "Cannot", "must be"))
    for word in words:
        assert word in message, message
