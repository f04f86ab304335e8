"""Validation rules: the shipped file loads, each kind fires only when it should, bad files are refused."""
from __future__ import annotations

import pytest

from countystat.sources.catalog import load_catalog
from countystat.sources.problems import ERROR, NOTE, WARNING
from countystat.sources.rules import (
    AT_MOST, EQUALS, SPIKE, Rule, RulesError, builtin_rules_path, check_rules, load_rules, parse_rules,
)
from countystat.sources.submission import ReportedValue

CATALOG = load_catalog()
RULES = load_rules(CATALOG)
HEADER = "code,level,kind,expression,message_zh\n"
SHEET = "2026年10月"
CELLS = {
    "punished_total": "D30", "punished_section_level": "D31",
    "punished_general_cadres": "D32", "punished_others": "D33",
    "grassroots_clues": "D39", "grassroots_cases": "D40",
    "funds_recovered": "D50", "infections": "D12",
}


def rules(*lines: str) -> list[Rule]:
    return parse_rules(HEADER + "".join(f"{line}\n" for line in lines), CATALOG)


def values(**given: float | None) -> list[ReportedValue]:
    return [ReportedValue(code, value, SHEET, CELLS[code]) for code, value in given.items()]


def punished(total, section, general, others) -> list[ReportedValue]:
    return values(punished_total=total, punished_section_level=section,
                  punished_general_cadres=general, punished_others=others)


BREAKDOWN = rules("breakdown,error,equals,"
                  "punished_section_level + punished_general_cadres + punished_others = punished_total,应相等")
CASES = rules("cases,warning,at_most,grassroots_cases <= grassroots_clues,立案数一般不超过线索数")
SPIKES = rules("spike,warning,spike,*,明显偏高")


# --- the shipped file ---------------------------------------------------------------------

def test_the_shipped_rules_load_and_name_only_catalog_indicators():
    assert builtin_rules_path().name == "rules.csv"
    assert {r.kind for r in RULES} == {EQUALS, AT_MOST, SPIKE}
    codes = {i.code for i in CATALOG.indicators}
    for rule in RULES:
        assert set(rule.indicator_codes) <= codes
        assert rule.level in (ERROR, WARNING)
    assert len({r.code for r in RULES}) == len(RULES)


def test_only_the_exhaustive_breakdown_blocks():
    assert [r.code for r in RULES if r.level == ERROR] == ["punished_breakdown"]


def test_a_clean_form_passes_the_shipped_rules():
    clean = punished(6, 1, 3, 2) + values(grassroots_clues=9, grassroots_cases=4, funds_recovered=2.5)
    assert check_rules(clean, RULES, CATALOG, history={"funds_recovered": [1.0, 3.0]}) == []


# --- equals -------------------------------------------------------------------------------

def test_a_breakdown_that_does_not_add_up_is_an_error_naming_every_cell():
    [problem] = check_rules(punished(12, 2, 5, 4), BREAKDOWN, CATALOG, file="城关镇.xlsx")
    assert problem.level == ERROR and problem.blocking
    assert (problem.file, problem.sheet, problem.cell) == ("城关镇.xlsx", SHEET, "D30")
    assert problem.text == (
        "「党政纪处分」D30为12，而乡科级干部D31、一般干部D32、其他人员D33合计为11，应相等，请核实"
    )


@pytest.mark.parametrize("total, section, general, others", [
    (11, 2, 5, 4),      # adds up
    (0, 0, 0, 0),
    (None, 2, 5, 4),    # total left blank: nothing to compare
    (12, None, 5, 4),   # one part left blank
])
def test_equals_is_quiet_when_it_holds_or_a_value_is_blank(total, section, general, others):
    assert check_rules(punished(total, section, general, others), BREAKDOWN, CATALOG) == []


def test_equals_is_quiet_when_an_indicator_is_not_on_the_form():
    partial = values(punished_total=12, punished_section_level=2, punished_general_cadres=5)
    assert check_rules(partial, BREAKDOWN, CATALOG) == []


def test_a_part_on_another_sheet_is_named_with_its_sheet():
    moved = punished(12, 2, 5, 4)
    moved[3] = moved[3]._replace(sheet="续表")
    [problem] = check_rules(moved, BREAKDOWN, CATALOG)
    assert "其他人员（工作表「续表」D33）" in problem.text


# --- at_most ------------------------------------------------------------------------------

@pytest.mark.parametrize("cases, clues, fires", [
    (9, 9, False),     # the boundary holds
    (8, 9, False),
    (10, 9, True),
    (10, None, False),
    (None, 9, False),
])
def test_at_most(cases, clues, fires):
    found = check_rules(values(grassroots_cases=cases, grassroots_clues=clues), CASES, CATALOG)
    assert bool(found) is fires
    if fires:
        assert found[0].level == WARNING and not found[0].blocking
        assert found[0].text == (
            "「群众身边腐败和作风问题立案」D40为10，而「群众身边腐败和作风问题线索」D39为9，"
            "立案数一般不超过线索数，请核实"
        )


def test_at_least_is_read_as_at_most_the_other_way_round():
    [rule] = rules("cases,warning,at_most,grassroots_clues >= grassroots_cases,立案数一般不超过线索数")
    assert (rule.left, rule.right) == (("grassroots_cases",), ("grassroots_clues",))
    assert check_rules(values(grassroots_cases=10, grassroots_clues=9), [rule], CATALOG)


# --- spike --------------------------------------------------------------------------------

@pytest.mark.parametrize("past, value, fires", [
    ([1, 2, 3], 11, True),     # median 2: over 10 and over 5 x 2
    ([1, 2, 3], 10, False),    # not over 10
    ([1, 1, 1], 9, False),     # over 5 x 1, but not over 10
    ([3, 3, 3], 15, False),    # over 10, but exactly 5 x 3
    ([3, 3, 3], 16, True),
    ([0, 0, 0], 11, True),     # nothing before, then 11
    ([20] * 12, 99, False),
    ([100] * 12 + [1, 1], 20, False),  # only the last 12 months count: median 100
    ([], 1000, False),         # no history, no median
    ([None, 2, None], 11, True),  # months not reported are left out
])
def test_spike(past, value, fires):
    found = check_rules(values(infections=value), SPIKES, CATALOG, history={"infections": past})
    assert bool(found) is fires


def test_a_spike_names_the_cell_the_median_and_the_months():
    [problem] = check_rules(values(funds_recovered=120.5), SPIKES, CATALOG,
                            history={"funds_recovered": [1.5, 2.5, 2.0]})
    assert (problem.level, problem.cell) == (WARNING, "D50")
    assert problem.text == "「追回资金」D50为120.5，本单位前3个月的中位数为2，本月超过其5倍，明显偏高，请核实"


def test_without_history_there_are_no_spikes():
    assert check_rules(values(infections=1000), SPIKES, CATALOG) == []
    assert check_rules(values(infections=1000), SPIKES, CATALOG, history={"funds_recovered": [1]}) == []
    assert check_rules(values(infections=None), SPIKES, CATALOG, history={"infections": [1]}) == []


def test_a_spike_row_can_list_its_indicators():
    [rule] = rules("spike,warning,spike,funds_recovered; infections,明显偏高")
    assert rule.left == ("funds_recovered", "infections")
    history = {"infections": [1], "funds_recovered": [1], "punished_total": [1]}
    found = check_rules(values(infections=50, funds_recovered=50, punished_total=50), [rule], CATALOG,
                        history=history)
    assert [p.cell for p in found] == ["D50", "D12"]


# --- remarks ------------------------------------------------------------------------------

def test_a_remark_explains_a_warning_as_a_note():
    [problem] = check_rules(values(infections=40), SPIKES, CATALOG, history={"infections": [1, 2, 3]},
                            remarks={"infections": "本月集中筛查"})
    assert problem.level == NOTE and not problem.blocking
    assert problem.text.endswith("（备注已说明：本月集中筛查）")


def test_a_remark_on_any_row_of_the_rule_explains_it():
    [problem] = check_rules(values(grassroots_cases=10, grassroots_clues=9), CASES, CATALOG,
                            remarks={"grassroots_clues": "含上月线索"})
    assert problem.level == NOTE
    assert problem.text.endswith("请核实（备注已说明：含上月线索）")


def test_a_blank_remark_explains_nothing():
    [problem] = check_rules(values(grassroots_cases=10, grassroots_clues=9), CASES, CATALOG,
                            remarks={"grassroots_cases": " \u3000", "infections": "无关"})
    assert problem.level == WARNING


def test_a_remark_never_downgrades_an_error():
    [problem] = check_rules(punished(12, 2, 5, 4), BREAKDOWN, CATALOG,
                            remarks={"punished_total": "含县处级1人"})
    assert problem.level == ERROR
    assert "备注" not in problem.text


# --- bad files ----------------------------------------------------------------------------

@pytest.mark.parametrize("line, words", [
    ("x,warning,at_most,grassroots_case <= grassroots_clues,m", "指标代码「grassroots_case」不在统计指标目录中"),
    ("x,warning,spike,infection,m", "指标代码「infection」不在统计指标目录中"),
    ("x,warning,at_most,grassroots_cases < grassroots_clues,m", "不能有「<」"),
    ("x,warning,at_most,grassroots_cases == grassroots_clues,m", "应有且只有一个"),
    ("x,warning,at_most,grassroots_cases + <= grassroots_clues,m", "最后一个 \\+ 后面缺少指标代码"),
    ("x,warning,at_most,grassroots_cases grassroots_clues <= cases_filed,m", "指标代码之间应是 \\+"),
    ("x,warning,at_most,<= grassroots_clues,m", "比较的一边是空的"),
    ("x,warning,at_most,grassroots_cases * 2 <= grassroots_clues,m", "不能有「\\*」"),
    ("x,warning,at_most,grassroots_cases,m", "应有且只有一个"),
    ("x,fatal,at_most,grassroots_cases <= grassroots_clues,m", "现为「fatal」"),
    ("x,note,at_most,grassroots_cases <= grassroots_clues,m", "现为「note」"),
    ("x,warning,at_least,grassroots_cases <= grassroots_clues,m", "现为「at_least」"),
    ("x,warning,equals,grassroots_cases <= grassroots_clues,m", "只能用 = 比较"),
    ("x,warning,at_most,grassroots_cases = grassroots_clues,m", "只能用 <= 或 >= 比较"),
    ("x,warning,at_most,grassroots_cases + grassroots_cases <= cases_filed,m", "写了两次"),
    ("x,warning,at_most,infections <= cadres_post90,m", "没有哪类单位同时填报"),
    ("x,warning,at_most,grassroots_cases <= grassroots_clues,", "message_zh（给填报人的提示）不能为空"),
    ("x,warning,at_most,grassroots_cases <= grassroots_clues,一,二", "比表头多"),
    ("x,warning,spike,,m", "或 \\*"),
    (",warning,spike,*,m", "code 不能为空"),
])
def test_a_bad_rule_is_a_clear_error_naming_its_line(line, words):
    with pytest.raises(RulesError, match=words) as failure:
        rules("ok,warning,at_most,grassroots_cases <= grassroots_clues,m", line)
    assert str(failure.value).startswith("rules.csv 第3行：")


def test_a_duplicate_rule_code_is_refused():
    with pytest.raises(RulesError, match="第3行：规则代码「a」重复"):
        rules("a,warning,spike,*,m", "a,warning,spike,*,m")


def test_a_file_without_its_columns_or_rules_is_refused():
    with pytest.raises(RulesError, match="缺少列 message_zh"):
        parse_rules("code,level,kind,expression\n", CATALOG)
    with pytest.raises(RulesError, match="没有任何规则"):
        parse_rules(HEADER, CATALOG)


def test_an_unknown_code_suggests_the_near_one():
    with pytest.raises(RulesError, match="是不是「grassroots_cases」"):
        rules("x,warning,at_most,grassroots_case <= grassroots_clues,m")


def test_a_rules_file_on_disk_loads_with_its_name(tmp_path):
    path = tmp_path / "county_rules.csv"
    path.write_text("\ufeff" + HEADER + "x,warning,at_most,bogus <= grassroots_clues,m\n", encoding="utf-8")
    with pytest.raises(RulesError, match="county_rules.csv 第2行：指标代码「bogus」不在统计指标目录中"):
        load_rules(CATALOG, path)
