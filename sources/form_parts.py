"""A long form split over sheets titled alike (月报表（一）, 月报表（二）): the parts of one unit's month."""
from __future__ import annotations

import re

from .catalog import Catalog
from .form_reading import FormReading
from .problems import error
from .submission import ReportedValue

PART_MARK = re.compile(r"(?:[（(](?:[一二三四五六七八九十]+|续|续表)[)）]|之[一二三四五六七八九十]+|续表?)$")


def part_stem(name: str) -> tuple[str, str]:
    """A sheet name or title without its part mark, and the mark: 月报表（二） -> (月报表, （二）)."""
    name = "".join(name.split())
    match = PART_MARK.search(name)
    return (name[:match.start()], match.group(0)) if match and match.start() > 0 else (name, "")


def joined_parts(readings: list[FormReading], catalog: Catalog, file_name: str) -> list[FormReading]:
    """The readings with the parts of each unit's month joined into one, in the order of their first part.

    Parts are sheets of the same unit and month whose names (or, failing that, titles) differ only by a
    part mark (（一）, 之二, 续); other sheets of the same month are left for the caller to refuse as a guess.
    """
    if len(readings) < 2:
        return readings
    groups: dict[tuple[str, object, str, str], list[int]] = {}
    for i, reading in enumerate(readings):
        if reading.unit is not None and reading.period is not None:
            groups.setdefault((reading.unit.code, reading.period, *_part_key(reading)), []).append(i)
    joined: dict[int, FormReading] = {}
    dropped: set[int] = set()
    for (_, _, by, _), members in groups.items():
        parts = [readings[i] for i in members]
        marks = {part_stem(getattr(p, by))[1] for p in parts}  # each part its own mark, at most one unmarked
        if len(parts) < 2 or len(marks) < len(parts) or len({p.sheet for p in parts}) < len(parts):
            continue
        joined[members[0]] = _joined(parts, catalog, file_name)
        dropped.update(members[1:])
    return [joined.get(i, reading) for i, reading in enumerate(readings) if i not in dropped]


def _part_key(reading: FormReading) -> tuple[str, str]:
    """What names the reading as a part: its title when it has a part mark (Sheet1 and Sheet2 titled
    …月报表（一） and …月报表（二）), else its sheet's name."""
    title_stem, title_mark = part_stem(reading.title)
    if title_mark:
        return "title", title_stem
    return "sheet", part_stem(reading.sheet)[0]


def _joined(parts: list[FormReading], catalog: Catalog, file_name: str) -> FormReading:
    """One reading from the parts; an indicator given different numbers in two parts is a problem."""
    first = parts[0]
    whole = FormReading(first.unit, first.period, sheet=first.sheet, title=first.title)
    values: dict[str, ReportedValue] = {}
    for part in parts:
        whole.problems += part.problems
        for code, text in part.remarks.items():
            whole.remarks.setdefault(code, text)
        for code, stated in part.stated_ytd.items():
            whole.stated_ytd.setdefault(code, stated)
        for value in part.values:
            earlier = values.get(value.indicator_code)
            if earlier is None or earlier.value is None:
                values[value.indicator_code] = value if earlier is None or value.value is not None else earlier
            elif value.value is not None and value.value != earlier.value:
                name = catalog.get(value.indicator_code).name_zh
                whole.problems.append(error(
                    f"「{name}」在工作表「{earlier.sheet}」{earlier.cell}和工作表「{value.sheet}」{value.cell}"
                    "填了不同的数，请只保留一个", file_name, value.sheet, value.cell,
                ))
    whole.values = list(values.values())
    states = [p.filled for p in parts]
    whole.filled = True if True in states else (False if False in states else None)
    return whole
