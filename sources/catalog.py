"""The indicator catalog: the 48 indicators every form reports, declared once in indicators.csv."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from functools import lru_cache
from pathlib import Path

from .check_memo import remembered
from .csv_data import CsvRow, read_csv_rows, read_csv_text
from .label_core import LabelRulesError, label_rules

AGGREGATIONS = ("sum", "last", "max")
VALUE_TYPES = ("int", "decimal")
REPORTERS = ("township", "department", "both")
REQUIRED_COLUMNS = (
    "code", "name_zh", "unit_zh", "aggregation", "value_type",
    "reported_by", "section", "summary_phrase", "aliases",
)


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

    def reported_by_kind(self, kind: str) -> bool:
        """True when a unit of this kind ('township' or 'department') reports the indicator."""
        return self.reported_by in ("both", kind)

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label that names this indicator on a form: the name, then its aliases."""
        return (self.name_zh, *self.aliases)


@dataclass
class Catalog:
    """All indicators in form order, with the version of the file they came from."""

    indicators: tuple[Indicator, ...]
    version: str
    _by_code: dict[str, Indicator] = field(init=False, repr=False)
    _by_label: dict[str, Indicator] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_code = {i.code: i for i in self.indicators}
        self._by_label = {label: i for i in self.indicators for label in i.labels}

    def get(self, code: str) -> Indicator:
        """The indicator with this code (KeyError if none)."""
        return self._by_code[code]

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
    label_owner: dict[str, str] = {}
    for row in read_csv_rows(text, source, REQUIRED_COLUMNS, CatalogError):
        indicator = _indicator_from_row(row)
        if any(i.code == indicator.code for i in indicators):
            raise CatalogError(f"{row.where}：指标代码「{indicator.code}」重复")
        for label in indicator.labels:
            if label in label_owner:
                raise CatalogError(
                    f"{row.where}：{indicator.code} 的名称「{label}」已被 {label_owner[label]} 使用"
                )
            label_owner[label] = indicator.code
        indicators.append(indicator)
    if not indicators:
        raise CatalogError(f"{source}：没有任何指标")
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
    problem = remembered(_core_collision, tuple((i.code, i.labels) for i in indicators),
                         (here / "catalog.py", here / "label_core.py", here / "label_rules.toml"))
    if problem:
        raise CatalogError(f"{source}：{problem}")


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
    return Indicator(
        code=values["code"], name_zh=values["name_zh"], unit_zh=values["unit_zh"],
        aggregation=values["aggregation"], value_type=values["value_type"],
        reported_by=values["reported_by"], section=values["section"],
        summary_phrase=values["summary_phrase"], aliases=aliases,
    )
