"""The indicator catalog: the 48 indicators every form reports, declared once in indicators.csv, each with
the months it is in effect (valid_from, valid_to; empty = open) and, for a renamed one, the code it replaces."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from functools import lru_cache
from pathlib import Path

from .check_memo import remembered
from .csv_data import CsvRow, read_csv_rows, read_csv_text
from .label_core import LabelRulesError, label_rules
from .months import MonthError, parse_month, previous_month

AGGREGATIONS = ("sum", "last", "max")
VALUE_TYPES = ("int", "decimal")
REPORTERS = ("township", "department", "both")
REQUIRED_COLUMNS = (
    "code", "name_zh", "unit_zh", "aggregation", "value_type",
    "reported_by", "section", "summary_phrase", "aliases",
)
VALIDITY_COLUMNS = ("valid_from", "valid_to", "replaces")  # optional: a catalog without them is open-ended


class CatalogError(ValueError):
    """The catalog file is malformed: a bad row, a duplicate code or label, or labels whose cores collide."""


@dataclass(frozen=True)
class Indicator:
    """One indicator of the monthly form."""

    code: str
    name_zh: str
    unit_zh: str
    aggregation: str
    value_type: str
    reported_by: str
    section: str
    summary_phrase: str
    aliases: tuple[str, ...]
    valid_from: date | None = None  # the first month it is in effect; None: from the start
    valid_to: date | None = None    # the last month it is in effect; None: still in effect
    replaces: str = ""              # the code of the indicator it renames, if any

    def in_effect(self, month: date) -> bool:
        """True when a form of this month (a first-of-month date) asks for the indicator."""
        return (self.valid_from is None or self.valid_from <= month) and (self.valid_to is None or month <= self.valid_to)

    def reported_by_kind(self, kind: str) -> bool:
        """True when a unit of this kind ('township' or 'department') reports the indicator."""
        return self.reported_by in ("both", kind)

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label that names this indicator on a form: the name, then its aliases."""
        return (self.name_zh, *self.aliases)


@dataclass
class Catalog:
    """All indicators in form order, with the version of the file they came from; `whole` is the catalog
    of every version this one was cut from by `in_effect` (itself when not cut)."""

    indicators: tuple[Indicator, ...]
    version: str
    whole: Catalog | None = field(default=None, repr=False)
    _by_code: dict[str, Indicator] = field(init=False, repr=False)
    _by_label: dict[str, Indicator] = field(init=False, repr=False)
    _months: dict[date, Catalog] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.whole = self.whole or self
        self._by_code = {i.code: i for i in self.indicators}
        self._by_label = {label: i for i in self.indicators for label in i.labels}
        self._months = {}

    def get(self, code: str) -> Indicator:
        """The indicator with this code, in effect or not (KeyError if none)."""
        found = self._by_code.get(code)
        return found if found is not None else self.whole._by_code[code]  # type: ignore[union-attr]

    def in_effect(self, month: date | None) -> Catalog:
        """The catalog a form of this month is read with: the indicators in effect then, in form order.
        The whole catalog itself for no month, or when every indicator is in effect (cached per month)."""
        whole = self.whole
        assert whole is not None
        if month is None:
            return whole
        month = month.replace(day=1)
        found = whole._months.get(month)
        if found is None:
            kept = tuple(i for i in whole.indicators if i.in_effect(month))
            found = whole if len(kept) == len(whole.indicators) else Catalog(kept, whole.version, whole)
            whole._months[month] = found
        return found

    def out_of_effect(self, label: str) -> Indicator | None:
        """The indicator of the whole catalog this exact label names that is not in this catalog, if any."""
        found = [i for i in self.whole.indicators if label in i.labels and i.code not in self._by_code]  # type: ignore[union-attr]
        return found[0] if found else None

    def by_label(self, label: str) -> Indicator | None:
        """The indicator whose name or alias is exactly this label, if any."""
        return self._by_label.get(label)

    def for_kind(self, kind: str) -> tuple[Indicator, ...]:
        """The indicators a unit of this kind reports, in form order."""
        return tuple(i for i in self.indicators if i.reported_by_kind(kind))

    def sections(self, kind: str) -> list[tuple[str, list[Indicator]]]:
        """The indicators of a kind grouped by section, sections in form order."""
        grouped: dict[str, list[Indicator]] = {}
        for indicator in self.for_kind(kind):
            grouped.setdefault(indicator.section, []).append(indicator)
        return list(grouped.items())


def builtin_catalog_path() -> Path:
    """Where the catalog shipped with countystat lives."""
    return Path(str(resources.files("countystat.sources") / "indicators.csv"))


def parse_catalog(text: str, source: str = "indicators.csv") -> Catalog:
    """Parse and check catalog CSV text; raise CatalogError naming the line on any defect."""
    indicators: list[Indicator] = []
    label_owner: dict[str, list[Indicator]] = {}
    where: dict[str, str] = {}
    for row in read_csv_rows(text, source, REQUIRED_COLUMNS, CatalogError, optional=VALIDITY_COLUMNS):
        indicator = _indicator_from_row(row)
        if any(i.code == indicator.code for i in indicators):
            raise CatalogError(f"{row.where}：指标代码「{indicator.code}」重复")
        for label in indicator.labels:
            for other in label_owner.get(label, []):
                if (month := _overlap(indicator, other)) is not None:  # labels repeat only across periods
                    when = "" if month is _ALWAYS else f"在{month:%Y-%m}"
                    hint = "" if month is _ALWAYS else "（同一名称只能用在不重叠的时段）"
                    raise CatalogError(f"{row.where}：{indicator.code} 的名称「{label}」已被 {other.code} {when}使用{hint}")
            label_owner.setdefault(label, []).append(indicator)
        indicators.append(indicator)
        where[indicator.code] = row.where
    if not indicators:
        raise CatalogError(f"{source}：没有任何指标")
    _check_predecessors(indicators, where)
    check_label_cores(indicators, source)
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return Catalog(tuple(indicators), version)


def check_label_cores(indicators: list[Indicator] | tuple[Indicator, ...], source: str = "indicators.csv") -> None:
    """Raise CatalogError when two indicators' labels reduce to the same core, or when a declared affix
    (label_rules.toml) added to one indicator's label makes it read as another's core."""
    try:
        rules = label_rules()
    except LabelRulesError as exc:
        raise CatalogError(str(exc)) from None
    undeclared = sorted({i.unit_zh for i in indicators} - set(rules.bracket_units))
    if undeclared:  # 立案（件） must lose its bracket whatever the unit
        raise CatalogError(f"{source}：计量单位「{undeclared[0]}」不在 label_rules.toml 的 bracket_units 中，请先在那里加上")
    here = Path(__file__).parent  # the verdict depends on this check's code and the label rules, too
    code = (here / "catalog.py", here / "label_core.py", here / "label_rules.toml")
    for month, members in _periods(tuple(indicators)):  # only indicators in effect together must tell apart
        problem = remembered(_core_collision, tuple((i.code, i.labels) for i in members), code)
        if problem:
            when = "" if month is None else f"（{month:%Y-%m}起同时有效）"
            raise CatalogError(f"{source}：{problem}{when}")


_ALWAYS = date.min  # _overlap's answer for two indicators both in effect in every month


def _overlap(a: Indicator, b: Indicator) -> date | None:
    """The first month both indicators are in effect (_ALWAYS when both are open at the start), or None."""
    starts = [m for m in (a.valid_from, b.valid_from) if m is not None]
    first = max(starts) if starts else _ALWAYS
    ends = [m for m in (a.valid_to, b.valid_to) if m is not None]
    return first if not ends or first <= min(ends) else None


def _periods(indicators: tuple[Indicator, ...]) -> list[tuple[date | None, tuple[Indicator, ...]]]:
    """Each distinct set of indicators in effect together, with the first month it holds (None: from the start)."""
    starts = sorted({i.valid_from for i in indicators if i.valid_from}
                    | {_next_month(i.valid_to) for i in indicators if i.valid_to})
    months: list[date | None] = [None, *starts] if starts else [None]
    found: dict[tuple[Indicator, ...], date | None] = {}
    for month in months:
        probe = previous_month(starts[0]) if month is None and starts else month
        members = tuple(i for i in indicators if probe is None or i.in_effect(probe))
        if members:
            found.setdefault(members, month)
    return [(month, members) for members, month in found.items()]


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _check_predecessors(indicators: list[Indicator], where: dict[str, str]) -> None:
    """A renamed indicator's `replaces` names a known code whose months end before the new one's begin."""
    by_code = {i.code: i for i in indicators}
    for indicator in indicators:
        old = by_code.get(indicator.replaces) if indicator.replaces else indicator
        at = where[indicator.code]
        if old is None:
            raise CatalogError(f"{at}：replaces 写的指标代码「{indicator.replaces}」不在目录中，请写被改名的旧指标的代码")
        if old is not indicator and (old.valid_to is None or indicator.valid_from is None
                                     or old.valid_to >= indicator.valid_from):
            raise CatalogError(f"{at}：{indicator.code} 取代 {old.code}，须 {old.code} 的 valid_to 早于 "
                               f"{indicator.code} 的 valid_from（两项不能同时有效）")


@lru_cache(maxsize=8)
def _core_collision(labels: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    """The first collision among the indicators' labels and their affixed variants, in words, or None."""
    rules = label_rules()
    owner: dict[str, tuple[str, str]] = {}  # core -> (code, label)
    for code, names in labels:
        for label in names:
            core = rules.core(label)
            if not core:
                return f"{code} 的名称「{label}」去掉编号、前后缀后什么也不剩"
            if core in owner and owner[core][0] != code:
                other, other_label = owner[core]
                return (f"{other} 的名称「{other_label}」和 {code} 的名称「{label}」"
                        f"去掉前后缀后都是「{core}」，读表时分不开")
            owner.setdefault(core, (code, label))
    for code, names in labels:
        for label in names:
            for affix, variant in [("", label), *rules.variants(label)]:
                for reading in rules.readings(variant):
                    other = owner.get(reading)
                    if other is not None and other[0] != code:
                        added = f"加上「{affix}」后" if affix else ""
                        return (f"{code} 的名称「{label}」{added}可读作「{reading}」，"
                                f"与 {other[0]} 的「{other[1]}」分不开")
    return None


def load_catalog(path: Path | None = None) -> Catalog:
    """Load and check the catalog file (the built-in one unless a path is given)."""
    path = path or builtin_catalog_path()
    return parse_catalog(read_csv_text(path, CatalogError), source=path.name)


def _indicator_from_row(row: CsvRow) -> Indicator:
    values, where = row.cells, row.where
    for column in ("code", "name_zh", "unit_zh", "section"):
        if not values[column]:
            raise CatalogError(f"{where}：{column} 不能为空")
    for column, allowed in (
        ("aggregation", AGGREGATIONS), ("value_type", VALUE_TYPES), ("reported_by", REPORTERS)
    ):
        if values[column] not in allowed:
            raise CatalogError(
                f"{where}：{column} 应为 {', '.join(allowed)} 之一，现为「{values[column]}」"
            )
    aliases = row.listed("aliases")
    if len(set(aliases)) != len(aliases):
        raise CatalogError(f"{where}：{values['code']} 的别名重复列出")
    valid_from, valid_to = _month(row, "valid_from"), _month(row, "valid_to")
    if valid_from and valid_to and valid_from > valid_to:
        raise CatalogError(f"{where}：{values['code']} 的 valid_from {valid_from:%Y-%m} 晚于 valid_to {valid_to:%Y-%m}，"
                           "请核对起止月份")
    return Indicator(
        code=values["code"], name_zh=values["name_zh"], unit_zh=values["unit_zh"],
        aggregation=values["aggregation"], value_type=values["value_type"],
        reported_by=values["reported_by"], section=values["section"],
        summary_phrase=values["summary_phrase"], aliases=aliases,
        valid_from=valid_from, valid_to=valid_to, replaces=row.cells.get("replaces", ""),
    )


def _month(row: CsvRow, column: str) -> date | None:
    """A validity month (2020-01); None for an empty cell (open)."""
    text = row.cells.get(column, "")
    if not text:
        return None
    try:
        return parse_month(text)
    except MonthError:
        raise CatalogError(f"{row.where}：{column}「{text}」不是月份，请写成“年-月”（如 2020-01），不限则留空") from None


def not_in_effect_text(indicator: Indicator, month: date, catalog: Catalog) -> str:
    """Why a form of this month must not carry the indicator, for the clerk (without file and cell)."""
    asked = f"{month.year}年{month.month}月的报表不应填写"
    if indicator.valid_from is not None and month < indicator.valid_from:
        start = indicator.valid_from
        return f"「{indicator.name_zh}」自{start.year}年{start.month}月起才列入报表，{asked}，请删除该数字"
    end = indicator.valid_to or month
    successor = next((i for i in catalog.whole.indicators  # type: ignore[union-attr]
                      if i.replaces == indicator.code and i.in_effect(month)), None)
    if successor is not None:
        return (f"「{indicator.name_zh}」{end.year}年{end.month}月后已改为「{successor.name_zh}」，"
                f"{month.year}年{month.month}月的数请填在「{successor.name_zh}」一行")
    return f"「{indicator.name_zh}」{end.year}年{end.month}月后已不再列入报表，{asked}，请删除该数字"
