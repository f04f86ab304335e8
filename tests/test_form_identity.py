"""Whose form and which month: dates as official documents write them, typed date cells, formal unit names,
and the refusals that name the real reason (a quarterly form, a month 13)."""
from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from hypothesis import given, strategies as st

from countystat.sources.form_periods import month_in_text, no_single_month, period_in_text
from countystat.sources.intake import read_submissions
from tests.conftest import TODAY


@pytest.mark.parametrize("text, period", [
    ("二〇二〇年三月", date(2020, 3, 1)), ("二零二零年十二月", date(2020, 12, 1)), ("2020年03月", date(2020, 3, 1)),
    ("二〇二〇年十一月份党建统计", date(2020, 11, 1)), ("2020年3月份", date(2020, 3, 1)), ("2020.06", date(2020, 6, 1)),
    ("二〇二〇年", None), ("三月", None),
    ("柳河镇20年6月党建统计表", date(2020, 6, 1)), ("20年13月", None), ("120年6月", None), ("20.6", None),
])
def test_periods_as_documents_write_them(text, period):
    assert period_in_text(text) == period


@pytest.mark.parametrize("text, month", [("三月", 3), ("3月份", 3), ("十一月", 11), ("十二月份", 12),
                                         ("截至7月5日", None), ("3月和4月", None)])
def test_a_month_without_its_year(text, month):
    assert month_in_text(text) == month


@pytest.mark.parametrize("text, kind", [
    ("2020年第一季度党建统计", "not monthly"), ("2020年一季度", "not monthly"), ("2020年1-3月", "not monthly"),
    ("2020年度党建工作统计", "not monthly"), ("2020年全年", "not monthly"), ("2020年上半年", "not monthly"),
    ("二〇二〇年一至三月", "not monthly"), ("2020年1月至6月", "not monthly"), ("2020年1月—6月", "not monthly"),
    ("2020年1月-2020年6月", "not monthly"), ("2020年一月至六月", "not monthly"), ("2020年7月1日至7月31日", None),
    ("2020年13月", "invalid"), ("2020年0月", "invalid"),
    ("城关镇2020年6月党建工作统计月报表", None), ("填报单位：城关镇", None),
    ("2020年6月党建工作统计月报表（含上半年累计）", None), ("2020年6月（1-6月累计）", None),
])
def test_texts_that_name_no_single_month(text, kind):
    found = no_single_month(text)
    assert (found[0] if found else None) == kind


def form(tmp_path, heading_rows, name="x.xlsx", sheet_title="月报表", values=(("疫情防控队伍", 4),)):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_title
    for row in heading_rows:
        sheet.append(list(row))
    sheet.append(["序号", "指标名称", "计量单位", "本月"])
    for n, (label, value) in enumerate(values, start=1):
        sheet.append([n, label, None, value])
    path = tmp_path / name
    book.save(path)
    return path


def read(path, catalog, registry):
    [sub] = read_submissions(path, path.name, "e" * 64, catalog, registry, TODAY)
    return sub


@pytest.mark.parametrize("rows, sheet_title, period", [
    ([["青石镇二〇二〇年三月党建工作统计月报表"]], "月报表", date(2020, 3, 1)),
    ([["青石镇党建工作统计月报表（二零二零年十二月）"]], "月报表", date(2020, 12, 1)),
    ([["青石镇2020年03月党建工作统计月报表"]], "月报表", date(2020, 3, 1)),
    ([["青石镇2020年党建工作统计月报表"]], "三月", date(2020, 3, 1)),
    ([["青石镇2020年3月份党建工作统计月报表"]], "月报表", date(2020, 3, 1)),
    ([["青石镇党建工作统计月报表"], ["统计月份：", datetime(2020, 3, 1)]], "月报表", date(2020, 3, 1)),
    ([["青石镇党建工作统计月报表"], [datetime(2020, 3, 1)]], "月报表", date(2020, 3, 1)),
    ([["青石镇2020年6月党建工作统计月报表"], ["填报日期：", datetime(2020, 7, 1)]], "月报表", date(2020, 6, 1)),
    ([["青石镇2020年6月党建工作统计月报表"], ["填报日期", "2020年7月3日"]], "月报表", date(2020, 6, 1)),
    ([["青石镇2020年6月党建工作统计月报表"], ["报送日期：2020年7月3日"]], "月报表", date(2020, 6, 1)),
    ([["青石镇2020年6月党建工作统计月报表"], [None, None, datetime(2020, 7, 3)]], "月报表", date(2020, 6, 1)),
    ([["青石镇2020年6月党建工作统计月报表"], ["填报单位：青石镇  填报日期：", datetime(2020, 7, 1)]], "月报表",
     date(2020, 6, 1)),
    ([["青石镇2020年6月党建工作统计月报表"], ["填报单位：青石镇  填报日期：", "2020年7月3日"]], "月报表",
     date(2020, 6, 1)),
    ([["青石镇2020年6月党建工作统计月报表"], ["制表时间", datetime(2020, 7, 1)]], "月报表", date(2020, 6, 1)),
])
def test_the_month_as_clerks_and_documents_write_it(tmp_path, catalog, registry, rows, sheet_title, period):
    sub = read(form(tmp_path, rows, sheet_title=sheet_title), catalog, registry)
    assert (sub.status, sub.unit_code, sub.period) == ("accepted", "T02", period), sub.messages()


def test_a_month_without_a_year_takes_the_year_from_the_file_name(tmp_path, catalog, registry):
    sub = read(form(tmp_path, [["青石镇3月份党建工作统计表"]], name="青石镇2020年报表.xlsx"), catalog, registry)
    assert (sub.status, sub.period) == ("accepted", date(2020, 3, 1)), sub.messages()


@pytest.mark.parametrize("typed, period", [(2020.06, date(2020, 6, 1)), (2020.11, date(2020, 11, 1)), (2020.1, None)])
def test_a_month_typed_as_a_number(tmp_path, catalog, registry, typed, period):
    sub = read(form(tmp_path, [["青石镇党建工作统计月报表"], ["统计月份", typed]]), catalog, registry)
    assert sub.period == period, sub.messages()
    if period is None:  # 2020.10 and 2020.1 are the same number: October or January is a guess
        assert sub.status == "rejected" and "无法确定报表月份" in sub.messages()[0]


def test_a_typed_month_cell_disagreeing_with_the_title_rejects(tmp_path, catalog, registry):
    sub = read(form(tmp_path, [["青石镇2020年6月党建工作统计月报表"], ["统计月份", datetime(2020, 5, 1)]]),
               catalog, registry)
    assert sub.status == "rejected" and "报表月份不一致" in sub.messages()[0]
    assert "2020年5月" in sub.messages()[0] and "2020年6月" in sub.messages()[0]


@pytest.mark.parametrize("title, sheet_title, words", [
    ("青石镇2020年第一季度党建工作统计报表", "月报表", "不是月报"),
    ("青石镇2020年1-3月党建工作统计报表", "月报表", "不是月报"),
    ("青石镇2020年度党建工作统计报表", "月报表", "不是月报"),
    ("青石镇2020年上半年党建工作统计报表", "月报表", "不是月报"),
    ("青石镇2020年13月党建工作统计月报表", "月报表", "不是有效月份"),
    ("青石镇2020年党建工作统计月报表", "13月", "不是有效月份"),
])
def test_a_form_that_is_no_monthly_report_says_why(tmp_path, catalog, registry, title, sheet_title, words):
    sub = read(form(tmp_path, [[title]], name="报表.xlsx", sheet_title=sheet_title), catalog, registry)
    assert sub.status == "rejected" and sub.period is None and sub.unit_code == "T02"
    [message] = sub.messages()
    assert message.startswith(f"文件「报表.xlsx」工作表「{sheet_title}」：") and words in message


@pytest.mark.parametrize("unit_line, code", [
    ("填报单位：中共柳河镇委员会", "T03"), ("填报单位：柳河镇人民政府", "T03"), ("中共柳河镇委员会", "T03"),
    ("填报单位：中共XX县纪律检查委员会", "D04"), ("填报单位：中共XX县纪律检查委员会、XX县监察委员会", "D04"),
    ("填报单位：XX县人民政府人民防空办公室", "D06"), ("填报单位：中共XX县委员会组织部", "D02"),
])
def test_units_named_by_their_party_committee_or_government(tmp_path, catalog, registry, unit_line, code):
    indicator = "疫情防控队伍"
    sub = read(form(tmp_path, [["2020年6月党建工作统计月报表"], [unit_line]], values=((indicator, 2),)),
               catalog, registry)
    assert (sub.status, sub.unit_code) == ("accepted", code), sub.messages()


def test_a_line_naming_two_units_is_refused_naming_them(tmp_path, catalog, registry):
    sub = read(form(tmp_path, [["2020年6月党建工作统计月报表"], ["填报单位：城关镇、青石镇"]]), catalog, registry)
    assert sub.status == "rejected" and sub.unit_code is None
    assert "「青石镇」" in sub.messages()[0] and "「城关镇」" in sub.messages()[0] and "多个单位" in sub.messages()[0]


# --- properties of month reading -----------------------------------------------------------------

DIGITS_ZH = "〇一二三四五六七八九"
MONTHS_ZH = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def chinese_year(year: int) -> str:
    return "".join(DIGITS_ZH[int(d)] for d in str(year))


@given(st.integers(2000, 2100), st.integers(1, 12), st.sampled_from(["", "城关镇", "中共青石镇委员会"]),
       st.sampled_from(["党建工作统计月报表", "月份统计表", ""]))
def test_every_way_of_writing_a_month_names_that_month(year, month, unit, tail):
    zh_month = MONTHS_ZH[month - 1]
    written = [f"{year}年{month}月", f"{year}年{month:02d}月", f"{year}年{month}月份", f"{year}.{month:02d}",
               f"{chinese_year(year)}年{zh_month}月", f"{chinese_year(year).replace('〇', '零')}年{zh_month}月"]
    for text in written:
        assert period_in_text(f"{unit}{text}{tail}") == date(year, month, 1), text
        assert no_single_month(f"{unit}{text}{tail}") is None, text


@given(st.integers(2000, 2100), st.integers(13, 99))
def test_a_month_past_twelve_is_never_a_period_and_says_so(year, month):
    text = f"城关镇{year}年{month}月党建工作统计月报表"
    assert period_in_text(text) is None
    assert no_single_month(text) == ("invalid", f"{year}年{month}月")


@given(st.integers(2000, 2100), st.integers(1, 11), st.integers(1, 11))
def test_a_range_of_months_is_never_one_month(year, first, length):
    last = min(12, first + length)
    assert no_single_month(f"{year}年{first}-{last}月党建工作统计表") == ("not monthly", f"{first}-{last}月")
    assert no_single_month(f"{year}年{MONTHS_ZH[first - 1]}至{MONTHS_ZH[last - 1]}月")[0] == "not monthly"


def test_a_file_name_naming_two_units_is_no_clue_but_a_refusal(tmp_path, catalog, registry):
    sub = read(form(tmp_path, [["2020年6月党建工作统计月报表"]], name="城关镇青石镇6月.xlsx"), catalog, registry)
    assert sub.status == "rejected" and sub.unit_code is None
    assert "文件名「城关镇青石镇6月.xlsx」中有" in sub.messages()[0] and "多个单位" in sub.messages()[0]


def with_cover(path, lines):
    """The form at `path` with a cover sheet (封面) put first, holding `lines`."""
    book = openpyxl.load_workbook(path)
    cover = book.create_sheet("封面", 0)
    for line in lines:
        cover.append([line])
    book.save(path)
    return path


def test_a_cover_sheet_names_the_unit_and_month_the_form_leaves_out(tmp_path, catalog, registry):
    path = with_cover(form(tmp_path, [["党建工作统计月报表"]]), ["青石镇", "2020年3月", "中共青石镇委员会（盖章）"])
    sub = read(path, catalog, registry)
    assert (sub.status, sub.unit_code, sub.period) == ("accepted", "T02", date(2020, 3, 1)), sub.messages()


def test_the_forms_own_title_speaks_before_a_cover_sheet(tmp_path, catalog, registry):
    path = with_cover(form(tmp_path, [["青石镇2020年6月党建工作统计月报表"]]), ["柳河镇", "2019年12月修订"])
    sub = read(path, catalog, registry)
    assert (sub.status, sub.unit_code, sub.period) == ("accepted", "T02", date(2020, 6, 1)), sub.messages()


def test_a_long_sheet_beside_the_form_is_no_cover(tmp_path, catalog, registry):
    lines = ["填表说明"] + [f"{n}. 第{n}条说明（2019年{n}月修订）" for n in range(1, 13)]
    sub = read(with_cover(form(tmp_path, [["青石镇党建工作统计月报表"]]), lines), catalog, registry)
    assert sub.status == "rejected" and "无法确定报表月份" in " ".join(sub.messages()), sub.messages()
