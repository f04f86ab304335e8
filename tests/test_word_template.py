"""The office's own Word template, filled from the demo warehouse: placeholders split across runs,
the office's formatting kept, every number traced, unknown placeholders named with the nearest."""
from __future__ import annotations

import docx
import duckdb
import pytest
from docx.shared import RGBColor

from countystat.reports.data import PeriodData, read_period
from countystat.reports.halves import parse_half
from countystat.reports.plan import Plan, load_plan
from countystat.reports.summary_fields import field_list
from countystat.reports.word_template import TemplateError, fill_word_template
from tests.golden import assert_golden
from tests.half_data import with_values

RED = RGBColor(0xC0, 0x00, 0x00)


@pytest.fixture(scope="module")
def halves(demo_home, catalog):
    con = duckdb.connect(str(demo_home.warehouse), read_only=True)
    yield {half: read_period(con, parse_half(half), catalog) for half in ("2020H1", "2021H1")}
    con.close()


def county(demo_home, code: str, half: str = "2020H1") -> tuple[float, float | None]:
    """This half's and last year's county figure, straight from the analysts' view."""
    con = duckdb.connect(str(demo_home.warehouse), read_only=True)
    row = con.execute("SELECT value, change_pct FROM county_half_year WHERE half = ? AND indicator_code = ?",
                      [half, code]).fetchone()
    con.close()
    return row


def office_template(path, *paragraphs: list[tuple[str, dict]]):
    """A .docx as an office writes it: each paragraph's runs with their own formatting, split where Word splits."""
    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph(style="Normal")
        for text, style in runs:
            run = paragraph.add_run(text)
            run.bold = style.get("bold")
            if style.get("red"):
                run.font.color.rgb = RED
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "90后干部"
    table.cell(0, 1).text = '{{ 指标["90后干部"] }}人'
    document.save(path)
    return path


SPLIT = [("全县共立案", {}), ("{{ 立", {"bold": True}), ("案 }}", {"bold": True}), ("件，", {}),
         ("{{ 立案.同比 }}", {"red": True}), ("；先后培训", {}), ("{{ 干部培训.余 }}", {}), ("人次。", {})]
SHARES = [("四种形态占比", {}), ("{{ 第一种形态占比 }}", {}), ("，一二种形态占比", {}), ("{{ 第一二种形态占比.同比 }}", {}),
          ("。", {})]


def test_placeholders_split_across_runs_are_filled_and_the_office_formatting_kept(tmp_path, halves, demo_home):
    template = office_template(tmp_path / "模板.docx", SPLIT, SHARES)
    filled = fill_word_template(template, tmp_path / "out" / "总结.docx", halves["2020H1"])
    document = docx.Document(str(filled.path))
    cases, cases_pct = county(demo_home, "cases_filed")
    trained, _ = county(demo_home, "training_attendance")
    first = document.paragraphs[0]
    assert first.text.startswith(f"全县共立案{cases:.0f}件，同比")
    assert f"{abs(cases_pct):.1f}%" in first.text
    assert "{{" not in "".join(p.text for p in document.paragraphs)
    assert f"{int(str(int(trained))[:2]) * 10 ** (len(str(int(trained))) - 2)}余人次" in first.text
    bold = [r.text for r in first.runs if r.bold]
    assert bold == [f"{cases:.0f}"]  # the number took the formatting of the run its placeholder began in
    assert any(r.font.color.rgb == RED and r.text.startswith("同比") for r in first.runs)
    assert document.tables[0].cell(0, 1).text.endswith("人") and "{{" not in document.tables[0].cell(0, 1).text
    assert filled.missing == []
    assert_golden("word_template_2020H1.txt", "\n".join(
        [p.text for p in document.paragraphs] + [c.text for c in document.tables[0].row_cells(0)]) + "\n")


def test_every_placeholder_filled_is_traced_to_its_sentence_and_cells(tmp_path, halves):
    template = office_template(tmp_path / "模板.docx", SPLIT, SHARES)
    filled = fill_word_template(template, tmp_path / "总结.docx", halves["2020H1"])
    assert [e.expression.split(":")[0] for e in filled.trace] == [
        "{{ 立案 }}", "{{ 立案.同比 }}", "{{ 干部培训.余 }}", "{{ 第一种形态占比 }}", "{{ 第一二种形态占比.同比 }}",
        '{{ 指标["90后干部"] }}']
    for entry in filled.trace:
        assert entry.text in entry.sentence and entry.sources, entry
    change = filled.trace[4]  # a derived figure of derived figures traces to the catalog's cells, both years
    assert change.codes == ["form1_cases", "form2_cases", "form3_cases", "form4_cases"]
    assert any("2019-" in s for s in change.sources) and any("2020-" in s for s in change.sources)
    assert all("e-" not in s and "999999" not in s for e in filled.trace for s in e.sources)


def test_a_half_without_data_leaves_visible_markers_and_lists_them(tmp_path, halves):
    template = office_template(tmp_path / "模板.docx", SPLIT)
    filled = fill_word_template(template, tmp_path / "总结.docx", halves["2021H1"])
    text = docx.Document(str(filled.path)).paragraphs[0].text
    assert "【缺数：立案 2021H1】" in text and filled.missing[0] == "【缺数：立案 2021H1】"


@pytest.mark.parametrize("runs, words", [
    ([("立案{{ 立按 }}件", {})], ["「{{ 立按 }}」不是可用的占位符", "立案"]),
    ([("{{ 立案.同步 }}", {})], ["「立案.同步」", "立案.同比", "立案.余"]),
    ([('{{ 指标["九零后干部"] }}', {})], ['指标["九零后干部"]', "没有这个指标"]),
    ([("{{ 90后干部 }}", {})], ["占位符写法有误", '指标["名称"]']),
    ([("{{ 追回资金.余 }}", {})], ["不是计数", "追回资金"]),
])
def test_a_placeholder_that_names_nothing_is_one_line_naming_it_and_the_nearest(tmp_path, halves, runs, words):
    template = office_template(tmp_path / "模板.docx", runs)
    with pytest.raises(TemplateError) as caught:
        fill_word_template(template, tmp_path / "总结.docx", halves["2020H1"])
    message = str(caught.value)
    assert message.startswith("模板.docx：") and "\n" not in message
    for word in words:
        assert word in message, message
    assert not (tmp_path / "总结.docx").exists()


def test_the_field_list_offers_every_indicator_and_derived_figure_with_its_readings(halves, catalog):
    listed = list(field_list(halves["2020H1"]))
    placeholders = {r.placeholder for r in listed}
    assert {"立案", "立案.同比", "立案.余", "立案.上年", '指标["90后干部"]', "第一二种形态占比.同比"} <= placeholders
    assert "追回资金.余" not in placeholders  # an amount is never written as 余
    assert {r.placeholder.split(".")[0] for r in listed} >= {i.name_zh for i in catalog.indicators if i.name_zh.isidentifier()}
    assert all(r.text for r in listed)


def test_the_fields_command_lists_placeholders_and_checks_a_template(tmp_path, demo_home):
    from click.testing import CliRunner

    from countystat.flows.cli import main

    good = office_template(tmp_path / "好模板.docx", SHARES)
    listed = CliRunner().invoke(main, ["fields", "--home", str(demo_home.root), "--half", "2020H1",
                                       "--template", str(good)])
    assert listed.exit_code == 0, listed.output
    assert "立案.同比" in listed.output and "好模板.docx：3 个占位符都能填写" in listed.output  # with the table cell
    assert "计划.county_committee_term" in listed.output and "青山县" in listed.output  # plan.toml's too
    bad = office_template(tmp_path / "坏模板.docx", [("{{ 立按 }}", {})])
    refused = CliRunner().invoke(main, ["fields", "--home", str(demo_home.root), "--half", "2020H1",
                                        "--template", str(bad)])
    assert refused.exit_code == 1
    assert refused.output.splitlines()[-1].startswith("Error: 坏模板.docx：「{{ 立按 }}」不是可用的占位符")


def filled_text(tmp_path, data, *sentences: str, plan: Plan = Plan()):
    """Each sentence a paragraph of a template made in the test; the filled paragraphs and what filling found."""
    template = office_template(tmp_path / "模板.docx", *[[(s, {})] for s in sentences])
    filled = fill_word_template(template, tmp_path / "总结.docx", data, plan)
    return [p.text for p in docx.Document(str(filled.path)).paragraphs], filled


def share_change(data, points: float) -> PeriodData:
    """The half's data with the 一二种形态 share moved by `points` against last year."""
    return with_values(data, form12_share=data.derived["form12_share"].prev_value + points)


BOAST = "其中一二种形态占比{{ 第一二种形态占比.同比应上升 }}，监督执纪不断拓展。"


@pytest.mark.parametrize("points, expected", [
    (-3.25, "其中一二种形态占比同比下降3.3个百分点，监督执纪不断拓展【请核对：该句按“上升”撰写，实际同比下降3.3个百分点】。"),
    (2.0, "其中一二种形态占比同比上升2.0个百分点，监督执纪不断拓展。"),
    (0.04, "其中一二种形态占比与去年同期持平，监督执纪不断拓展【请核对：该句按“上升”撰写，实际与去年同期持平】。"),
])
def test_a_direction_claim_the_figure_contradicts_is_marked_in_red_and_listed(tmp_path, halves, points, expected):
    paragraphs, filled = filled_text(tmp_path, share_change(halves["2020H1"], points), BOAST)
    assert paragraphs[0] == expected
    marked = "请核对" in expected
    assert [r.sentence for r in filled.reviews] == ([expected] if marked else [])
    runs = docx.Document(str(filled.path)).paragraphs[0].runs
    red = [r.text for r in runs if r.font.color.rgb == RGBColor(0xFF, 0, 0)]
    assert red == ([filled.reviews[0].marker] if marked else [])
    assert all(r.font.bold for r in runs if r.text in red)
    entry = filled.trace[0]  # then the table's 90后干部
    assert bool(entry.review) == marked and entry.sentence == expected


def test_a_zero_claim_reads_zero_or_is_marked(tmp_path, halves):
    sentence = "确保了全县“{{ 确诊感染病例.应为零 }}感染”目标。"
    paragraphs, filled = filled_text(tmp_path, with_values(halves["2020H1"], infections=0.0), sentence)
    assert paragraphs == ["确保了全县“零感染”目标。"] and filled.reviews == []
    paragraphs, filled = filled_text(tmp_path, with_values(halves["2020H1"], infections=3.0), sentence)
    assert paragraphs == ["确保了全县“3感染”目标【请核对：该句按“零”撰写，实际为3】。"]


def test_two_changes_in_one_phrase(tmp_path, halves):
    pair = '人数{{ 同比分别(指标["90后干部"], 大学本科学历干部, "增长") }}。'
    paragraphs, filled = filled_text(tmp_path, halves["2020H1"], pair)
    assert paragraphs == ["人数同比分别增长20.9%、7.3%。"] and [e.text for e in filled.trace[:2]] == ["20.9%", "7.3%"]
    fell = with_values(halves["2020H1"], cadres_post90=halves["2020H1"].county["cadres_post90"].prev_value * 0.96)
    paragraphs, _ = filled_text(tmp_path, fell, pair)
    assert paragraphs == ["人数分别同比下降4.0%、同比增长7.3%【请核对：该句按“增长”撰写，实际同比下降4.0%】。"]


def test_plan_facts_and_targets_are_placeholders_too(tmp_path, halves, demo_home):
    sentence = "{{ 县名 }}召开县委{{ 计划.county_committee_term }}届全会，发现{{ 计划.sanction_review_problems }}个问题，举办{{ 目标.training_classes }}期。"
    paragraphs, filled = filled_text(tmp_path, halves["2020H1"], sentence, plan=load_plan(demo_home.plan_toml))
    assert paragraphs == ["青山县召开县委十四届全会，发现12个问题，举办3期。"]
    assert filled.trace[1].sources == ["plan.toml [facts] county_committee_term"] and filled.missing == []
    paragraphs, filled = filled_text(tmp_path, halves["2020H1"], sentence)  # no plan.toml
    assert filled.missing[1] == "【缺数：plan.toml [facts] county_committee_term 2020H1】"
    runs = docx.Document(str(filled.path)).paragraphs[0].runs
    assert [r.text for r in runs if r.font.bold] == filled.missing  # every marker a red bold run


@pytest.mark.parametrize("placeholder, words", [
    ("{{ 立案.应上升 }}", ["只能“应为零”", "立案.同比应上升"]),
    ("{{ 立案.同比应变好 }}", ["“应”后面应是", "上升"]),
    ('{{ 同比分别(立案, 立案, "零") }}', ["同比分别只能写"]),
])
def test_a_claim_written_wrongly_is_one_line(tmp_path, halves, placeholder, words):
    with pytest.raises(TemplateError) as caught:
        filled_text(tmp_path, halves["2020H1"], placeholder)
    assert "\n" not in str(caught.value) and all(w in str(caught.value) for w in words), caught.value
