"""The default summary draft (the seed template filled): every number bound to the warehouse, traced, never invented."""
from __future__ import annotations

import csv
import io
import re

import docx
import duckdb
import pytest
from docx.shared import RGBColor

from countystat.reports.data import read_period
from countystat.reports.halves import parse_half
from countystat.reports.plan import Plan, PlanError, load_plan
from countystat.reports.seed_template import packaged_template
from countystat.reports.summary import Review
from countystat.reports.trace import write_trace_csv
from countystat.reports.word_draft import word_draft
from tests.golden import assert_golden
from tests.half_data import with_values

FIXED_NUMBERS = ("90后", "6月中旬")  # numbers that are part of the seed's own wording


@pytest.fixture(scope="module")
def demo_data(demo_home, catalog):
    con = duckdb.connect(str(demo_home.warehouse), read_only=True)
    yield {half: read_period(con, parse_half(half), catalog) for half in ("2019H1", "2020H1", "2021H1")}
    con.close()


def draft_summary(data, plan):
    """The seed template filled for the half."""
    return word_draft(packaged_template(), data, plan)


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
    reviews: dict[str, list[str]] = {}
    for review in draft.reviews:  # a marker repeats figures traced in its sentence
        reviews.setdefault(review.sentence, []).append(review.marker)
    year = draft.title[:5]  # the half's own year, as in 2020年上半年 and 《2020年巡察工作计划》
    sentences = [s for p in [draft.title, *draft.paragraphs] for s in re.findall(r"[^。；！？]*[。；！？]?", p) if s]
    for sentence in sentences:
        rest = sentence.strip()
        texts = by_sentence.pop(rest, [])
        for review in reviews.pop(rest, []):
            assert review in rest
            rest = rest.replace(review, "", 1)
        for text in sorted(texts, key=len, reverse=True):
            assert text in rest
            rest = rest.replace(text, "", 1)
        for fixed in (*FIXED_NUMBERS, year):
            rest = rest.replace(fixed, "")
        assert not re.search(r"\d", rest), f"an untraced number in: {sentence}"
    assert by_sentence == {} and reviews == {}  # every traced sentence is in the draft


def test_every_traced_figure_equals_the_warehouse(draft, demo_home):
    con = duckdb.connect(str(demo_home.warehouse), read_only=True)
    checked = 0
    for entry in draft.trace:
        if len(entry.codes) == 1 and re.match(r"\{\{ [^.]*(\.余)? \}\}: Σ单位", entry.expression):  # the figure
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
    phrase = ("同比上升" if change > 0 else "同比下降") + f"{abs(change):.1f}个百分点"
    assert phrase in text
    claimed_rise = f"“管住大多数”拓展【请核对：该句按“上升”撰写，实际{phrase}】。"
    assert (claimed_rise in text) == (change < 0)  # the demo's share fell: the boast is marked, the number kept
    digits = str(int(data.value("media_articles")))  # two significant figures, the rest dropped
    assert f"刊发稿件{digits[:2]}{'0' * (len(digits) - 2)}余篇" in text or f"刊发稿件{digits}篇" in text


def test_missing_data_yields_markers_not_numbers(demo_data):
    draft = draft_summary(demo_data["2019H1"], Plan())
    assert "【缺数：90后干部 2018H1】" in draft.missing
    assert "【缺数：第一二种形态占比 2018H1】" in draft.missing
    assert "【缺数：plan.toml [county] name 2019H1】" in draft.missing  # where to write it
    assert "【缺数：plan.toml [targets] model_villages 2019H1】" in draft.missing
    empty = draft_summary(demo_data["2021H1"], Plan())
    assert "【缺数：县委常委会会议 2021H1】" in empty.missing
    assert "先后召开县委常委会0次" not in empty.markdown()


BOAST = "监督执纪不断由“惩治极少数”向“管住大多数”拓展"
FELL = "【请核对：该句按“上升”撰写，实际同比下降3.3个百分点】"


def test_a_boast_the_figure_contradicts_is_marked_and_listed(draft):
    [review] = draft.reviews  # the demo's 一二种形态 share fell 3.3 points; the seed's sentence boasts a rise
    assert review == Review(FELL, review.sentence)
    assert review.sentence.endswith(f"其中一二种形态占比同比下降3.3个百分点，{BOAST}{FELL}。")
    assert review.sentence in draft.markdown()
    [entry] = [e for e in draft.trace if e.review]
    assert entry.expression.startswith("{{ 第一二种形态占比.同比应上升 }}: form12_share = ")
    assert entry.text == "同比下降3.3个百分点" and entry.row()["核对"] == FELL


def test_the_marked_sentence_is_red_in_the_docx(draft):
    runs = [r for p in docx.Document(io.BytesIO(draft.document)).paragraphs for r in p.runs]
    [marker] = [r for r in runs if "请核对" in r.text]
    assert marker.text == FELL and marker.font.bold is True and marker.font.color.rgb == RGBColor(0xFF, 0, 0)
    assert "".join(r.text for r in runs).count(BOAST + FELL + "。") == 1


def moved(data, share: float | None = None, post90: float | None = None, bachelor: float | None = None):
    """The half with the 一二种形态 share moved by `share` points on last year, and the cadres' counts
    by `post90` and `bachelor` percent."""
    values = {}
    if share is not None:
        values["form12_share"] = data.derived["form12_share"].prev_value + share
    for code, pct in (("cadres_post90", post90), ("cadres_bachelor", bachelor)):
        if pct is not None:
            values[code] = data.county[code].prev_value * (1 + pct / 100)
    return with_values(data, **values)


@pytest.mark.parametrize("moves, marked", [
    ({"share": 2.0}, []),                                                    # rise claimed, rise found
    ({"share": 0.04}, ["【请核对：该句按“上升”撰写，实际与去年同期持平】"]),
    ({"post90": -4.0}, ["【请核对：该句按“增长”撰写，实际同比下降4.0%】", FELL]),
    ({"post90": -4.0, "bachelor": -1.0, "share": 1.0},
     ["【请核对：该句按“增长”撰写，实际同比下降4.0%、同比下降1.0%】"]),  # one marker per sentence and claim
])
def test_the_default_template_marks_what_goes_against_it(demo_data, moves, marked):
    draft = draft_summary(moved(demo_data["2020H1"], **moves), Plan())
    assert [r.marker for r in draft.reviews] == marked
    text = draft.markdown()
    assert text.count("【请核对") == len(marked)
    for review in draft.reviews:
        assert review.sentence.endswith(review.marker + "。") and review.sentence in text


def test_a_derived_figure_traces_to_every_cell_of_both_halves(draft, demo_data):
    data = demo_data["2020H1"]
    [entry] = [e for e in draft.trace if e.expression.startswith("{{ 第一二种形态占比.同比")]
    forms = ["form1_cases", "form2_cases", "form3_cases", "form4_cases"]
    cells = [c for half in ("2020H1", "2019H1") for code in forms for c in data.sources.get((half, code), [])]
    assert len(cells) > 0 and len(entry.sources) == len(cells)
    assert any("2019-06=" in s for s in entry.sources) and any("2020-06=" in s for s in entry.sources)


def test_the_trace_prints_values_as_the_draft_rounds_them(draft, tmp_path):
    rows = list(csv.DictReader(write_trace_csv(tmp_path / "trace.csv", draft.trace).open(encoding="utf-8-sig")))
    assert len(rows) == len(draft.trace)
    funds = next(r for r in rows if r["指标"] == "funds_recovered")
    assert funds["数值"] == funds["文本"]  # 134.52, never 134.51999999999998
    for row in rows:
        assert re.fullmatch(r"|-?\d+(\.\d{1,2})?|[^\d].*", row["数值"]), row
        if row["文本"].endswith("%") and row["文本"][0].isdigit():
            assert float(row["数值"]) == float(row["文本"].rstrip("%"))
        assert row["来源"] or not row["指标"] or row["文本"].startswith("【缺数"), row  # every figure has its cells


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
