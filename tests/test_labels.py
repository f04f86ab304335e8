"""Row labels resolve on principle: declared affixes and equivalences, one indicator's core or a refusal."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countystat.sources.catalog import Catalog, CatalogError, builtin_catalog_path, load_catalog, parse_catalog
from countystat.sources.label_core import label_rules
from countystat.sources.labels import LabelIndex, normalize_label, unresolved_text

CATALOG = load_catalog()
INDEX = LabelIndex(CATALOG)
RULES = label_rules()
LABELS = [(i, label) for i in CATALOG.indicators for label in i.labels]
HEADER = "code,name_zh,unit_zh,aggregation,value_type,reported_by,section,summary_phrase,aliases\n"
SPACES = [" ", "\u3000", "\xa0", "\n", "\r\n", "\t"]  # ordinary, full-width, no-break, Alt+Enter, tab


@pytest.mark.parametrize("typed, core", [
    ("（一）党建领导小组会议", "党建领导小组会议"),
    ("１．县委常委会会议（次）", "县委常委会会议"),
    ("其中:乡科级干部", "乡科级干部"),
    ("其中：一般干部", "一般干部"),
    ("追回资金（万元）", "追回资金"),
    ("召开县委常委会会议次数", "县委常委会会议"),
    ("2、 理论 研究室", "理论研究室"),
    ("3.1 立案", "立案"),
    ("立案（件）数", "立案"),
    ("①立案", "立案"),
    ("违反中央八项规定精神和\"四风\"问题案件", "违反中央八项规定精神和四风问题案件"),
])
def test_normalize_label(typed, core):
    assert normalize_label(typed) == core


@pytest.mark.parametrize("typed, code", [
    ("召开县委常委会会议次数", "standing_committee_meetings"),
    ("常委会会议", "standing_committee_meetings"),  # an alias
    ("90后干部人数", "cadres_post90"),
    ("其中:其他人员", "punished_others"),
    # the shapes of issue 10
    ("立案数", "cases_filed"),
    ("确诊感染病例数", "infections"),
    ("完成民生工程项数", "livelihood_projects"),
    ("第一种形态处理人次", "form1_cases"),
    ("第一种形态", "form1_cases"),  # the form's short name, an alias
    ("（四）第四种形态", "form4_cases"),
    ("成立理论宣讲组", "lecture_groups"),
    ("建立理论研究室", "theory_research_offices"),
    ("开展学习交流活动", "study_exchange_batches"),
    ("违反中央八项规定精神和\"四风\"问题案件", "eight_rules_cases"),
    ("违反中央八项规定精神和四风问题纪律处分", "eight_rules_punished"),
    ("群众身边腐败和\n作风问题线索", "grassroots_clues"),
    ("立案（件）", "cases_filed"),
    ("立案(件)数", "cases_filed"),
    ("追回资金(万元)", "funds_recovered"),
    ("追回资金（单位：万元）", "funds_recovered"),
    ("中央和省市主流媒体刊发稿件数", "media_articles"),  # 稿件 + 数, not 稿 + 件数
    ("1.90后干部", "cadres_post90"),  # numbering 1. before 90后干部
    ("1.1 90后干部", "cadres_post90"),  # a space ends the numbering
    ("1 .1 90后干部", "cadres_post90"),  # a space inside the numbering as well (found by Hypothesis)
    ("干部培训人次数", "training_attendance"),
    ("ＸＸ".replace("ＸＸ", "９０后干部"), "cadres_post90"),
    # wordings found by the variants gallery (tests/gallery/variants)
    ("查处违反中央八项规定精神和“四风”问题案件", "eight_rules_cases"),  # the catalog's own summary wording
    ("给予党政纪处分", "punished_total"),
    ("民生工程", "livelihood_projects"),
    ("一）处置问题线索", "clues_disposed"),
    ("1 疫情防控队伍", "epidemic_teams"),  # a bare number a space ends
    ("12\u3000立案", "cases_filed"),
    ("学习交流活动批次", "study_exchange_batches"),  # the unit, or the unit + 数, as a suffix
    ("警示教育大会场次", "warning_education_meetings"),
    ("中央和省市主流媒体刊发稿件篇数", "media_articles"),
    ("疫情防控队伍支数", "epidemic_teams"),
    ("追回资金万元", "funds_recovered"),
    ("党员参与疫情防控", "party_members_mobilized"),  # an alias
])
def test_labels_match_their_indicator(typed, code):
    assert INDEX.match(typed).indicator.code == code


@pytest.mark.parametrize("typed", ["立案（扶贫领域）", "党员志愿服务时长", "违反中央八项规定精神和“四风”问题", "处分"])
def test_a_label_with_no_single_core_is_never_guessed(typed):
    match = INDEX.match(typed)
    assert match.indicator is None
    assert "不在统计指标目录中" in unresolved_text(typed, match) or match.ambiguous


def test_no_match_gives_suggestions_never_a_guess():
    match = INDEX.match("第五种形态")
    assert match.indicator is None
    assert match.suggestions[0] == "第一种形态处理"
    assert unresolved_text("第五种形态", match) == (
        "指标「第五种形态」不在统计指标目录中，最接近的是「第一种形态处理」、「第二种形态处理」、「第三种形态处理」，"
        "请按下发模板的指标名称填写")  # the clerk's wording, unchanged


def test_labels_of_two_indicators_with_one_core_are_refused_when_the_catalog_loads():
    with pytest.raises(CatalogError, match="a 的名称「立案（件）」和 b 的名称「立案（起）」去掉前后缀后都是「立案」"):
        parse_catalog(HEADER + "a,立案（件）,件,sum,int,both,六,,\nb,立案（起）,起,sum,int,both,六,,\n")


def test_a_catalog_that_collides_anyway_reads_as_ambiguous():
    a, b = (CATALOG.get("cases_filed"), CATALOG.get("poverty_cases"))
    clash = Catalog((a, replace(b, aliases=("立案（起）",))), "x")  # built directly, not via parse_catalog
    match = LabelIndex(clash).match("立案数")
    assert match.indicator is None and [i.code for i in match.ambiguous] == ["cases_filed", "poverty_cases"]
    assert "无法确定" in unresolved_text("立案数", match)


@pytest.mark.parametrize("typed, first, second", [
    ("立案及处分人数", "cases_filed", "punished_total"),
    ("立案和党政纪处分", "cases_filed", "punished_total"),
    ("立案、党政纪处分人数", "cases_filed", "punished_total"),
    ("扶贫领域腐败和作风问题立案及纪律处分", "poverty_cases", "poverty_punished"),
    ("群众身边腐败和作风问题立案与处理", "grassroots_cases", "grassroots_handled"),
])
def test_a_label_naming_two_indicators_is_refused_naming_both(typed, first, second):
    match = INDEX.match(typed)
    assert match.indicator is None
    assert [i.code for i in match.compound] == [first, second]
    text = unresolved_text(typed, match)
    assert "无法拆分" in text
    assert f"「{CATALOG.get(first).name_zh}」" in text and f"「{CATALOG.get(second).name_zh}」" in text


# --- properties ----------------------------------------------------------------------------------

def test_no_catalog_name_or_alias_resolves_to_another_indicator():
    for indicator, label in LABELS:
        for typed in (label, "".join(label.split()), f" {label}\n"):
            assert INDEX.match(typed).indicator is indicator, typed


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@st.composite
def declared_variant(draw: st.DrawFn) -> tuple[str, str]:
    """(indicator code, one of its labels with any declared affixes, spaces, widths and quotes)."""
    indicator, label = draw(st.sampled_from(LABELS))
    label = draw(st.sampled_from([label, label.replace("“", '"').replace("”", '"'),
                                  label.replace("“", "").replace("”", "")]))
    if draw(st.booleans()):
        label += f"({draw(st.sampled_from(RULES.bracket_units))})"
    if draw(st.booleans()):
        label += draw(st.sampled_from(RULES.suffixes))
    if draw(st.booleans()):
        label = draw(st.sampled_from(RULES.prefixes)) + label
    if draw(st.booleans()):  # a space ends numbering before a label that starts with a digit
        gap = " " if label[0].isdigit() else draw(st.sampled_from(["", " "]))
        label = draw(st.sampled_from(RULES.numbering_examples)) + gap + label
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(label)))
        label = label[:at] + draw(st.sampled_from(SPACES)) + label[at:]
    if draw(st.booleans()):
        label = _full_width(label)
    return indicator.code, label


@settings(max_examples=200, deadline=None)
@given(declared_variant())
def test_every_declared_variant_of_a_catalog_label_resolves_to_its_own_indicator(variant):
    code, typed = variant
    match = INDEX.match(typed)
    assert match.indicator is not None and match.indicator.code == code, (typed, match)


def test_each_declared_affix_on_each_label_reads_as_its_own_indicator_only():
    for indicator, label in LABELS:
        for affix, typed in RULES.variants(label):
            found = INDEX.match(typed).indicator
            if affix in RULES.numbering_examples and label[0].isdigit():  # 1.190后干部: 1.1 or 1.? never another
                assert found in (indicator, None), (affix, typed, found)
            else:
                assert found is indicator, (affix, typed, found)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(LABELS), st.data())
def test_an_indicator_named_as_another_plus_an_affix_is_refused_when_the_catalog_loads(labelled, data):
    indicator, label = labelled
    affix, typed = data.draw(st.sampled_from(RULES.variants(label)))
    row = f"new_code,{typed.replace(',', '，')},件,sum,int,both,六,,\n"
    if "," in typed:  # a comma inside a CSV field would need quoting: the numbering shape 第一, only
        row = f'new_code,"{typed}",件,sum,int,both,六,,\n'
    with pytest.raises(CatalogError) as failure:
        parse_catalog(builtin_catalog_path().read_text(encoding="utf-8") + row)
    assert indicator.code in str(failure.value) and "new_code" in str(failure.value)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(CATALOG.indicators), st.sampled_from(CATALOG.indicators), st.sampled_from(RULES.connectors))
def test_two_indicators_joined_in_one_label_are_never_read_as_either(first, second, connector):
    typed = first.name_zh + connector + second.name_zh
    match = INDEX.match(typed)
    assert match.indicator is None
    if first is not second:
        assert match.compound == (first, second)
        assert "无法拆分" in unresolved_text(typed, match)


WORDS = st.sampled_from([*RULES.prefixes, *RULES.suffixes, *RULES.connectors, *RULES.numbering_examples,
                         "立案", "处分", "(件)", "“", "四风", "\n", "　", "90后", "干部", "其中"])


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), st.lists(WORDS, max_size=12).map("".join)))
def test_any_text_gets_an_answer_explained_by_its_readings(typed):
    match = INDEX.match(typed)
    if match.indicator is not None:
        cores = {RULES.core(label) for label in match.indicator.labels}
        assert typed in match.indicator.labels or cores & RULES.readings(typed), typed
    if match.compound:
        assert match.indicator is None and len(match.compound) == 2 and match.compound[0] is not match.compound[1]
    assert unresolved_text(typed, match)


@pytest.mark.parametrize("text, words", [
    ("ignored = [", "not TOML"),
    ("ignored = []\n[replaced]\n[rules]\nnumbering = []\n", "missing 'numbering_examples'"),
    ("ignored = []\n[replaced]\n[rules]\nnumbering = ['(']\nnumbering_examples = []\nprefixes = []\n"
     "suffixes = []\nbracket_units = []\nconnectors = []\n", "label_rules.toml: missing \\)"),
])
def test_a_malformed_rules_file_is_one_clear_error(text, words):
    from countystat.sources.label_core import LabelRulesError, parse_label_rules

    with pytest.raises(LabelRulesError, match=words):
        parse_label_rules(text)
