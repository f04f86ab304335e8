"""A fictional county for the reading-accuracy benchmark: its units, one month's figures per unit, and
the ways a clerk retypes a label or a number; `Truth` is what a careful clerk reads in one file."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from countystat.sources.catalog import Catalog, Indicator
from countystat.sources.units import Unit, UnitRegistry, parse_units

TODAY = date(2026, 11, 25)
YEAR = 2020
HEADER = ["序号", "指标名称", "计量单位", "本月", "备注"]
COUNTIES = [  # name, share of files that are not the standard template
    ("清河县", 0.35), ("石门县", 0.6), ("白水县", 0.85), ("安远县", 0.95), ("临江县", 0.5),
]
TRAP_SHARE = 0.12
FIRST = "东西南北上下大小高新青红白黄柳桃杨李王张马龙凤石金银沙梅兰竹松"
SECOND = "山河湖塘坪岗集庄湾桥岭口店铺寨坝源泉溪林田"
DEPARTMENTS = ["县委办公室", "县委组织部", "县委宣传部", "县纪委监委", "县委巡察工作领导小组办公室", "县人民防空办公室"]
CHINESE_DIGITS = "〇一二三四五六七八九"
CHINESE_MONTHS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
VILLAGE_NAMES = ["王家村", "李家庄村", "张湾村", "刘河村", "陈庄村", "赵集村"]


@dataclass
class Truth:
    """What a careful clerk reads in one file: accept (with these values) or refuse."""

    file: str
    mess: str
    accept: bool
    unit: Unit
    period: date
    values: dict[str, float] = field(default_factory=dict)  # the trustworthy numbers (blank ones left out)


def county_registry(rng: random.Random, townships: int) -> UnitRegistry:
    """Townships with made-up two-character names (镇 or 乡), and the usual county departments."""
    names: list[str] = []
    while len(names) < townships:
        core = rng.choice(FIRST) + rng.choice(SECOND)
        if all(core not in n and n[:2] not in core for n in names) and not any(core in d for d in DEPARTMENTS):
            names.append(core + rng.choice("镇乡"))
    rows = ["code,name_zh,kind,aliases"]
    rows += [f"T{i:02d},{name},township,{name[:-1]}" for i, name in enumerate(names, 1)]
    rows += [f"D{i:02d},{name},department," for i, name in enumerate(DEPARTMENTS, 1)]
    return parse_units("\n".join(rows), source="fictional county")


def figures(rng: random.Random, catalog: Catalog, kind: str) -> dict[str, float | None]:
    """One month's figures for a unit: about a fifth left blank; 党政纪处分 the sum of its parts."""
    values: dict[str, float | None] = {}
    for indicator in catalog.for_kind(kind):
        if rng.random() < 0.2:
            values[indicator.code] = None
        elif indicator.value_type == "decimal":
            values[indicator.code] = rng.randint(0, 3000) / 100
        else:
            values[indicator.code] = rng.choice([0, 0, rng.randint(1, 9), rng.randint(1, 60), rng.randint(50, 400)])
    parts = ["punished_section_level", "punished_general_cadres", "punished_others"]
    if all(values.get(p) is not None for p in parts):
        values["punished_total"] = sum(values[p] for p in parts)  # type: ignore[misc]
    else:
        for code in parts + ["punished_total"]:
            values[code] = None
    return values


def plain(value: float | None) -> object:
    """A figure as a clerk types it: 12 not 12.0; blank as empty."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def truth_values(values: dict[str, float | None]) -> dict[str, float]:
    return {code: v for code, v in values.items() if v is not None}


def label_variant(indicator: Indicator, rng: random.Random) -> str:
    """The indicator's name as clerks retype it (issue 10 part 1), each a form a careful clerk reads."""
    name, unit = indicator.name_zh, indicator.unit_zh
    shapes = ["linebreak", "bracket_end", "bracket_mid", "trailing"]
    if "“" in name:
        shapes.append("ascii_quotes")
    if unit in ("支", "个", "处") and not name.startswith("其中"):
        shapes.append("found")
    if name.endswith(("会议", "大会", "研讨")):
        shapes.append("convene")
    shape = rng.choice(shapes)
    if shape == "linebreak":
        return name[: len(name) // 2] + "\n" + name[len(name) // 2:]
    if shape == "bracket_end":
        return f"{name}（{unit}）" if rng.random() < 0.5 else f"{name}({unit})"
    if shape == "bracket_mid":
        return f"{name}（{unit}）数"
    if shape == "trailing":
        return name + {"项": "项数", "人次": "人次", "件": "数", "人": "数", "个": "数"}.get(unit, "数")
    if shape == "ascii_quotes":
        return name.replace("“", '"').replace("”", '"')
    if shape == "found":
        return rng.choice(["成立", "建立"]) + name
    return rng.choice(["召开", "组织"]) + name


def text_number(value: float, rng: random.Random) -> str:
    """A number typed as text: stray ordinary, no-break or full-width spaces, or full-width digits."""
    text = str(plain(value))
    return rng.choice([f"{text}\u00a0", f"\u3000{text}", f" {text} ",
                       text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))])
