"""Row labels are matched by normalization and aliases; fuzzy matching only suggests."""
from __future__ import annotations

import pytest

from countystat.sources.catalog import parse_catalog
from countystat.sources.labels import LabelIndex, normalize_label


@pytest.mark.parametrize("typed, core", [
    ("（一）党建领导小组会议", "党建领导小组会议"),
    ("１．县委常委会会议（次）", "县委常委会会议"),
    ("其中:乡科级干部", "乡科级干部"),
    ("其中：一般干部", "一般干部"),
    ("追回资金（万元）", "追回资金"),
    ("召开县委常委会会议次数", "县委常委会会议"),
    ("2、 理论 研究室", "理论研究室"),
    ("3.1 立案", "立案"),
])
def test_normalize_label(typed, core):
    assert normalize_label(typed) == core


@pytest.mark.parametrize("typed, code", [
    ("召开县委常委会会议次数", "standing_committee_meetings"),
    ("常委会会议", "standing_committee_meetings"),  # an alias
    ("90后干部人数", "cadres_post90"),
    ("其中:其他人员", "punished_others"),
])
def test_labels_match_their_indicator(catalog, typed, code):
    assert LabelIndex(catalog).match(typed).indicator.code == code


def test_a_label_two_indicators_share_is_ambiguous(catalog):
    text = "code,name_zh,unit_zh,aggregation,value_type,reported_by,section,summary_phrase,aliases\n" \
           "a,立案（件）,件,sum,int,both,六,,\nb,立案（起）,起,sum,int,both,六,,\n"
    match = LabelIndex(parse_catalog(text)).match("立案")
    assert match.indicator is None and [i.code for i in match.ambiguous] == ["a", "b"]


def test_no_match_gives_suggestions_never_a_guess(catalog):
    match = LabelIndex(catalog).match("第一种形态")
    assert match.indicator is None
    assert match.suggestions[0] == "第一种形态处理"
