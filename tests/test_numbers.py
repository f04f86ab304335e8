"""Reading one cell as a number: what a clerk types, what is read, what is refused and why."""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest

from countystat.sources.numbers import Reading, ValueProblem, parse_value, read_number
from tests.number_cases import ATTENDANCE, FUNDS, read

# --- what is read -------------------------------------------------------------------------

@pytest.mark.parametrize("code, typed, expected", [
    ("training_attendance", 12.0, 12),
    ("training_attendance", 12, 12),
    ("funds_recovered", 2.35, 2.35),
    ("funds_recovered", Decimal("2.35"), 2.35),
    ("training_attendance", "12", 12),
    ("training_attendance", "12.0", 12),
    ("training_attendance", " 12 ", 12),
    ("training_attendance", "\u300012\u3000", 12),  # ideographic spaces
    ("training_attendance", "012", 12),
    ("training_attendance", "12人次", 12),
    ("training_attendance", "12 人次", 12),
    ("training_attendance", "12（人次）", 12),
    ("party_members_mobilized", "12名", 12),
    ("party_members_mobilized", "12人", 12),  # 人, 名 and 位 all count people
    ("party_members_mobilized", "12 位", 12),
    ("standing_committee_meetings", "12次", 12),
    ("infections", "3例", 3),
    ("training_attendance", "３０", 30),
    ("funds_recovered", "１２．５", 12.5),
    ("training_attendance", "３０人次", 30),
    ("training_attendance", "1,234", 1234),
    ("training_attendance", "1，234", 1234),
    ("training_attendance", "１，２３４", 1234),
    ("training_attendance", "12,345,678人次", 12345678),
    ("funds_recovered", "1,234.56", 1234.56),
    ("funds_recovered", ".5", 0.5),
    ("training_attendance", "十二", 12),
    ("training_attendance", "一百零五", 105),
    ("training_attendance", "两千零三", 2003),
    ("training_attendance", "三十", 30),
    ("training_attendance", "十", 10),
    ("training_attendance", "壹佰零伍", 105),
    ("training_attendance", "三万五千", 35000),
    ("party_members_mobilized", "十二人", 12),
    ("party_members_mobilized", "两人", 2),
    ("training_attendance", "一万两千", 12000),
    ("training_attendance", "两百", 200),
    ("funds_recovered", "两万元", 2),
    ("training_attendance", "一人次", 1),
    ("funds_recovered", "十二", 12),
    ("funds_recovered", "3.5万元", 3.5),
    ("funds_recovered", "3.5万", 3.5),
    ("funds_recovered", "3.5 万元", 3.5),
    ("funds_recovered", "五万元", 5),
    ("funds_recovered", "十二万元", 12),
])
def test_readable_values(code, typed, expected):
    assert read(code, typed) == Reading(expected, None)


@pytest.mark.parametrize("typed", ["无", "0", "〇", "零", "—", "－", "-", "/", "／", "——", "--", "没有", " 无 "])
@pytest.mark.parametrize("code", ["training_attendance", "funds_recovered"])
def test_zero_words_and_dashes_mean_zero(code, typed):
    assert read(code, typed) == Reading(0.0, None)


@pytest.mark.parametrize("typed", [None, "", " ", "\u3000", "\t\n"])
def test_blank_means_not_reported(typed):
    assert read("training_attendance", typed) == Reading(None, None)
    assert parse_value(typed, ATTENDANCE) is None


@pytest.mark.parametrize("typed, hint, expected, note", [
    ("35000元", None, 3.5, "「35000元」已按万元折算为3.5万元"),
    ("35,000 元", None, 3.5, "已按万元折算为3.5万元"),
    ("1元", None, 0.0001, "折算为0.0001万元"),
    ("1234.56元", None, 0.123456, "折算为0.123456万元"),
    ("三万五千元", None, 3.5, "折算为3.5万元"),
    ("35000", "元", 3.5, "「35000」的计量单位为元，已按万元折算为3.5万元"),
    (35000.0, "元", 3.5, "折算为3.5万元"),
    (35000, " 元 ", 3.5, "折算为3.5万元"),
    (35000.0, "（元）", 3.5, "折算为3.5万元"),
    ("三万", "元", 3, "折算为3万元"),
    ("35000元", "万元", 3.5, "折算为3.5万元"),  # the cell's own unit wins
    ("3.5万元", "元", 3.5, None),
    ("3.5", "万元", 3.5, None),
    (3.5, "万", 3.5, None),
])
def test_money_in_yuan_is_converted_to_wan_yuan_with_a_note(typed, hint, expected, note):
    reading = read("funds_recovered", typed, hint)
    assert reading.value == expected
    if note is None:
        assert reading.note is None
    else:
        assert note in reading.note


def test_conversion_is_exact_decimal_arithmetic():
    assert read("funds_recovered", "123456.78元").value == 12.345678
    assert read("funds_recovered", 0.3, "元").value == 0.00003


def test_unit_hint_that_agrees_changes_nothing():
    assert read("training_attendance", 12.0, "人次") == Reading(12.0, None)
    assert read("party_members_mobilized", "12", "人") == Reading(12.0, None)


def test_parse_value_is_the_plain_value_of_read_number():
    assert parse_value(" 12人次 ", ATTENDANCE) == 12
    assert parse_value("35000元", FUNDS) == 3.5
    assert parse_value(2.35, FUNDS) == 2.35


def test_reading_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Reading(1.0).value = 2.0  # type: ignore[misc]


# --- what is refused, and what the clerk is told ------------------------------------------

@pytest.mark.parametrize("code, typed, words", [
    # approximations
    ("party_members_mobilized", "约30", ["「约30」不是数字", "约数", "请填写准确数字"]),
    ("training_attendance", "大约30", ["约数", "大约"]),
    ("training_attendance", "30余", ["约数", "余"]),
    ("training_attendance", "30多", ["约数", "多"]),
    ("training_attendance", "30+", ["约数", "+"]),
    ("training_attendance", "30＋", ["约数", "+"]),
    ("training_attendance", "30左右", ["约数", "左右"]),
    ("training_attendance", "近30", ["约数", "近"]),
    ("training_attendance", "30以上", ["约数", "以上"]),
    ("training_attendance", "三十余", ["约数", "余"]),
    ("training_attendance", "30余人次", ["约数"]),
    ("training_attendance", "几十", ["约数"]),
    ("training_attendance", "～30", ["约数"]),
    ("funds_recovered", "约3.5万元", ["约数"]),
    # ranges
    ("training_attendance", "20-30", ["「20-30」", "范围"]),
    ("training_attendance", "20~30", ["范围"]),
    ("training_attendance", "20～30", ["范围"]),
    ("training_attendance", "20—30", ["范围"]),
    ("training_attendance", "20至30", ["范围"]),
    ("training_attendance", "20人-30人", ["范围"]),
    ("training_attendance", "二十到三十", ["范围"]),
    # negatives
    ("training_attendance", "-5", ["「-5」是负数", "不能小于0"]),
    ("training_attendance", "－5", ["「－5」是负数"]),
    ("training_attendance", "−5", ["是负数"]),
    ("training_attendance", "负五", ["是负数"]),
    ("training_attendance", -5.0, ["「-5」是负数"]),
    ("training_attendance", -5, ["「-5」是负数"]),
    ("funds_recovered", -0.5, ["是负数"]),
    # fractions of a whole-number indicator
    ("standing_committee_meetings", "12.5", ["「12.5」不是整数", "应填整数", "次"]),
    ("standing_committee_meetings", 12.5, ["「12.5」不是整数"]),
    ("training_attendance", "1,234.5", ["不是整数"]),
    # not finite
    ("training_attendance", float("nan"), ["不是有效数字"]),
    ("training_attendance", float("inf"), ["不是有效数字"]),
    ("funds_recovered", float("-inf"), ["不是有效数字"]),
    ("funds_recovered", Decimal("NaN"), ["不是有效数字"]),
    ("training_attendance", "nan", ["不是数字"]),
    ("training_attendance", "inf", ["不是数字"]),
    # text that is no number
    ("infections", "无数据", ["「无数据」不是数字", "没有发生请填0", "尚未统计请留空"]),
    ("infections", "暂无数据", ["「暂无数据」不是数字", "请填0", "请留空"]),
    ("infections", "未统计", ["请留空"]),
    ("infections", "见附件", ["「见附件」不是数字", "请只填写准确数字", "例"]),
    ("infections", "一些", ["不是数字"]),
    ("infections", "三点五", ["不是数字"]),
    ("infections", "十两", ["不是数字"]),
    ("infections", "二两", ["不是数字"]),
    ("infections", "一万五", ["不是数字"]),
    ("infections", "一二三", ["不是数字"]),
    ("infections", "3万5千", ["不是数字"]),
    ("infections", "1.2.3", ["不是数字"]),
    ("infections", "12 34", ["不是数字"]),
    ("infections", "12人3", ["不是数字"]),
    ("infections", "+5", ["不是数字"]),
    ("infections", "①", ["不是数字"]),
    ("infections", "12²", ["不是数字"]),
    ("infections", "٣", ["不是数字"]),
    # a number that could be read two ways
    ("training_attendance", "1,23", ["「1,23」", "千分位逗号位置不对"]),
    ("training_attendance", "12,5", ["千分位逗号位置不对"]),
    ("training_attendance", "1,2345", ["千分位逗号位置不对"]),
    ("training_attendance", "0,123", ["千分位逗号位置不对"]),
    ("training_attendance", "12。5", ["“。”"]),
    ("training_attendance", "12、5", ["“、”"]),
    ("training_attendance", "一", ["「一」可能是数字1", "横线"]),
    ("training_attendance", "1.2E+04", ["科学计数法"]),
    ("training_attendance", "1e5", ["科学计数法"]),
    ("training_attendance", "3万人次", ["「3万人次」用“万”表示", "完整的准确数字"]),
    ("training_attendance", "1.5万", ["用“万”表示"]),
    ("funds_recovered", "三万", ["「三万」无法确定是多少万元"]),
    ("funds_recovered", "三万五千", ["无法确定是多少万元"]),
    ("training_attendance", "12345678901234567", ["位数过多"]),
    ("funds_recovered", "0.001元", ["不足1分"]),
    # units that disagree with the indicator
    ("party_members_mobilized", "12件", ["「12件」的单位是“件”", "“名”"]),
    ("training_attendance", "12人", ["“人”", "“人次”"]),
    ("standing_committee_meetings", "12人次", ["“人次”", "“次”"]),
    ("funds_recovered", "12人", ["“人”", "“万元”"]),
    ("funds_recovered", "3亿元", ["“亿元”", "“万元”"]),
    ("funds_recovered", "3千元", ["“千元”", "“万元”"]),
    ("training_attendance", "12元", ["「12元」的单位是“元”", "金额", "“人次”"]),
    ("infections", "十二万元", ["金额"]),
    # percentages
    ("training_attendance", "12%", ["「12%」不是数字", "百分比"]),
    ("training_attendance", "12％", ["百分比"]),
    ("training_attendance", "百分之十二", ["百分比"]),
    # dates and times
    ("training_attendance", date(2020, 6, 1), ["「2020年6月1日」是日期或时间", "人次"]),
    ("training_attendance", datetime(2020, 6, 1, 8, 30), ["是日期或时间"]),
    ("training_attendance", time(8, 30), ["是日期或时间"]),
    ("training_attendance", timedelta(days=3), ["是日期或时间"]),
    ("training_attendance", "2020-06-01", ["是日期或时间"]),
    ("training_attendance", "2020/6/1", ["是日期或时间"]),
    ("training_attendance", "2020年6月", ["是日期或时间"]),
    ("training_attendance", "8:30", ["是日期或时间"]),
    # booleans and other objects
    ("training_attendance", True, ["「True」不是数字"]),
    ("training_attendance", False, ["「False」不是数字"]),
    ("training_attendance", [12], ["不是数字"]),
    ("training_attendance", 12 + 0j, ["不是数字"]),
])
def test_unreadable_values_are_refused_with_a_message_for_the_clerk(code, typed, words):
    with pytest.raises(ValueProblem) as problem:
        read(code, typed)
    for word in words:
        assert word in str(problem.value)


@pytest.mark.parametrize("code, typed, hint, words", [
    ("training_attendance", 12.0, "元", ["“元”", "金额", "“人次”"]),
    ("training_attendance", "12", "件", ["「12」的计量单位写的是“件”", "“人次”"]),
    ("party_members_mobilized", "12", "人次", ["“人次”", "“名”"]),
    ("funds_recovered", 12.0, "人", ["“人”", "“万元”"]),
    ("funds_recovered", "3", "亿元", ["“亿元”", "“万元”"]),
    ("funds_recovered", 1e300, "元", ["位数过多"]),
])
def test_a_unit_hint_that_disagrees_is_refused(code, typed, hint, words):
    with pytest.raises(ValueProblem) as problem:
        read(code, typed, hint)
    for word in words:
        assert word in str(problem.value)


def test_long_text_is_quoted_shortened():
    with pytest.raises(ValueProblem) as problem:
        read("infections", "见附件" * 100)
    assert len(str(problem.value)) < 120


def test_a_text_read_again_reads_as_the_first_time_for_its_own_indicator_and_unit():
    """Typed texts are remembered once read (numbers._read_text): a repeat, another indicator, another
    stated unit or another indicator's name still reads as if new, and a refusal is raised every time."""
    renamed = dataclasses.replace(ATTENDANCE, name_zh="培训人次（改名）")
    for _ in range(2):
        assert read("funds_recovered", "12.5") == Reading(12.5, None)
        assert read("funds_recovered", "35000", "元").value == 3.5
        assert read("funds_recovered", "35000") == Reading(35000.0, None)
        for indicator, name in ((ATTENDANCE, ATTENDANCE.name_zh), (renamed, "培训人次（改名）")):
            with pytest.raises(ValueProblem, match="不是整数") as problem:
                read_number("12.5", indicator)
            assert name in str(problem.value)
