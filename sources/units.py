"""The unit registry: the townships and departments that send forms, from units.csv."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .csv_data import read_csv_rows, read_csv_text

KINDS = ("township", "department")
HEADER = ("code", "name_zh", "kind", "aliases")  # aliases may be left off
KIND_ZH = {"township": "乡镇", "department": "县直部门"}
# Formal names shortened the way the registry writes them: 中共XX县纪律检查委员会 -> 中共XX县纪委.
FORMAL_WORDS = (("纪律检查委员会", "纪委"), ("监察委员会", "监委"), ("人民防空办公室", "人防办"), ("委员会", "委"))


class UnitsError(ValueError):
    """units.csv is malformed: bad header, bad kind, duplicate code, name or alias."""


@dataclass(frozen=True)
class Unit:
    """A township or county department that reports every month."""

    code: str
    name_zh: str
    kind: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The full name then every alias."""
        return (self.name_zh, *self.aliases)


@dataclass
class UnitRegistry:
    """All units, looked up by code or by any of their names."""

    units: tuple[Unit, ...]
    source: str
    _by_code: dict[str, Unit] = field(init=False, repr=False)
    _by_name: dict[str, Unit] = field(init=False, repr=False)
    _lengths: dict[str, list[int]] = field(init=False, repr=False)  # first character -> the names' lengths

    def __post_init__(self) -> None:
        self._by_code = {u.code: u for u in self.units}
        self._by_name = {name: u for u in self.units for name in u.names}
        lengths: dict[str, set[int]] = {}
        for name in self._by_name:
            lengths.setdefault(name[:1], set()).add(len(name))
        self._lengths = {first: sorted(found, reverse=True) for first, found in lengths.items()}

    def get(self, code: str) -> Unit | None:
        """The unit with this code, if registered."""
        return self._by_code.get(code)

    def by_name(self, name: str) -> Unit | None:
        """The unit with exactly this name or alias, if any."""
        return self._by_name.get(name)

    def find_in_text(self, text: str) -> list[Unit]:
        """Units named in the text, longest names first; a name inside a longer match is skipped.

        A formal name (中共柳河镇委员会, 中共XX县纪律检查委员会) is read in the registry's short words
        when its own words name no unit."""
        found = self._find(text)
        if not found and ("委员会" in text or "人民防空办公室" in text):
            for formal, short in FORMAL_WORDS:
                text = text.replace(formal, short)
            found = self._find(text)
        return found

    def _find(self, text: str) -> list[Unit]:
        lengths, names = self._lengths, self._by_name
        spans = sorted(
            ((i, i + n) for i, first in enumerate(text) for n in lengths.get(first, ())
             if text[i:i + n] in names),
            key=lambda span: (span[0] - span[1], span[0]),
        )
        taken: list[tuple[int, int]] = []
        found: list[Unit] = []
        for i, j in spans:
            if any(i < end and start < j for start, end in taken):
                continue
            taken.append((i, j))
            unit = self._by_name[text[i:j]]
            if unit not in found:
                found.append(unit)
        return found


def builtin_units_path() -> Path:
    """The demo county shipped with countystat."""
    return Path(str(resources.files("countystat.sources") / "demo_units.csv"))


def parse_units(text: str, source: str = "units.csv") -> UnitRegistry:
    """Parse and check units CSV text; raise UnitsError naming the line on any defect."""
    units: list[Unit] = []
    owner: dict[str, str] = {}
    for row in read_csv_rows(text, source, HEADER[:3], UnitsError, optional=HEADER[3:]):
        code, name, kind = row.cells["code"], row.cells["name_zh"], row.cells["kind"]
        aliases = row.listed("aliases")
        if not code or not name:
            raise UnitsError(f"{row.where}：code（单位代码）和 name_zh（单位名称）不能为空")
        if kind not in KINDS:
            raise UnitsError(f"{row.where}：kind（单位类别）应填 township（乡镇）或 department（县直部门），现为「{kind}」")
        if code in (u.code for u in units):
            raise UnitsError(f"{row.where}：单位代码「{code}」重复，每个单位的代码只能用一次")
        for label in (name, *aliases):
            if label in owner and owner[label] != code:
                raise UnitsError(
                    f"{row.where}：名称「{label}」已被单位 {owner[label]} 使用，一个名称只能指一个单位"
                )
            owner[label] = code
        units.append(Unit(code, name, kind, aliases))
    if not units:
        raise UnitsError(f"{source}：没有任何单位，请每行填写一个单位")
    return UnitRegistry(tuple(units), source)


def load_units(home_units: Path | None = None) -> UnitRegistry:
    """The county's own units.csv when it exists, else the built-in demo county."""
    path = home_units if home_units is not None and home_units.exists() else builtin_units_path()
    return parse_units(read_csv_text(path, UnitsError, source=str(path)), source=str(path))
