"""The one CSV reader every data file goes through: column checks and errors naming file and line."""
from __future__ import annotations

import pytest

from countystat.reports.derived import DerivedError, load_derived, parse_derived
from countystat.sources.csv_data import read_csv_rows, read_csv_text


class DataError(ValueError):
    """The error a loader asks for."""


def rows(text: str, optional=("note",)):
    return read_csv_rows(text, "data.csv", ("code", "name"), DataError, optional=optional)


def test_rows_carry_their_file_line_and_stripped_cells_and_blank_lines_are_skipped():
    found = rows("\ufeffcode, name ,note\n a ,甲,\n\n,,\nb,\"乙\n丙\",x\nc,丁,y\n")
    assert [(r.line, r.cells) for r in found] == [
        (2, {"code": "a", "name": "甲", "note": ""}),
        (5, {"code": "b", "name": "乙\n丙", "note": "x"}),
        (7, {"code": "c", "name": "丁", "note": "y"}),
    ]
    assert found[1].where == "data.csv 第5行"


def test_an_optional_column_may_be_absent_or_its_cell_left_off():
    assert [r.cells for r in rows("code,name\na,甲\n")] == [{"code": "a", "name": "甲"}]
    assert [r.cells for r in rows("code,name,note\na,甲\n")] == [{"code": "a", "name": "甲", "note": ""}]


def test_a_cell_lists_values_separated_by_semicolons():
    found = rows('code,name,note\na,甲, x ;y;; z;\nb,乙,\n')
    assert [r.listed("note") for r in found] == [("x", "y", "z"), ()]
    assert rows("code,name\na,甲\n")[0].listed("note") == ()


@pytest.mark.parametrize("text, words", [
    ("code,note\na,x\n", "data.csv：缺少列 name（第一行表头应有 code, name，可另有 note；现有 code, note）"),
    ("", "data.csv：缺少列 code, name"),
    ("code,name,name\n", "data.csv：表头中的列「name」出现了两次"),
    ("code,name,nmae\n", "data.csv：表头中有不认识的列「nmae」"),
    ("code,name,note\na,甲,x,y\n", "data.csv 第2行：应有 3 列，这一行有 4 列，比表头多"),
    ("code,name,note\na,甲,x\nb\n", "data.csv 第3行：应有 3 列，这一行只有 1 列"),
])
def test_a_bad_header_or_row_is_an_error_of_the_loaders_kind_naming_file_and_line(text, words):
    with pytest.raises(DataError) as failure:
        rows(text)
    assert str(failure.value).startswith(words)


def test_a_file_that_is_not_utf8_is_an_error_naming_it(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes("code,name\na,甲\n".encode("gbk"))
    with pytest.raises(DataError, match="data.csv：不是 UTF-8 编码的文本"):
        read_csv_text(path, DataError)
    path.write_text("\ufeffcode,name\n", encoding="utf-8")
    assert read_csv_text(path, DataError) == "code,name\n"


HEADER = "code,name_zh,unit_zh,expression\n"


def test_the_shipped_derived_file_loads():
    assert [d.code for d in load_derived()][:2] == ["form_total", "form1_share"]


@pytest.mark.parametrize("text, words", [
    ("code,name_zh,expression\nx,甲,a\n", "derived.csv：缺少列 unit_zh"),
    (HEADER + "x,甲,%,a\nx,乙,%,b\n", "derived.csv 第3行：代码「x」重复"),
    (HEADER + "x,甲,%,\n", "derived.csv 第2行：expression 不能为空"),
    (HEADER + "x,甲,%,a *\n", "derived.csv 第2行：「a *」不是一个算式"),
    (HEADER + "y,乙,%,a\nx,甲,%,a ** 2\n", "derived.csv 第3行：x：算式中只能有数字、指标代码"),
    (HEADER + "x,甲,%,a,b\n", "derived.csv 第2行：应有 4 列，这一行有 5 列"),
    (HEADER, "derived.csv：没有任何派生指标"),
])
def test_a_bad_derived_row_is_refused_naming_its_line(text, words):
    with pytest.raises(DerivedError) as failure:
        parse_derived(text)
    assert str(failure.value).startswith(words)
