"""A province's units for the benchmarks: counties of 30 units (24 townships, 6 departments) whose
names never hold one another, and the months the archive covers."""
from __future__ import annotations

from datetime import date

from countystat.sources.units import UnitRegistry

FIRST_MONTH = date(2019, 1, 1)
UNITS_PER_COUNTY = 30

# 100 county names from two syllables (a third for more counties), 24 townships and 6 departments
# per county. Every unit's names start with its county's name, so no name is inside another unit's
# (check_unit_names makes sure): the reader finds a unit by its name in titles and file names.
COUNTY_FIRST = "青白黄红清长安平永新"
COUNTY_SECOND = "山河川阳丰宁和城水林"
COUNTY_THIRD = "东西南北中上下前后左"
TOWNSHIPS = (
    "城关镇", "青石镇", "柳河镇", "白马镇", "黄土岭镇", "三合镇", "龙泉镇", "新集镇", "石桥乡", "杨庄乡",
    "东岗乡", "西坪乡", "南湾乡", "北山乡", "高庙乡", "红旗乡", "桃园镇", "李集镇", "马店镇", "双河镇",
    "清水乡", "大营乡", "金山镇", "太平乡",
)
DEPARTMENTS = (  # the demo county's departments with their short names (FOCUS finds 人防 in 县人防办)
    ("县委办公室", "县委办"), ("县委组织部", "组织部"), ("县委宣传部", "宣传部"), ("县纪委监委", "县纪委"),
    ("县委巡察工作领导小组办公室", "县委巡察办"), ("县人民防空办公室", "县人防办"),
)
assert len(TOWNSHIPS) + len(DEPARTMENTS) == UNITS_PER_COUNTY


def county_stem(index: int) -> str:
    """The index-th county's name without 县, e.g. 青山 (青山县)."""
    stem = COUNTY_FIRST[index % 10] + COUNTY_SECOND[index // 10 % 10]
    if index >= 100:
        stem += COUNTY_THIRD[index // 100 % 10] * (1 + index // 1000)
    return stem


def province_units(count: int) -> str:
    """units.csv text for `count` units, 30 per county: 24 townships (青山县城关镇), then 6
    departments (青山县委组织部, alias 青山县组织部)."""
    rows = ["code,name_zh,kind,aliases"]
    for i in range(count):
        county, slot = divmod(i, UNITS_PER_COUNTY)
        stem = county_stem(county)
        if slot < len(TOWNSHIPS):
            rows.append(f"T{county:03d}{slot:02d},{stem}县{TOWNSHIPS[slot]},township,")
        else:
            name, alias = DEPARTMENTS[slot - len(TOWNSHIPS)]
            alias = alias if alias.startswith("县") else f"县{alias}"
            rows.append(f"D{county:03d}{slot:02d},{stem}{name},department,{stem}{alias}")
    return "\n".join(rows) + "\n"


def check_unit_names(registry: UnitRegistry) -> None:
    """Raise unless no unit's name or alias is found inside another unit's name or alias."""
    owner = {name: unit.code for unit in registry.units for name in unit.names}
    for name, code in owner.items():
        for i in range(len(name)):
            for j in range(i + 1, len(name) + 1):
                other = owner.get(name[i:j])
                if other is not None and other != code:
                    raise ValueError(f"unit name {name[i:j]!r} ({other}) is inside {name!r} ({code})")


def archive_months(count: int, first: date = FIRST_MONTH) -> list[date]:
    """`count` consecutive months from `first`."""
    return [date(first.year + (first.month - 1 + k) // 12, (first.month - 1 + k) % 12 + 1, 1) for k in range(count)]
