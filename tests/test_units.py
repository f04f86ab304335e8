"""The unit registry: the demo county, a county's own units.csv, and clear errors for bad rows."""
from __future__ import annotations

import pytest

from countystat.sources.units import UnitsError, load_units, parse_units

HEADER = "code,name_zh,kind,aliases\n"


def test_demo_county_is_big_enough(registry):
    kinds = [u.kind for u in registry.units]
    assert kinds.count("township") >= 15
    assert kinds.count("department") >= 6


def test_units_are_found_by_name_and_alias(registry):
    assert registry.by_name("城关镇").code == "T01"
    assert registry.by_name("组织部").code == "D02"
    assert registry.get("D04").name_zh == "县纪委监委"


def test_a_countys_own_file_replaces_the_demo(tmp_path):
    own = tmp_path / "units.csv"
    own.write_text("\ufeff" + HEADER + "A1,甲镇,township,甲\nB1,乙局,department,\n", encoding="utf-8")
    registry = load_units(own)
    assert [u.code for u in registry.units] == ["A1", "B1"]
    assert registry.by_name("甲").name_zh == "甲镇"


def test_missing_home_file_means_the_demo_county(tmp_path):
    assert load_units(tmp_path / "units.csv").get("T01") is not None


@pytest.mark.parametrize("text, words", [
    ("code,name,kind\nA,甲镇,township\n", "缺少列 name_zh"),
    (HEADER + "A,甲镇,village,\n", "第2行：kind（单位类别）应填 township（乡镇）或 department（县直部门），现为「village」"),
    (HEADER + "A,甲镇,township,\nA,乙镇,township,\n", "第3行：单位代码「A」重复"),
    (HEADER + "A,甲镇,township,\nB,乙镇,township,甲镇\n", "第3行：名称「甲镇」已被单位 A 使用"),
    (HEADER + ",甲镇,township,\n", "第2行：code（单位代码）和 name_zh（单位名称）不能为空"),
    (HEADER + "A,甲镇,township,,extra\n", "第2行：应有 4 列"),
    (HEADER, "没有任何单位"),
])
def test_bad_rows_are_clear_errors(text, words):
    with pytest.raises(UnitsError, match=words):
        parse_units(text)


@pytest.mark.parametrize("text, codes", [
    ("城关镇2020年6月党建工作统计月报表", ["T01"]),
    ("县纪委监委2020年6月", ["D04"]),           # its alias 县纪委 inside its name is one match
    ("县委组织部、县委宣传部联合报表", ["D02", "D03"]),
    ("没有单位名称", []),
])
def test_units_named_in_text(registry, text, codes):
    assert [u.code for u in registry.find_in_text(text)] == codes


def test_a_name_inside_a_longer_name_of_another_unit_does_not_count():
    registry = parse_units(HEADER + "A,关镇,township,\nB,城关镇,township,\n")
    assert [u.code for u in registry.find_in_text("城关镇6月报表")] == ["B"]
