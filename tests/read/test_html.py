"""HTML: article found, chrome dropped, Word markup repaired, tables kept as rows."""

from __future__ import annotations

import pytest

from fazhi.read.html import read_html

PARA = (
    "全县共办理行政处罚案件517件，罚没金额共计286.4万元，执法队伍依法行政水平不断提高，"
    "各部门协同配合，法治政府建设稳步推进并取得明显成效。"
)


def _page(article: str, chrome: str = "", wrapper: str = 'div class="TRS_Editor"') -> str:
    tag = wrapper.split()[0]
    return f"<html><head><title>x</title></head><body>{chrome}<{wrapper}>{article}<p>{PARA}</p></{tag}></body></html>"


@pytest.mark.parametrize(
    ("article", "line"),
    [
        pytest.param("<p>为3</span><span>861户</p>", "为3861户", id="split-span-markup"),
        pytest.param(
            "<p><span>为3</span><span lang=EN-US>861</span><span>户</span></p>",
            "为3861户",
            id="word-spans",
        ),
        pytest.param(
            "<p>组织&ldquo;宪法宣传周&rdquo;活动&nbsp;86场次&amp;</p>",
            "组织“宪法宣传周”活动 86场次&",
            id="entities",
        ),
        pytest.param(
            "<p>罚没金额共计\n      286.4万元</p>",
            "罚没金额共计286.4万元",
            id="source-line-break-next-to-cjk",
        ),
        pytest.param(
            "<p>&nbsp;&nbsp;\u3000\u3000缩进的段落</p>",
            "缩进的段落",
            id="indent-stripped",
        ),
        pytest.param(
            "<p><b>一、</b><font>主要工作</font></p>",
            "一、主要工作",
            id="inline-tags-join",
        ),
    ],
)
def test_inline_markup_comes_out_whole(article, line):
    assert line in read_html(_page(article)).lines


def test_br_keeps_paragraphs_apart():
    lines = read_html(_page("<p>一、主要工作<br>（一）推进职能转变<br/><br/>（二）规范执法</p>")).lines
    assert lines[:3] == ["一、主要工作", "（一）推进职能转变", "（二）规范执法"]


def test_preformatted_lines_stay_apart():
    lines = read_html(_page("<pre>一、主要工作\n  （一）推进职能转变\r\n\n（二）规范执法</pre>")).lines
    assert lines[:3] == ["一、主要工作", "（一）推进职能转变", "（二）规范执法"]


def test_table_rows_with_header_first():
    table = (
        "<table><tbody><tr><td>市场监管</td><td>203</td></tr></tbody>"
        "<thead><tr><th>执法领域</th><th>罚没金额（万元）</th></tr></thead></table>"
    )
    lines = read_html(_page(table)).lines
    assert lines[:2] == ["执法领域 | 罚没金额（万元）", "市场监管 | 203"]


def test_layout_table_is_not_flattened_into_rows():
    layout = f"<table><tr><td><a>首页</a></td><td><table><tr><td><p>{PARA}</p><p>{PARA}</p></td></tr></table></td></tr></table>"
    lines = read_html(f"<html><body>{layout}</body></html>").lines
    assert PARA in lines and not any(" | " in line for line in lines)


@pytest.mark.parametrize(
    "chrome",
    [
        '<div class="topbar"><a>无障碍</a><a>长者模式</a></div>',
        '<div class="crumbs">当前位置：首页 &gt; 政务公开</div>',
        '<div class="share">分享到：<a>微信</a>【打印本页】【关闭窗口】</div>',
        '<div id="footer">网站标识码：1410240001 晋ICP备05001234号 联系电话：0357-7221234</div>',
    ],
)
def test_chrome_outside_the_article_is_dropped(chrome):
    parts = read_html(_page("", chrome))
    assert parts.lines == [PARA] and parts.method == "selector" and parts.warnings == ()


@pytest.mark.parametrize(
    ("wrapper", "method"),
    [
        ('div class="TRS_Editor"', "selector"),
        ('div id="zoom"', "selector"),
        ('div class="article-content"', "selector"),
        ('td class="content"', "selector"),
        ('div class="unknown-cms-body"', "density"),
    ],
)
def test_article_found_by_cms_selector_or_density(wrapper, method):
    chrome = '<div class="nav"><a>首页</a><a>政务公开</a></div><div class="list"><a>关于召开工作会议的通知</a></div>'
    if wrapper.startswith("td"):
        parts = read_html(
            f"<html><body><table><tr><td>{chrome}</td><td class=content><p>{PARA}</p></td></tr></table></body></html>"
        )
    else:
        parts = read_html(_page("", chrome, wrapper))
    assert parts.lines == [PARA] and parts.method == method


def test_scattered_paragraphs_fall_back_to_trafilatura():
    texts = [f"（{n}）{PARA}" for n in "一二三四"]
    paras = "".join(f'<div class="p{i}">{t}</div>' for i, t in enumerate(texts))
    page = (
        f'<html><body><nav><a>首页</a></nav><article><h1>标题</h1><div class="body">{paras}</div></article>'
        "<footer>版权所有</footer></body></html>"
    )
    parts = read_html(page)
    assert parts.method == "trafilatura" and parts.lines[-4:] == texts and "版权所有" not in parts.lines


def test_numbers_outside_the_article_are_flagged():
    chrome = '<div class="side"><p>本站今日访问量：2356人次</p></div><div class="box"><p>本年办结信访件120件</p></div>'
    parts = read_html(_page("", chrome))
    assert len(parts.warnings) == 1 and "120件" in parts.warnings[0]


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        (
            "<title>某县2021年法治政府建设情况报告_某县人民政府</title>",
            "",
            "某县2021年法治政府建设情况报告",
        ),
        (
            "<title>某县人民政府</title>",
            "<h1>某县2021年法治政府建设情况报告</h1>",
            "某县2021年法治政府建设情况报告",
        ),
        (
            "<title>某县人民政府</title>",
            '<td class="bt"><b>某县2021年度法治政府建设工作报告</b></td>',
            "某县2021年度法治政府建设工作报告",
        ),
        (
            "<title>某县人民政府</title>",
            "<ul><li><a>某县2020年法治政府建设情况报告</a></li></ul>",
            None,
        ),
    ],
)
def test_page_title(head, body, title):
    page = f"<html><head>{head}</head><body>{body}<div class=TRS_Editor><p>{PARA}</p></div></body></html>"
    assert read_html(page).title == title


def test_hidden_copies_are_not_read():
    article = '<p style="display:none">隐藏的打印版本共计999件</p><div hidden><p>另一份隐藏副本888件</p></div>'
    assert read_html(_page(article)).lines == [PARA]


def test_chrome_inside_a_generic_content_wrapper_is_pruned():
    page = (
        '<html><body><div id="content"><div class="nav"><a>首页</a><a>政务公开</a></div>'
        f'<p>{PARA}</p><div class="related"><a>关于召开全县法治工作会议的通知</a></div></div></body></html>'
    )
    assert read_html(page).lines == [PARA]


def test_attachment_links_are_harvested():
    article = (
        '<p>附件：<a href="/files/2021bg.docx">2021年报告</a> <a href="/files/2021bg.PDF?v=2">PDF版</a>'
        ' <a href="/a.html">页</a></p>'
    )
    assert read_html(_page(article)).attachments == ("/files/2021bg.docx", "/files/2021bg.PDF?v=2")
