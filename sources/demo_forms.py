"""Filled-in forms as the demo county's units would send them: for the demo and benchmarks."""
from __future__ import annotations

import math
import os
import random
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from .catalog import Catalog, Indicator
from .demo_mess import gbk_csv, month_sheets_workbook, retyped_workbook
from .form_layout import FORM_SHEET, META_SHEET, form_title
from .form_template import build_form, indicator_rows
from .units import Unit, UnitRegistry

# Monthly means for a township; departments report only what their office does (FOCUS).
TOWNSHIP_MEANS = {
    "theory_study_sessions": 2, "study_exchange_batches": 1.5, "media_articles": 1.2,
    "training_attendance": 25, "warning_education_meetings": 0.4, "eight_rules_cases": 0.3,
    "eight_rules_punished": 0.3, "form1_cases": 3, "form2_cases": 1, "form3_cases": 0.2,
    "form4_cases": 0.1, "livelihood_projects": 2, "difficulties_resolved": 12,
    "grassroots_clues": 1.5, "grassroots_cases": 0.6, "grassroots_handled": 0.6,
    "poverty_cases": 0.3, "poverty_punished": 0.3, "gang_cases": 0.1, "gang_punished": 0.1,
    "clues_disposed": 1.2, "cases_filed": 0.6, "funds_recovered": 1.5,
}
TOWNSHIP_STOCKS = {"theory_research_offices": 2, "lecture_groups": 2, "key_petition_cases": 1}
FOCUS = {  # the most specific word first: 巡察办 and 人防办 are 办公室 too
    "巡察": {"inspection_documents": 1, "inspected_townships": 1.2, "inspected_departments": 1.5,
             "inspection_problems": 18},
    "人防": {"civil_defense_problems": 1.5, "civil_defense_punished": 0.4},
    "组织部": {"cadre_adjustment_batches": 0.6, "training_attendance": 220, "deputy_section_rotations": 4,
               "section_rotations": 2, "theory_study_sessions": 1},
    "宣传部": {"media_articles": 18, "study_exchange_batches": 3, "theory_study_sessions": 1.5},
    "纪委": {"warning_education_meetings": 0.4, "eight_rules_cases": 1.2, "eight_rules_punished": 1.2,
             "form1_cases": 14, "form2_cases": 5, "form3_cases": 1, "form4_cases": 0.5,
             "grassroots_clues": 6, "grassroots_cases": 3, "grassroots_handled": 3, "poverty_cases": 1.5,
             "poverty_punished": 1.5, "gang_cases": 0.5, "gang_punished": 0.5, "clues_disposed": 9,
             "cases_filed": 4, "funds_recovered": 18},
    "办公室": {"standing_committee_meetings": 2, "leading_group_meetings": 0.7, "theory_study_sessions": 1.5},
}
# A few unit-months that never arrive, as in any real county.
MISSING = {("T13", date(2019, 8, 1)), ("D06", date(2020, 3, 1)), ("T07", date(2020, 5, 1)),
           ("T15", date(2020, 6, 1))}
BLANK_SHARE = 0.04
# A form sent back for an approximate figure and resent a month late, corrected.
SENT_BACK = ("T09", date(2020, 5, 1), "party_members_mobilized", "约30")
# A form sent, then a corrected version the next day: the first is superseded.
CORRECTED = ("T04", date(2020, 3, 1), "training_attendance")
# Forms that miss the deadline and arrive with the next month's batch.
LATE = {("T11", date(2020, 2, 1)), ("D03", date(2020, 4, 1)), ("T06", date(2019, 10, 1))}
# A retyped form with 次 typed into a 人 row, rejected, resent corrected the next day.
WRONG_UNIT = ("T03", date(2020, 2, 1), "training_attendance")
# A late month that arrives in one workbook with the next month, one sheet each.
CATCH_UP = (date(2020, 2, 1), ("T11", date(2020, 3, 1)))
# A file that is no form at all, sent with a month's batch.
NOT_A_FORM = (date(2019, 9, 1), "会议签到表.xlsx")
DEADLINE_DAY = 5


@dataclass(frozen=True)
class FilledForm:
    """What a unit typed into its form for a month (None = left blank)."""

    unit: Unit
    period: date
    month_values: dict[str, float | None]
    ytd_values: dict[str, float | None]


def _count(rng: random.Random, mean: float) -> int:
    """A plausible count around a mean (Poisson by inversion)."""
    if mean <= 0:
        return 0
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _focus(unit: Unit) -> dict[str, float]:
    return next((means for word, means in FOCUS.items() if any(word in name for name in unit.names)), {})


def demo_month_values(unit: Unit, period: date, catalog: Catalog) -> dict[str, float | None]:
    """The unit's true figures for the month (deterministic per unit and month)."""
    rng = random.Random(f"{unit.code}|{period:%Y-%m}")
    epidemic = period.year == 2020 and period.month <= 6
    values: dict[str, float | None] = {}
    for ind in catalog.for_kind(unit.kind):
        values[ind.code] = _indicator_value(ind, unit, period, rng, epidemic)
    return _consistent(values)


def _consistent(values: dict[str, float | None]) -> dict[str, float | None]:
    """Make the figures hang together as real ones do (subsets within totals; see rules.csv)."""
    def at_least(code: str, *parts: str) -> None:
        if code in values:
            values[code] = max([values[code] or 0] + [values.get(p) or 0 for p in parts])

    for subset in ("grassroots_cases", "grassroots_handled"):
        if subset in values and "grassroots_clues" in values:
            values[subset] = min(values[subset] or 0, values["grassroots_clues"] or 0)
    at_least("cases_filed", "grassroots_cases", "poverty_cases", "gang_cases")
    at_least("clues_disposed", "cases_filed")
    parts = ("punished_section_level", "punished_general_cadres", "punished_others")
    if "punished_total" in values:
        needed = max(values.get(c) or 0 for c in ("eight_rules_punished", "poverty_punished", "gang_punished"))
        shortfall = needed - sum(values.get(c) or 0 for c in parts)
        if shortfall > 0:
            values["punished_others"] = (values.get("punished_others") or 0) + shortfall
        values["punished_total"] = sum(values.get(c) or 0 for c in parts)
    return values


def _indicator_value(ind: Indicator, unit: Unit, period: date, rng: random.Random, epidemic: bool) -> float:
    scale = 1 + (int(unit.code[1:]) % 5) / 10  # units differ in size
    growth = 1 + 0.08 * (period.year - 2019)
    if ind.code == "epidemic_teams":
        return _count(rng, 3 * scale) + 1 if epidemic else 0
    if ind.code == "party_members_mobilized":
        return _count(rng, 60 * scale) + 20 if epidemic else _count(rng, 2)
    if ind.code == "infections":
        return 0
    if ind.code in ("cadres_post90", "cadres_bachelor"):
        if "组织部" not in unit.name_zh:
            return 0
        base = 84 if ind.code == "cadres_post90" else 412
        yearly = 0.21 if ind.code == "cadres_post90" else 0.075
        months = (period.year - 2019) * 12 + period.month - 1
        return round(base * (1 + yearly) ** (months / 12))
    if ind.code == "inspection_round":
        return (period.year - 2019) * 2 + (1 if period.month <= 6 else 2) if "巡察" in unit.name_zh else 0
    if ind.code == "sanction_review_persons":
        return 156 + (period.year - 2019) * 23 if "纪委" in unit.name_zh else 0
    if ind.code in ("punished_section_level", "punished_general_cadres", "punished_others"):
        mean = {"punished_section_level": 0.5, "punished_general_cadres": 1.2, "punished_others": 0.8}[ind.code]
        return _count(rng, mean * (3 if "纪委" in unit.name_zh else 0.3))
    if ind.code in TOWNSHIP_STOCKS and unit.kind == "township":
        return TOWNSHIP_STOCKS[ind.code] + (period.year - 2019)
    mean = _focus(unit).get(ind.code) if unit.kind == "department" else TOWNSHIP_MEANS.get(ind.code)
    if mean is None:
        return 0
    if ind.value_type == "decimal":
        return round(rng.uniform(0, 2 * mean * scale * growth), 2) if rng.random() < 0.5 else 0
    return _count(rng, mean * scale * growth)


def filled_form(unit: Unit, period: date, catalog: Catalog) -> FilledForm:
    """The month's values as typed (a few left blank) and the year-to-date column."""
    typed = _typed_values(unit, period, catalog)
    ytd: dict[str, float | None] = {}
    history = [_typed_values(unit, date(period.year, m, 1), catalog) for m in range(1, period.month)]
    for ind in catalog.for_kind(unit.kind):
        if typed.get(ind.code) is None:
            ytd[ind.code] = None
        elif ind.aggregation == "sum":
            ytd[ind.code] = round(sum((h.get(ind.code) or 0) for h in history) + typed[ind.code], 2)
        elif ind.aggregation == "max":
            ytd[ind.code] = max([typed[ind.code]] + [h.get(ind.code) or 0 for h in history])
        else:
            ytd[ind.code] = typed[ind.code]
    return FilledForm(unit, period, typed, ytd)


def _typed_values(unit: Unit, period: date, catalog: Catalog) -> dict[str, float | None]:
    """The month's values as the clerk typed them: a few left blank (not reported)."""
    rng = random.Random(f"blank|{unit.code}|{period:%Y-%m}")
    return {
        code: (None if rng.random() < BLANK_SHARE else value)
        for code, value in demo_month_values(unit, period, catalog).items()
    }


def filled_workbook(form: FilledForm, catalog: Catalog, keep_meta: bool = True) -> Workbook:
    """The standard form with the unit's figures typed in, as a clerk does in Excel."""
    book = build_form(form.unit, form.period, catalog)
    sheet = book[FORM_SHEET]
    rows = indicator_rows(catalog, form.unit.kind)
    for code, row in rows.items():
        sheet[f"D{row}"] = _typed(form.month_values.get(code))
        sheet[f"E{row}"] = _typed(form.ytd_values.get(code))
    filled_on = _filling_date(form.period)
    sheet["D2"] = f"填报日期：{filled_on.year}年{filled_on.month}月{filled_on.day}日"
    footer = max(rows.values()) + 2
    rng = random.Random(f"clerk|{form.unit.code}")
    sheet[f"B{footer}"] = rng.choice(["王丽", "张伟", "李娜", "刘洋", "陈静", "杨帆", "赵磊"])
    sheet[f"D{footer}"] = rng.choice(["李建国", "周明", "吴强", "郑华"])
    sheet[f"F{footer}"] = f"0371-{rng.randint(6000000, 6999999)}"
    if not keep_meta:
        del book[META_SHEET]
    return book


def _typed(value: object) -> object:
    if value is None or isinstance(value, str):
        return value
    return int(value) if value == int(value) else value


def _filling_date(period: date) -> date:
    return _next_month(period).replace(day=1 + (period.month * 7 + period.year) % DEADLINE_DAY)


def demo_file_name(unit: Unit, period: date, style: int) -> str:
    """File names the way clerks save them."""
    names = (
        f"{unit.code}_{form_title(unit.name_zh, period)}.xlsx",
        f"{unit.name_zh}{period.month}月报表.xlsx",
        f"{unit.name_zh}{period.year}年{period.month}月党建统计.xlsx",
        f"{form_title(unit.name_zh, period)}（终稿）.xlsx",
    )
    return names[style % len(names)]


def write_demo_month(inbox: Path, registry: UnitRegistry, catalog: Catalog, period: date) -> list[Path]:
    """Drop the month's forms of every unit that reports it into inbox/<YYYY-MM>/."""
    folder = inbox / f"{period:%Y-%m}"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index, unit in enumerate(registry.units):
        if (unit.code, period) in MISSING | LATE:
            continue
        form = filled_form(unit, period, catalog)
        name = demo_file_name(unit, period, index + period.month)
        keep_meta = (index + period.month) % 7 != 0
        stamp = datetime.combine(_filling_date(period), datetime.min.time()).timestamp() + index * 60
        if (unit.code, period) == SENT_BACK[:2]:
            form = _with_value(form, SENT_BACK[2], SENT_BACK[3])
        if (unit.code, period) == CORRECTED[:2]:
            first = _with_value(form, CORRECTED[2], (form.month_values[CORRECTED[2]] or 0) + 5)
            written.append(_save(filled_workbook(first, catalog, keep_meta), folder / name, stamp))
            name, stamp = name.replace(".xlsx", "（更正）.xlsx"), stamp + 86400
        if (unit.code, period) == WRONG_UNIT[:2]:
            wrong = _with_value(form, WRONG_UNIT[2], f"{form.month_values[WRONG_UNIT[2]] or 1:.0f}次")
            written.append(_save(retyped_workbook(unit, period, catalog, wrong.month_values, wrong.ytd_values),
                                 folder / f"{unit.name_zh}{period.month}月统计表.xlsx", stamp))
            name, stamp = name.replace(".xlsx", "（重报）.xlsx"), stamp + 86400
        elif (unit.code, period) == CATCH_UP[1]:
            late = filled_form(unit, CATCH_UP[0], catalog)
            months = [(f.period, f.month_values, f.ytd_values) for f in (late, form)]
            written.append(_save(month_sheets_workbook(unit, months, catalog),
                                 folder / f"{unit.name_zh}{late.period.month}-{period.month}月报表.xlsx", stamp))
            continue
        elif (index + period.month) % 10 == 3:
            book = retyped_workbook(unit, period, catalog, form.month_values, form.ytd_values)
            written.append(_save(book, folder / f"{unit.name_zh}{period.month}月统计表.xlsx", stamp))
            continue
        elif (index + period.month) % 10 == 6:
            data = gbk_csv(unit, period, catalog, form.month_values, form.ytd_values)
            written.append(_write(data, folder / f"{unit.name_zh}{period.year}年{period.month}月.csv", stamp))
            continue
        written.append(_save(filled_workbook(form, catalog, keep_meta), folder / name, stamp))
    if period == NOT_A_FORM[0]:
        book = Workbook()
        book.active.append(["会议签到表"])
        book.active.append(["姓名", "单位", "签到时间"])
        written.append(_save(book, folder / NOT_A_FORM[1], stamp))
    late_stamp = datetime.combine(_filling_date(period), datetime.min.time()).timestamp()
    resent = {(SENT_BACK[0], SENT_BACK[1], "（修改后重报）")}
    overdue = {(code, month, "（补报）") for code, month in LATE if (code, month) != (CATCH_UP[1][0], CATCH_UP[0])}
    for code, month, note in sorted(resent | overdue):
        late_unit = registry.get(code)
        if late_unit is not None and period == _next_month(month):
            form = filled_form(late_unit, month, catalog)
            name = f"{late_unit.name_zh}{month.month}月报表{note}.xlsx"
            written.append(_save(filled_workbook(form, catalog), folder / name, late_stamp))
    return written


def collection_time(period: date) -> datetime:
    """When the office collects a month's forms: the deadline day of the next month, 17:00."""
    return datetime.combine(_next_month(period).replace(day=DEADLINE_DAY), datetime.min.time()).replace(hour=17)


def _with_value(form: FilledForm, code: str, value: object) -> FilledForm:
    return FilledForm(form.unit, form.period, {**form.month_values, code: value}, form.ytd_values)  # type: ignore[dict-item]


def _next_month(period: date) -> date:
    return date(period.year + period.month // 12, period.month % 12 + 1, 1)


def _write(data: bytes, path: Path, stamp: float) -> Path:
    path.write_bytes(data)
    os.utime(path, (stamp, stamp))
    return path


def _save(book: Workbook, path: Path, stamp: float) -> Path:
    book.save(path)
    os.utime(path, (stamp, stamp))
    return path
