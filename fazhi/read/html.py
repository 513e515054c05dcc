"""HTML pages → article lines: CMS selectors, a text-density heuristic, trafilatura as the last resort."""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from fazhi.read.chrome import cjk_count, clean_line, clean_lines, is_chrome
from fazhi.read.htmltext import glue, render

# Article containers of the CMSs most government sites run on (TRS WCM, Hanweb/UCAP, Kaipu…),
# innermost first: TRS_Editor sits inside #zoom on many sites.
ARTICLE_SELECTORS = (
    "div.TRS_Editor",
    "div.TRS_UEDITOR",
    "div.Custom_UnionStyle",
    "#zoom",
    "#Zoom",
    ".zoom",
    "#UCAP-CONTENT",
    ".article-content",
    ".article_content",
    ".pages_content",
    ".my_doccontent",
    "#zoomcon",
    "#fontzoom",
    ".con_text",
    "td.content",
    "#content",
    "div.content",
)
TITLE_SELECTORS = (
    "h1",
    ".article-title",
    ".article_title",
    "#title",
    ".title",
    "td.title",
    ".xxgk_title",
    "h2",
    "h3",
)
# Never part of an article, whatever the layout.
_DROP_TAGS = (
    "script, style, noscript, template, iframe, object, embed, svg, select, button, input, textarea, "
    '[hidden], [style*="display:none"], [style*="display: none"]'  # CMSs hide duplicate or print-only copies
)
# Selectors that also match page-wide wrappers: chrome inside what they select is pruned.
_GENERIC_SELECTORS = frozenset({"#content", "div.content"})
# Meta tags of the national government-site standard (政府网站集约化): the CMS fills them in.
_META_NAMES = {"articletitle": "title", "pubdate": "published", "contentsource": "source", "sitename": "site"}
_ATTACHMENT = re.compile(r"\.(?:docx?|pdf|wps|ofd|xlsx?|zip|rar)(?:$|[?#])", re.I)
# Chrome containers by role; matched against class/id tokens so "content" never matches "contentshare".
_CHROME_TOKENS = re.compile(
    r"^(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|share|bdsharebuttonbox|print|"
    r"footer|foot|header|head-top|topbar|toolbar|sidebar|side|aside|related|relate|xgxx|xgwz|"
    r"wza|barrier|old-?man|elder|fontsize|font-size|search|login|copyright)$",
    re.IGNORECASE,
)
_RULE_OF_LAW = re.compile(r"法治|依法行政|法制")
# number + counting unit: what makes text outside the article worth a warning (dates, ICP and
# phone numbers are not statistics, so they must not raise it)
_STAT = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:件|人次|人|次|个|家|项|场|份|户|元|%|％|起|宗|名|条|篇|期|所|批|天|小时|余)")
_MIN_ARTICLE_CJK = 50
_DENSITY_SHARE = 0.7


@dataclass(frozen=True)
class HtmlParts:
    """An HTML page split into the report's lines and what surrounds it."""

    title: str | None
    lines: list[str]
    page_lines: list[str]  # every line of the page, meta-tag facts first (for the 来源/发布时间 bar)
    method: str  # which way the article was found: selector, density or trafilatura
    warnings: tuple[str, ...]
    attachments: tuple[str, ...] = ()  # hrefs of linked documents (trafilatura drops them; we keep them)
    site: str | None = None  # the site's name (SiteName meta tag): the last resort for the region


def _meta_tags(tree: LexborHTMLParser) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.css("meta[name]"):
        key = _META_NAMES.get((node.attributes.get("name") or "").strip().lower())
        content = clean_line(node.attributes.get("content") or "")
        if key and content:
            found.setdefault(key, content)
    return found


def _is_chrome_node(node: LexborNode) -> bool:
    if node.tag in ("nav", "footer", "aside"):
        return True
    tokens = [*(node.attributes.get("class") or "").split(), node.attributes.get("id") or ""]
    return any(_CHROME_TOKENS.match(t) for t in tokens if t)


def _prune_chrome(node: LexborNode) -> None:
    """Remove chrome subtrees (outermost first, so no node is freed twice); a stack, not recursion,
    because pages may nest tags thousands deep."""
    stack = [node]
    while stack:
        for child in list(stack.pop().iter()):
            if _is_chrome_node(child):
                child.decompose()
            else:
                stack.append(child)


def _page_title(tree: LexborHTMLParser, body: LexborNode, meta_title: str | None) -> str | None:
    """The report's title: a title element, else the <title> part naming a report, else the
    first short text block (not a link, which would be a related report) naming one."""
    for selector in TITLE_SELECTORS:
        for node in tree.css(selector):
            text = clean_line(glue(node.text(deep=True)))
            if _looks_like_title(text):
                return text
    if meta_title and _looks_like_title(meta_title):
        return meta_title
    head = tree.css_first("title")
    if head is not None:
        for part in re.split(r"[_|｜\-—–]+", head.text()):
            if _looks_like_title(part := clean_line(part)):
                return part
    for node in body.css("b, strong, font, h4, h5, td, p, span, div"):
        text = clean_line(glue(node.text(deep=True)))
        if _looks_like_title(text) and not any(a.tag == "a" for a in _ancestors(node)):
            return text
    return None


def _looks_like_title(text: str) -> bool:
    return "报告" in text and len(text) <= 80 and not text.endswith(("。", "：")) and bool(_RULE_OF_LAW.search(text))


def _ancestors(node: LexborNode) -> list[LexborNode]:
    out, parent = [], node.parent
    while parent is not None:
        out.append(parent)
        parent = parent.parent
    return out


def _by_selector(tree: LexborHTMLParser) -> tuple[LexborNode | None, str]:
    for selector in ARTICLE_SELECTORS:
        for node in tree.css(selector):
            if cjk_count(node.text(deep=True)) >= _MIN_ARTICLE_CJK:
                return node, selector
    return None, ""


def _attachments(body: LexborNode) -> tuple[str, ...]:
    hrefs = (a.attributes.get("href") or "" for a in body.css("a[href]"))
    return tuple(dict.fromkeys(h.strip() for h in hrefs if _ATTACHMENT.search(h.strip())))


def _by_density(body: LexborNode) -> LexborNode | None:
    """The container holding most of the page's running text, if it holds most of it."""
    scores: dict[int, tuple[LexborNode, int]] = {}
    total = 0
    for text_node in body.traverse(include_text=True):
        if text_node.tag != "-text":
            continue
        n = cjk_count(text_node.text_content or "")
        if n < 10:  # link labels and menu items are short; running text is not
            continue
        total += n
        box = text_node.parent
        while box is not None and box.tag not in (
            "div",
            "td",
            "article",
            "section",
            "main",
            "body",
        ):
            box = box.parent
        if box is not None:
            node, score = scores.get(box.mem_id, (box, 0))
            scores[box.mem_id] = (node, score + n)
    if not scores or total == 0:
        return None
    best, score = max(scores.values(), key=lambda pair: pair[1])
    return best if score / total >= _DENSITY_SHARE and score >= _MIN_ARTICLE_CJK else None


def _by_trafilatura(html: str) -> list[str]:
    import trafilatura  # heavy import: only pages no selector or heuristic could handle pay it

    extracted = trafilatura.extract(html, output_format="html", include_tables=True, favor_recall=True)
    if not extracted:
        return []
    # trafilatura's fallback keeps line breaks as "\n" inside one <p>: they separate paragraphs
    tree = LexborHTMLParser(extracted.replace("\n", "<br>"))
    return render(tree.body) if tree.body is not None else []


def read_html(html: str) -> HtmlParts:
    """Split a decoded page into title, article lines and page lines; warn on numbers left outside."""
    tree = LexborHTMLParser(html)
    for node in reversed(tree.css(_DROP_TAGS)):  # innermost first, so no node is freed twice
        node.decompose()
    body = tree.body
    if body is None:
        return HtmlParts(None, [], [], "none", ())
    meta = _meta_tags(tree)
    title = _page_title(tree, body, meta.get("title"))
    attachments = _attachments(body)
    article, selector = _by_selector(tree)
    if article is not None:  # the common case: render the article once, and the page around it
        if selector in _GENERIC_SELECTORS:
            _prune_chrome(article)
        lines, method = render(article), "selector"
        page_lines = render(body, skip=article) + lines
    else:
        page_lines = render(body)  # before the chrome is pruned: the info bar lives there
        _prune_chrome(body)
        article, method = _by_density(body), "density"
        lines = render(article) if article is not None else []
    if cjk_count("".join(lines)) < _MIN_ARTICLE_CJK:
        lines, method = _by_trafilatura(html), "trafilatura"
    facts = [f"{label}：{meta[key]}" for key, label in (("published", "发布时间"), ("source", "来源")) if key in meta]
    return HtmlParts(
        title,
        clean_lines(lines),
        facts + page_lines,
        method,
        _outside_warnings(page_lines, lines, title),
        attachments,
        meta.get("site"),
    )


def _outside_warnings(page_lines: list[str], article_lines: list[str], title: str | None) -> tuple[str, ...]:
    inside = set(article_lines) | {title}
    flagged = [line for line in page_lines if line not in inside and not is_chrome(line) and _STAT.search(line)]
    if not flagged:
        return ()
    sample = "; ".join(f"«{line[:40]}»" for line in flagged[:3])
    return (f"text outside the article holds numbers ({len(flagged)} lines, e.g. {sample}): check nothing was cut",)
