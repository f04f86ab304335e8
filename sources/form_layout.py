"""The standard monthly form's fixed words: what the template writes and the reader looks for."""
from __future__ import annotations

from datetime import date

FORM_SHEET = "月报表"
META_SHEET = "countystat"
FORM_ID = "countystat-monthly-form"
LAYOUT_VERSION = "1"
HEADER = ("序号", "指标名称", "计量单位", "本月", "本年累计", "备注")
LABEL_HEADER = "指标名称"
LABEL_HEADERS = (LABEL_HEADER, "项目", "指标", "指标项目", "统计项目", "统计指标", "内容", "项目名称", "名称", "指标名",
                 "主要指标")
UNIT_HEADER = "计量单位"
UNIT_HEADERS = (UNIT_HEADER, "单位")
MONTH_HEADERS = ("本月", "当月", "本期", "本月数", "当月数", "本期数", "本月完成", "本月实际", "本月完成数",
                 "本月实际数", "当月完成", "本月份", "本月数量", "本月合计", "本月完成情况")
YTD_HEADER = "本年累计"
YTD_HEADERS = (YTD_HEADER, "本年累计数", "累计", "年累计")
REMARK_HEADER = "备注"
QUANTITY_HEADERS = ("数量", "数值", "完成数", "实际完成数")  # the one value column of a form with no 本月
SUBTOTAL_HEADERS = ("数量", "合计", "小计", "总数", "总计")  # the total sub-column under a merged 本月
PART_OF_HEADER = "其中"                                        # a sub-column that is part of the total
VILLAGE_TOTAL_HEADERS = ("合计", "总计", "全镇合计", "全乡合计", "全镇", "全乡")
VILLAGE_SUFFIXES = ("村", "社区", "居委会", "村委会", "居")
UNIT_LINE_PREFIX = "填报单位"
DATE_LINE_PREFIX = "填报日期"
FILLING_DATE_WORDS = ("填报日期", "报送日期", "填表日期", "制表日期", "报出日期", "填报时间", "报送时间",
                      "制表时间")  # never the period
PERIOD_WORDS = ("统计月份", "报表月份", "报告期", "所属月份", "统计期", "月份")  # a cell after them is the period
FOOTER_WORDS = ("填报人", "审核人", "联系电话")
TITLE_SUFFIX = "党建工作统计月报表"


def form_title(unit_name: str, period: date) -> str:
    """The form's title line, e.g. 城关镇2020年6月党建工作统计月报表."""
    return f"{unit_name}{period.year}年{period.month}月{TITLE_SUFFIX}"
