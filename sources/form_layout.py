"""The standard monthly form's fixed words: what the template writes and the reader looks for."""
from __future__ import annotations

from datetime import date

FORM_SHEET = "月报表"
META_SHEET = "countystat"
FORM_ID = "countystat-monthly-form"
LAYOUT_VERSION = "1"
HEADER = ("序号", "指标名称", "计量单位", "本月", "本年累计", "备注")
LABEL_HEADER = "指标名称"
UNIT_HEADER = "计量单位"
MONTH_HEADERS = ("本月", "当月", "本期")
YTD_HEADER = "本年累计"
YTD_HEADERS = (YTD_HEADER, "本年累计数", "累计", "年累计")
REMARK_HEADER = "备注"
UNIT_LINE_PREFIX = "填报单位"
DATE_LINE_PREFIX = "填报日期"
FOOTER_WORDS = ("填报人", "审核人", "联系电话")
TITLE_SUFFIX = "党建工作统计月报表"


def form_title(unit_name: str, period: date) -> str:
    """The form's title line, e.g. 城关镇2020年6月党建工作统计月报表."""
    return f"{unit_name}{period.year}年{period.month}月{TITLE_SUFFIX}"
