"""Rules and lexicons of the extractor, as data. A new quirk is a row here plus a golden test."""

from __future__ import annotations

# fmt: off
# (lexicons stay compact, a few words a line; formatting them one per line hides the data)

# Same-length character translation applied before anything else: full-width forms, traditional
# mirrors of the characters the rules look for. One char → one char keeps offsets exact.
FULLWIDTH_DIGITS = {chr(0xFF10 + i): str(i) for i in range(10)}
SAME_LENGTH_MAP: dict[str, str] = {
    **FULLWIDTH_DIGITS,
    "％": "%", "．": ".", "，": ",", "；": ";", "：": ":", "（": "(",
    "）": ")", "～": "~", "！": "!", "？": "?", "－": "-", "＋": "+",
    "\u3000": " ", "\xa0": " ", "個": "个", "萬": "万", "億": "亿",
    "項": "项", "場": "场", "餘": "余", "兩": "两", "條": "条", "冊": "册",
    "戶": "户", "為": "为"
}

# Approximation words: before the number, inside it (160余人) or after the unit.
APPROX_PREFIXES = (
    "不少于", "不低于", "至少", "约占", "超过", "多达", "约为", "约有", "约达", "大约", "约",
    "近", "逾", "超", "上", "不超过", "不足", "不到",  # bounds are approximate both ways
)
# ... of which these only before Chinese numerals (上千人, 上万件): before Arabic digits 上 ends a word (线上)
APPROX_PREFIXES_CHINESE_ONLY = ("上",)
APPROX_INFIXES = ("余", "多")
APPROX_SUFFIXES = ("左右", "以上", "以内", "以下")

# Change verbs directly before a number; negative ones flip the sign (较上年减少8件 → −8).
CHANGE_UP = (
    "增长了", "增长", "增加了", "增加", "上升了", "上升", "提高了", "提高", "提升了",
    "提升", "增幅为", "增幅达", "增幅", "增", "多",
)
CHANGE_DOWN = (
    "减少了", "减少", "下降了", "下降", "降低了", "降低", "压缩了", "压缩", "缩短了",
    "缩短", "降幅为", "降幅", "减", "少",
)
# A change needs a comparison in its clause (新增5名 is a count, not a change).
COMPARISON_WORDS = (
    "同比", "环比", "较上年", "比上年", "较去年", "比去年", "较20", "比20", "较同期",
    "上年同期", "去年同期", "与上年相比", "与去年相比", "相比",
)

# Prior-year markers directly before a number (比上年的198件增长…).
PRIOR_MARKERS = (
    "上年同期的", "去年同期的", "上一年度的", "上年同期", "去年同期", "上年的", "去年的",
    "上年为", "去年为", "上年", "去年",
)

TARGET_WORDS = ("计划", "力争", "目标", "拟", "预计", "争取", "下一步", "明年", "今后")
PLAN_HEADING_WORDS = ("计划", "打算", "思路", "下一步", "工作安排", "明年")
# A heading naming problems and plans (存在的问题和2021年工作打算) is a plan only from the paragraph
# that opens the plans (2021年，我市将… / 下一步，…); the problems before it describe this year.
PROBLEM_HEADING_WORDS = ("问题", "不足", "短板", "差距", "困难", "薄弱")
PLAN_OPENINGS = ("下一步", "明年", "今后", "新的一年", "新一年")

# Words after which a number is never a statistic (ordinals, document numbers, contacts, codes, ranks).
BLOCK_BEFORE = (
    "第", "〔", "[", "排名前", "排名", "位列", "位居", "前", "附件", "No", "NO",
    "上述", "前述", "这",  # 上述四个领域: a reference back to things already counted
)
# Contact and code words block a number only when no unit follows it (电话0573… yes, 接听电话5,612个 no).
BLOCK_BEFORE_BARE = (
    "热线", "电话", "邮编", "邮政编码", "传真", "手机", "编号", "代码", "号码", "备案号",
    "ICP备", "QQ", "微信", "网址",
)
# Characters glued to a number that make it part of a code, a named day or a date.
BLOCK_ADJACENT = frozenset("-—–·˙•.+/×*#@_&=:")

# Continuations after a unit that turn it into another word (3个工作日, 人民, 部门, 支持…).
BLOCK_AFTER_UNIT: dict[str, tuple[str, ...]] = {
    "个": ("工作日", "月", "小时", "季度", "自然日", "百分"),
    "人": ("民", "大", "社", "员额", "防"),
    "部": ("门", "分", "署", "位"),
    "场": ("所", "景", "地", "馆"),
    "支": ("持", "付", "部", "撑"),
    "批": ("准", "复", "评", "示"),
    "起": ("草", "点", "来", "到", "步"),
    "名": ("单", "称", "录", "义"),
    "项": ("目",),
    "条": ("例", "件", "款"),
    "期": ("间", "限", "满"),
    "次": ("性", "要", "数"),
    "家": ("庭", "长", "属", "乡"),
    "本": ("级", "单", "地", "年", "辖"),
    "所": ("属", "有", "在"),
    "处": ("理", "置", "罚", "长", "室", "分"),
    "件": ("事",),
    "户": ("籍", "口", "外"),
    "张": ("表",),
    "台": ("账", "阶", "湾", "风", "州", "区", "前"),  # 台账 (ledger), 台阶
    "笔": ("记", "录", "试", "画"),
    "座": ("谈",),
    # 5分钟, 三分之一, 2分局, 第3分院: 分 heads another word; a score is 分 standing alone
    "分": (
        "钟", "之", "局", "院", "队", "行", "公司", "会", "所", "类", "别", "支", "部", "区",
        "站", "成", "期", "批", "级", "段", "值", "享", "工", "析", "布", "散", "管", "解",
    ),
}

# ... unless the continuation is another word starting there (87名单位负责人: 名 + 单位, not 名单).
UNBLOCK_AFTER_UNIT: dict[str, tuple[str, ...]] = {"名": ("单位",)}

# Chinese-numeral phrases that are names, not counts (slogans, political formulas, reforms).
NAMED_NUMERAL_PHRASES = (
    "三项制度", "八项规定", "两个确立", "两个维护", "四个意识", "四个自信", "四个全面", "五个一",
    "三个代表", "两个责任", "两个一百年", "三个务必", "两个基本点", "一个中心", "四个最严",
    "两项制度", "三项机制", "六项机制", "四项监督", "两个作用", "三个区分开来", "四个重",
    "五位一体", "两个大局", "三个必须", "两个结合", "七项制度", "五项法定程序", "五大法定程序",
)

# Abstract nouns a small Chinese-numeral count introduces in rhetoric, not in results (两项中心任务,
# 三个方面, 四个领域, 三个环节); written in Arabic digits they are counted (明确6个方面28项重点任务).
RHETORIC_NOUNS = ("任务", "方面", "原则", "目标", "要求", "举措", "环节", "领域", "工程", "行动")

# Single-character Chinese numerals are read only where a count is unambiguous.
LONE_NUMERALS_NEED_PREFIX = frozenset("百千万")  # 近千人 yes; 千方百计 no
LONE_NUMERALS_NEVER = frozenset("一")  # 一个平台, 一次办, 一批: articles, not counts

# Leading words stripped from a label: time, scope, connectives (和1件), inclusion (含…), plan
# words (the plan is the is_target flag, not part of what is counted).
LABEL_LEAD_STRIP: tuple[str, ...] = (
    "其中", "另有", "另外", "此外", "另", "同时", "全年", "今年以来", "截至目前",
    "截止目前", "年内", "先后", "共计", "累计", "合计", "总计", "共有", "共", "已经",
    "已", "均", "全部", "分别", "还", "并", "又", "全县", "全市", "全区", "全省",
    "全州", "全旗", "我县", "我市", "我区", "我省", "我局", "县本级", "市本级", "本级",
    "一年来", "以来", "当年", "全局", "全系统", "以及", "和", "与", "及", "含",
    "包括", "包含", "下一步", "计划", "力争", "争取", "预计", "拟", "将",
)
# Trailing fillers: verbs of reaching a level (提高到), comparisons, connectives.
LABEL_TRAIL_STRIP: tuple[str, ...] = (
    "共计", "累计", "合计", "总计", "达到", "共有", "总数", "总量", "共", "达", "为",
    "是", "约", "近", "逾", "超过", "超", "计", "有", "了", "的", "分别", "各",
    "上", "多达", "不少于", "不低于", "增长", "增加", "减少", "下降", "上升", "提高",
    "降低", "提升", "大约", "同比", "环比", "较上年", "比上年", "较去年", "比去年",
    "较同期", "上年同期", "去年同期", "上年", "去年", "以上", "有所", "相比", "提高到",
    "提高至", "提升到", "提升至", "拓展至", "压缩至", "压缩到", "控制在", "保持在", "稳定在",
    "突破", "降至", "降到", "增至", "增加到", "和", "与", "及", "保持", "仅占", "占",
)
# Nouns ending with a trailing filler above, kept whole (违法行为 is not 违法行 + 为, 审计 not 审 + 计).
LABEL_TRAIL_KEEP = ("行为", "作为", "审计", "统计", "会计", "设计", "送达", "下达", "线上", "网上", "所有")
# A label is cut after the last of these: what precedes is the subject (全县共…, 中心已…).
LABEL_CUT_WORDS = ("共计", "累计", "合计", "总计", "共有", "共", "已")
# Ratio words that need their subject (完成率 of what?).
RATIO_SUFFIXES = ("率", "度", "比例", "比重", "占比")
# The unit of a bare number nothing else explains (录入24799): the generic measure word.
GENERIC_UNIT = "个"
# Label → unit when the text gives a bare number (法律援助案件104).
LABEL_UNIT_HINTS: tuple[tuple[str, str], ...] = (
    ("人次", "人次"), ("人数", "人"), ("件数", "件"), ("次数", "次"), ("场次",
    "场次"), ("案件", "件"), ("纠纷", "件"), ("案", "件"), ("诉讼", "件"),
    ("申请", "件"), ("咨询", "件"), ("金额", "元"), ("资金", "元"), ("罚款",
    "元"), ("罚没", "元"), ("费用", "元"), ("经费", "元"), ("刑事", "件"),
    ("民事", "件"), ("行政", "件"), ("其他", "件"),
)

# Outcome words: a later number whose label carries one and ends with the total's noun is a subset
# of that total even without 其中 (评查案卷480卷，评出优秀案卷62卷、不合格案卷5卷).
OUTCOME_WORDS = (
    "维持", "驳回", "撤销", "变更", "确认违法", "确认无效", "责令履行", "终止", "调解", "和解",
    "撤回", "纠正", "纠错", "败诉", "胜诉", "不予受理", "不予处罚", "优秀", "良好", "不合格",
    "合格", "不通过", "通过", "采纳",
)

# Outcomes of a ruling: a label ending with one is a part of the nearest total even without the
# total's noun (审结1,790件，行政机关败诉185件). Mediation success is not a ruling outcome.
RULING_OUTCOMES = (
    "维持", "驳回", "撤销", "变更", "确认违法", "确认无效", "责令履行", "终止", "撤回", "纠正",
    "纠错", "败诉", "胜诉", "不予受理", "不予处罚", "整改", "整改到位", "整改完成", "整改完毕",
    "合格", "优秀",  # outcomes of an exam or an evaluation (参考1,021人，合格1,009人)
    "采纳",  # opinions taken up (征求意见1,260条，采纳386条)
)

# Outcomes of a decision on the total's cases, the only ones that reach back into the sentence
# before (审结49件。复议决定维持32件，撤销5件…); 不予处罚 or 合格 there start a topic of their own.
DECISION_OUTCOMES = (
    "维持", "驳回", "撤销", "变更", "确认违法", "确认无效", "责令履行", "终止", "撤回", "纠正",
    "纠错", "败诉", "胜诉",
)

# Outcomes of a review of existing rules (清理规范性文件1,208件，拟废止112件、拟修改57件): a part of
# the review's total, and with 拟 a decision taken in the report year, not next year's plan.
CLEANUP_TOTAL_WORDS = ("清理", "审查", "评估", "梳理")
CLEANUP_OUTCOMES = ("废止", "修改", "修订", "宣布失效", "失效", "保留")

# Findings of an inspection: a part of what was inspected (抽查市场主体2.4万户，发现问题1,180户)
# and at the same time the total of the follow-up (发现问题63个，已整改60个).
FINDING_OUTCOMES = ("发现问题", "存在问题")  # 发现存在问题的报告423份

# Characters after 中 that make a word (中心组, 中央, 中级法院), not 'among' (保留事项中实行…的61项).
ZHONG_WORD_TAILS = "心央国华级小层间标止断介医学期队共秋部东西南转文外"

# Stages a case goes through: items naming one are successive counts, not kinds of the total
# (收到申请60件，受理和审结分别为58件和49件).
STAGE_WORDS = ("收到", "接收", "受理", "立案", "审理", "审结", "办结", "结案", "答复", "办理", "处理", "执行")

# Dimensions a sentence opening 从…看/按…分 splits the previous total by (从案件类型看，刑事…).
# 从全年来看 names no dimension, so it opens no breakdown.
BREAKDOWN_DIMENSIONS = (
    "类型", "类别", "种类", "领域", "性质", "层级", "级别", "地区", "区域", "部门", "主体",
    "来源", "结果", "方式", "渠道", "行业", "案由", "年龄", "人群", "事项",
)

# Sentence period words.
PARTIAL_PERIOD_WORDS = (
    "今年以来", "截至目前", "截止目前", "上半年", "前三季度", "一季度", "前两季度",
)
CUMULATIVE_YEAR_SUFFIXES = ("以来", "起", "至今")
# fmt: on


class SuffixLexicon:
    """Words that may end just before a position, looked up by set membership (no regex scan)."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = frozenset(words)
        self.lengths = sorted({len(w) for w in words}, reverse=True)
        self.last_chars = frozenset(w[-1] for w in words)

    def ending_at(self, text: str, pos: int, floor: int = 0) -> str:
        """The longest word ending exactly at pos (not reaching before floor), or ''."""
        if pos <= floor or text[pos - 1] not in self.last_chars:
            return ""  # the common case, decided on one character
        for n in self.lengths:
            if pos - n >= floor and text[pos - n : pos] in self.words:
                return text[pos - n : pos]
        return ""
