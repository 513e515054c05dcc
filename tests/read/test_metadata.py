"""Metadata rules: dates, titles, report year and where the region hint may come from."""

from __future__ import annotations

from datetime import date

import pytest
from readkit import raw_of

from fazhi.read import read_document
from fazhi.read.metadata import find_signature, find_title, parse_date, read_metadata

BODY = "2021年，全县法治政府建设取得新进展，临汾市中级人民法院集中管辖的案件11件，太原市考察团来访2批次。"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-02-22 18:05", date(2022, 2, 22)),
        ("2022/3/1", date(2022, 3, 1)),
        ("2022.03.01", date(2022, 3, 1)),
        ("2022年3月1日", date(2022, 3, 1)),
        ("二〇二二年三月一日", date(2022, 3, 1)),
        ("二○二二年十二月三十一日", date(2022, 12, 31)),
        ("二〇二三年二月二十日", date(2023, 2, 20)),
        ("2022年2月30日", None),
        ("共办理案件28件", None),
        ("12348热线", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("title", "region", "year"),
    [
        ("关于方山县2021年度法治政府建设情况报告", "方山县", 2021),
        (
            "北京市房山区人民政府关于2021年法治政府建设情况的报告",
            "北京市房山区人民政府",
            2021,
        ),
        (
            "太原市市场监督管理局2022年度法治政府建设工作报告",
            "太原市市场监督管理局",
            2022,
        ),
        ("2020年度灵石县法治政府建设情况报告", "灵石县", 2020),
        ("交口县法治政府建设情况报告（2021年度）", "交口县", 2021),
        ("关于2021年度法治政府建设情况的报告", None, 2021),
        (
            "中共吉县县委 吉县人民政府关于二〇二一年度法治政府建设工作情况的报告",
            "中共吉县县委 吉县人民政府",
            2021,
        ),
    ],
)
def test_title_subject_and_year(title, region, year):
    meta = read_metadata([title, BODY])
    assert (meta.title, meta.region_hint, meta.report_year) == (title, region, year)


def test_a_source_label_inside_prose_is_not_the_publisher():
    lines = ["2021年法治政府建设情况报告", "办理案件28件，案件来源：群众举报12件。", BODY]
    assert read_metadata(lines).publisher is None


def test_title_without_a_year_still_names_its_subject():
    meta = read_metadata(["石楼县法治政府建设情况报告", BODY, "石楼县人民政府", "2022年3月1日"])
    assert (meta.region_hint, meta.report_year) == ("石楼县", 2021)


def test_region_falls_back_to_publisher_then_signature_never_body():
    lines = ["2021年法治政府建设情况报告", BODY, "吉县人民政府", "2022年3月1日"]
    assert read_metadata(lines).region_hint == "吉县人民政府"
    with_publisher = [
        "2021年法治政府建设情况报告",
        "来源：吉县司法局 发布时间：2022-03-05",
        BODY,
        "吉县人民政府",
        "2022年3月1日",
    ]
    assert read_metadata(with_publisher).region_hint == "吉县司法局"
    nothing = ["2021年法治政府建设情况报告", BODY]
    assert read_metadata(nothing).region_hint is None


@pytest.mark.parametrize(
    ("lines", "published", "year"),
    [
        pytest.param(
            ["法治政府建设情况报告", BODY, "某县人民政府", "2022年3月1日"],
            date(2022, 3, 1),
            2021,
            id="signature-in-march",
        ),
        pytest.param(
            ["法治政府建设情况报告", BODY, "某县人民政府", "二〇二一年八月一日"],
            date(2021, 8, 1),
            None,
            id="signature-in-august",
        ),
        pytest.param(
            ["法治政府建设情况报告", "发布日期：2023年1月20日", BODY],
            date(2023, 1, 20),
            2022,
            id="published-line-cn",
        ),
    ],
)
def test_report_year_from_publication_when_title_has_none(lines, published, year):
    meta = read_metadata(lines)
    assert (meta.published_date, meta.report_year) == (published, year)


@pytest.mark.parametrize(
    ("lines", "title", "consumed"),
    [
        pytest.param(
            ["无障碍浏览", "关于某县2021年度法治政府建设情况报告", BODY],
            "关于某县2021年度法治政府建设情况报告",
            2,
            id="after-chrome",
        ),
        pytest.param(
            ["关于某县2021年度法治政府", "建设情况的报告", BODY],
            "关于某县2021年度法治政府建设情况的报告",
            2,
            id="wrapped-two-lines",
        ),
        pytest.param(
            ["关于某县2021年度", "法治政府建设情况的报告", BODY],
            "关于某县2021年度法治政府建设情况的报告",
            2,
            id="wrapped-subject-first",
        ),
        pytest.param([BODY, "现将有关情况报告如下："], None, 0, id="no-title"),
    ],
)
def test_find_title(lines, title, consumed):
    assert find_title(lines) == (title, consumed)


def test_signature_block_and_date():
    lines = [BODY, "中共某县县委    某县人民政府", "2022年1月25日"]
    assert find_signature(lines) == (
        ["中共某县县委    某县人民政府"],
        date(2022, 1, 25),
    )


def test_a_date_inside_prose_is_not_a_signature():
    assert find_signature([BODY, "截至2022年1月25日，共办理案件28件。"]) == ([], None)


def _standard_page(metas: str) -> bytes:
    body = "".join(f"<p>{BODY}</p>" for _ in range(3))
    return f"<html><head>{metas}</head><body><div class=TRS_Editor>{body}</div></body></html>".encode()


def test_government_site_meta_tags_give_title_date_and_source():
    metas = (
        '<meta name="SiteName" content="石楼县人民政府"><meta name="ArticleTitle" content="关于2021年度法治政府建设情况的报告">'
        '<meta name="PubDate" content="2022-03-05 10:20"><meta name="ContentSource" content="石楼县司法局">'
    )
    doc = read_document(raw_of(_standard_page(metas), "html"))
    assert (doc.title, doc.published_date, doc.publisher, doc.report_year) == (
        "关于2021年度法治政府建设情况的报告",
        date(2022, 3, 5),
        "石楼县司法局",
        2021,
    )
    assert doc.region_hint == "石楼县司法局"


def test_site_name_is_the_last_resort_for_the_region():
    metas = '<meta name="SiteName" content="石楼县人民政府"><meta name="ArticleTitle" content="2021年法治政府建设情况报告">'
    assert read_document(raw_of(_standard_page(metas), "html")).region_hint == "石楼县人民政府"
