"""The indicator catalog carries the spec's 48 indicators and refuses duplicates."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from countystat.sources.catalog import CatalogError, builtin_catalog_path, parse_catalog

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "indicators.csv"
SPEC_COLUMNS = ("code", "name_zh", "unit_zh", "aggregation", "value_type", "reported_by", "section")


def test_catalog_matches_the_indicator_spec(catalog):
    if not SPEC.exists():
        pytest.skip(f"the shared spec is not beside this checkout ({SPEC})")
    spec = list(csv.DictReader(SPEC.open(encoding="utf-8")))
    assert len(spec) == 48 == len(catalog.indicators)
    for row, indicator in zip(spec, catalog.indicators):
        assert tuple(row[c] for c in SPEC_COLUMNS) == tuple(getattr(indicator, c) for c in SPEC_COLUMNS)


def test_every_label_finds_its_indicator(catalog):
    for indicator in catalog.indicators:
        for label in indicator.labels:
            assert catalog.by_label(label) is indicator


def _with_row(extra: str) -> str:
    return builtin_catalog_path().read_text(encoding="utf-8") + extra


@pytest.mark.parametrize("extra, words", [
    ("infections,又一个,例,sum,int,both,二、政治建设,,\n", "指标代码「infections」重复"),
    ("new_code,县委常委会会议,次,sum,int,both,一、管党治党,,\n", "名称「县委常委会会议」已被"),
    ("new_code,新指标,次,sum,int,both,一、管党治党,,常委会会议\n", "名称「常委会会议」已被"),
    ("new_code,新指标,次,average,int,both,一、管党治党,,\n", "aggregation 应为 sum, last, max 之一，现为「average」"),
    ("new_code,新指标,次,sum,float,both,一、管党治党,,\n", "现为「float」"),
    ("new_code,新指标,次,sum,int,county,一、管党治党,,\n", "现为「county」"),
])
def test_bad_catalog_rows_are_clear_errors(extra, words):
    with pytest.raises(CatalogError, match=words) as failure:
        parse_catalog(_with_row(extra))
    assert "第50行" in str(failure.value)


def test_catalog_version_follows_its_content(catalog):
    assert parse_catalog(builtin_catalog_path().read_text(encoding="utf-8")).version == catalog.version
    assert parse_catalog(_with_row("x,新指标,次,sum,int,both,一、管党治党,,\n")).version != catalog.version


@pytest.mark.parametrize("extra, words", [
    ("new_code,立案数,件,sum,int,both,六、反腐败,,\n", "cases_filed 的名称「立案」和 new_code 的名称「立案数」去掉前后缀后都是「立案」"),
    ("new_code,开展警示教育大会,次,sum,int,both,五、作风建设,,\n", "「警示教育大会」"),
    ("new_code,新指标,件,sum,int,both,六、反腐败,,追回资金（万元）\n", "「追回资金」"),
    ("new_code,“ ”,次,sum,int,both,六、反腐败,,\n", "什么也不剩"),
    ("new_code,新指标,小时,sum,int,both,六、反腐败,,\n", "计量单位「小时」不在 label_rules.toml 的 bracket_units 中"),
])
def test_labels_whose_cores_collide_are_refused_naming_both(extra, words):
    with pytest.raises(CatalogError, match=words):
        parse_catalog(_with_row(extra))
