"""The demo's stories: one template per story type, written over the facts in `world`.

Each template returns the article as data (titles, deck lines, lead, a pool of body paragraphs,
extras, tags, labels, photos with captions and credits, the key of its comment threads) for a
date; `write_story` picks among the alternatives with a seeded random generator, so the same
seed always writes the same archive while no two articles read alike. Names and facts that more
than one article can state come from `world` (or from a source fixed per month, quarter or day),
never from the article's own random draws.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.utils.html import escape

from demo import world
from demo.korean import blockquote, h2, j, particle, said, ul, won
from demo.world import (
    BANKS,
    BROKERS,
    CARDS,
    COMPLEXES,
    EXPORT_COUNCIL,
    FAIR_CITIES,
    INSTITUTES,
    MINERAL_PARTNERS,
    PLANT_REGIONS,
    REALTY_INSTITUTE,
    RETAILERS,
    SECTORS,
    SEOUL_GU,
    STARTUPS,
    SURNAMES,
    VENTURE_FUNDS,
)

# --------------------------------------------------------------------------------------------
# The writer: seeded choices and numbers for one article
# --------------------------------------------------------------------------------------------


@dataclass
class PhotoSpec:
    kind: str  # what to draw: skyline, board, port, stage, cleanroom, plant, ...
    caption: str
    alt: str
    credit: str = "reporter"  # "reporter" → the byline reporter; otherwise the credit text
    placement: int = 0


@dataclass
class Story:
    kind: str
    section: str
    title: str
    label: str
    deck: list
    body: str
    paragraphs: int
    tags: list
    photos: list
    topic: str
    fixed_label: bool = False
    comment_key: str = ""  # which threads in demo.comments fit this story


class Writer:
    """Seeded helpers shared by the story templates: numbers, rotating picks, world facts."""

    def __init__(self, rng, when, rotation, today):
        self.r = rng
        self.when = when
        self.day = when.date()
        self.today = today  # the day the demo is loaded: anchors the policy-rate calendar
        self.d = when.day
        self.yd = (when - timedelta(days=1)).day
        self.m = when.month
        self.y = when.year
        self.rotation = rotation

    def pick(self, seq):
        return self.r.choice(seq)

    def cycle(self, key, seq):
        """Take turns through seq across the whole archive, so repeats come late."""
        queue = self.rotation.get(key)
        if not queue:
            queue = list(seq)
            self.r.shuffle(queue)
            self.rotation[key] = queue
        return queue.pop()

    def i(self, lo, hi):
        return self.r.randint(lo, hi)

    def f(self, lo, hi, digits=1):
        return f"{self.r.uniform(lo, hi):.{digits}f}"

    def pct(self, lo, hi):
        return f"{self.r.uniform(lo, hi):.1f}%"

    def eok(self, lo, hi):
        return won(self.r.randint(lo, hi))

    # People come from the world, by post: the same post always has the same holder.
    @staticmethod
    def analyst(beat):
        """“한결증권 여태민” for the securities analyst covering `beat`."""
        firm, name = world.ANALYSTS[beat]
        return f"{firm} {name}"

    @staticmethod
    def researcher(topic):
        """“새길경제연구원 예상훈 연구위원”."""
        institute, title, name = world.RESEARCHERS[topic]
        return f"{institute} {name} {title}"

    @staticmethod
    def professor(department):
        """“나은채 한누리대 소비자학과 교수”."""
        university, name = world.PROFESSORS[department]
        return f"{name} {university} {department} 교수"

    def base_rate(self):
        """The policy rate in force on the article's day."""
        return world.base_rate_on(self.day, self.today)

    def gu(self):
        return self.pick(SEOUL_GU)

    def quarter(self):
        quarter = (self.m - 1) // 3
        return f"{quarter}분기" if quarter else "4분기"

    def some(self, items, lo, hi):
        """An ordered subset of items, between lo and hi long."""
        count = min(len(items), self.r.randint(lo, hi))
        keep = sorted(self.r.sample(range(len(items)), count))
        return [items[index] for index in keep]


# --------------------------------------------------------------------------------------------
# Story types. Each returns a dict: titles, deck, lead, body (ordered pool), extras, tags,
# labels, photos, section, topic.
# --------------------------------------------------------------------------------------------


def story_earnings(w):
    sector_key = w.cycle("earnings-sector-key", ["semi", "semi", "battery", "auto", "platform"])
    s = SECTORS[sector_key]
    c = w.cycle("co-" + sector_key, s["companies"])
    q = w.quarter()
    q_year = w.y if (w.m - 1) // 3 else w.y - 1
    # A company's quarter has one set of results, whichever article reports them, around the
    # company's own size (revenue, share price).
    size = random.Random(f"size {c}")
    base_rev, base_price = size.randint(8000, 180000), size.randint(30, 420) * 500
    mw = Writer(random.Random(f"earnings {c} {q_year} {q}"), w.when, {}, w.today)
    up = mw.r.random() < 0.7
    rev_eok = int(base_rev * mw.r.uniform(0.9, 1.1))
    margin = mw.r.uniform(9, 24) if up else mw.r.uniform(2, 8)
    op_eok = int(rev_eok * margin / 100)
    rev, op = won(rev_eok), won(op_eok)
    g_rev, g_op = mw.pct(4, 35), mw.pct(10, 90) if up else mw.pct(8, 45)
    margin_s = f"{margin:.1f}%"
    analyst = w.analyst(sector_key)
    cfo = world.officer(c, "CFO")
    price_n = int(base_price * mw.r.uniform(0.85, 1.15)) // 100 * 100
    price = f"{price_n:,}"
    target = f"{int(price_n * mw.r.uniform(1.15, 1.45)) // 1000 * 1000:,}"
    detail = {
        "semi": (
            "사업별로는 메모리 부문이 실적을 이끌었다. 데이터센터 투자를 늘리는 글로벌 클라우드 "
            "기업들이 고용량 제품 주문을 앞당기면서 평균판매단가(ASP)가 올랐다. 반면 스마트폰과 "
            "PC용 제품은 수요 회복이 더딘 것으로 나타났다.",
            "범용 D램과 낸드플래시 가격이 약세를 이어간 것이 부담이 됐다. 스마트폰 제조사들이 "
            "부품 재고를 줄이는 데 집중하면서 모바일용 제품 출하량이 크게 줄었다.",
        ),
        "battery": (
            "전기차 수요 둔화 우려에도 북미 완성차 고객사 물량이 유지되면서 출하량은 오히려 "
            "늘었다. 특히 전력망 안정화용 ESS 수주가 예상보다 빠르게 늘며 실적의 버팀목 역할을 "
            "했다.",
            "유럽 완성차 업체들이 전기차 출시 일정을 늦추면서 주력 제품 출하량이 줄었다. 리튬 등 "
            "핵심 원자재 가격 하락이 판매가격에 반영된 것도 매출에 부담이 됐다.",
        ),
        "auto": (
            "차종별로는 하이브리드 모델의 판매 비중이 처음으로 30%를 넘어섰다. 대당 가격이 높은 "
            "대형 SUV 판매가 늘어난 점도 수익성 개선에 힘을 보탰다.",
            "내수 판매가 부진한 가운데 신차 출시를 앞두고 기존 모델 판매가 줄어든 영향이 컸다. "
            "물류비와 인건비 상승도 수익성을 끌어내렸다.",
        ),
        "platform": (
            "광고 매출이 검색·쇼핑 광고 단가 상승에 힘입어 두 자릿수 성장을 이어갔다. 간편결제 "
            "거래액도 오프라인 가맹점이 늘면서 꾸준히 증가했다.",
            "경기 둔화로 기업들이 광고 예산을 줄이면서 광고 매출이 정체됐다. 신규 서비스 마케팅 "
            "비용과 인공지능(AI) 인프라 투자도 이익을 깎아 먹었다.",
        ),
    }[sector_key][0 if up else 1]
    if up:
        titles = [
            f"“{s['short']} 수요가 끌었다”…{c}, {q} 영업이익 {op} ‘역대 최대’",
            f"{c}, {q} 매출 {rev}…전년 대비 {g_rev} 늘어",
            f"{c} {q} ‘깜짝 실적’…영업이익 {g_op} 증가",
        ]
        deck = [
            f"{q} 매출 {rev}·영업이익 {op}",
            f"{s['driver']} 판매 늘며 수익성 개선",
            f"영업이익률 {margin_s}…직전 분기보다 높아져",
            "증권가 “다음 분기도 눈높이 높아질 것”",
        ]
        lead = (
            f"{j(c, '이/가')} {q}에 시장 기대를 웃도는 성적표를 받아 들었다. {s['driver']} "
            "주문이 꾸준히 이어진 데다 우호적인 환율까지 더해지면서 수익성이 눈에 띄게 좋아졌다는 "
            "평가가 나온다."
        )
        numbers = (
            f"{j(c, '은/는')} {w.yd}일 공시를 통해 {q} 연결 기준 매출 {rev}, 영업이익 {op}을 "
            f"기록했다고 밝혔다. 매출은 전년 같은 기간보다 {g_rev}, 영업이익은 {g_op} 늘었다. "
            f"영업이익률은 {margin_s}로 집계됐다."
        )
        cfo_q = w.pick(
            [
                f"{s['short']} 고객 수요가 탄탄해 {j(c, '은/는')} 다음 분기에도 성장세를 이어갈 "
                "수 있을 것으로 본다",
                f"수익성 중심의 제품 구성 전략이 효과를 내고 있다. {j(c, '은/는')} 무리한 외형 "
                "확대보다 내실을 다지겠다",
            ]
        )
        street = (
            "증권가는 실적 개선 흐름이 당분간 이어질 것으로 보고 있다. "
            f"{analyst} 연구원은 "
            + said(
                f"{j(c, '은/는')} 주력 제품의 판매 단가가 오르는 구간에 들어섰고, 원가 경쟁력도 "
                "뚜렷하다",
                "며",
            )
            + f" 목표주가를 {target}원으로 올려 잡았다."
        )
    else:
        titles = [
            f"{c}, {q} 영업이익 {g_op} 감소…“다음 분기 반등 자신”",
            f"재고 조정에 발목…{c} {q} 수익성 ‘주춤’",
        ]
        deck = [
            f"{q} 매출 {rev}·영업이익 {op}",
            "고객사 재고 조정·원가 부담 겹쳐",
            f"영업이익률 {margin_s}로 낮아져",
            "회사 측 “신제품 효과로 회복할 것”",
        ]
        lead = (
            f"{j(c, '이/가')} {q}에 기대에 못 미치는 실적을 냈다. 주요 고객사의 재고 조정이 "
            "예상보다 길어진 데다 원재료 가격 부담까지 겹치면서 이익이 뒷걸음질했다."
        )
        numbers = (
            f"{j(c, '은/는')} {w.yd}일 공시를 통해 {q} 연결 기준 매출 {rev}, 영업이익 {op}을 "
            f"기록했다고 밝혔다. 매출은 전년 같은 기간보다 {g_rev} 늘었지만, 영업이익은 {g_op} "
            f"줄었다. 영업이익률은 {margin_s}에 그쳤다."
        )
        cfo_q = w.pick(
            [
                f"{s['short']} 고객사의 재고 조정은 막바지에 들어섰다고 판단한다. 신제품 출시가 "
                f"본격화하면 {c} 실적도 회복할 것",
                f"어려운 시기일수록 {j(c, '은/는')} 미래 기술 투자를 줄이지 않겠다",
            ]
        )
        street = (
            "증권가의 시각은 엇갈린다. "
            f"{analyst} 연구원은 "
            + said(f"{c} 실적의 바닥은 지나고 있지만 반등을 확인하려면 시간이 더 필요하다", "며")
            + f" 목표주가를 {target}원으로 낮췄다."
        )
    body = [
        numbers,
        detail,
        f"{cfo} {c} 최고재무책임자(CFO)는 같은 날 열린 콘퍼런스콜에서 {said(cfo_q)} 말했다.",
        street,
        "다만 변수도 적지 않다. 주요국의 통상 정책이 수시로 바뀌고 환율 변동성도 커지고 있는 "
        "데다, 경쟁사들이 잇달아 생산능력 확충에 나서면서 내년 이후 공급 과잉 가능성이 "
        "거론된다.",
        f"실적 발표 이후 {c} 주가는 전 거래일보다 {mw.pct(0.5, 7)} {'오른' if up else '내린'} "
        f"{price}원에 거래를 마쳤다.",
        f"{j(c, '은/는')} 올해 시설투자 규모를 {mw.eok(*s['capex'])} 수준으로 유지하고, 차세대 "
        "제품 양산 준비에 속도를 내겠다는 계획이다.",
    ]
    extras = [
        h2(f"한눈에 보는 {q} 실적")
        + ul(
            [
                f"매출: {rev} (전년 대비 {g_rev} 증가)",
                f"영업이익: {op} (전년 대비 {g_op} {'증가' if up else '감소'})",
                f"영업이익률: {margin_s}",
            ]
        )
    ]
    photos = [_sector_photo(w, s, c), _board_photo(w)]
    return {
        "section": s["section"],
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": extras,
        "tags": [*s["tags"], "실적"],
        "labels": ["종합", "분석", "속보"],
        "photos": photos,
        "topic": "industry",
        "comment_key": "earnings-" + sector_key,
    }


def _sector_photo(w, s, c):
    kind = s["photo"]
    if kind == "cleanroom":
        return PhotoSpec(
            kind,
            f"{c} 직원들이 {s['site']} 사업장 클린룸에서 웨이퍼를 살펴보고 있다.",
            "방진복을 입은 직원들이 반도체 생산 설비 앞에서 웨이퍼를 살펴보는 모습",
            f"사진제공={c}",
        )
    if kind == "assembly" and "배터리" in s["tags"]:
        return PhotoSpec(
            "assembly",
            f"{c} {s['site']} 공장에서 직원들이 배터리 셀 생산 라인을 점검하고 있다.",
            "배터리 생산 라인과 로봇 설비가 늘어선 공장 내부",
            f"사진제공={c}",
        )
    if kind == "assembly":
        return PhotoSpec(
            "assembly",
            f"{s['site']} {c} 공장 생산 라인에서 차량이 조립되고 있다.",
            "자동차 조립 라인 위로 차체가 줄지어 이동하는 공장 내부",
            f"사진제공={c}",
        )
    if kind == "port":
        return PhotoSpec(
            "port",
            f"{s['site']} {c} 조선소 안벽에 건조를 마친 {s['short']}이 정박해 있다.",
            "대형 크레인 아래 건조를 마친 선박이 정박해 있는 조선소 풍경",
            f"사진제공={c}",
        )
    if kind == "plant":
        return PhotoSpec(
            "plant",
            f"{s['site']}에 있는 {c} 생산 공장 전경.",
            "넓은 부지에 공장 건물과 저장 탱크가 들어선 모습",
            f"사진제공={c}",
        )
    return PhotoSpec(
        "skyline",
        f"{s['site']} {c} 사옥 전경.",
        "유리로 된 고층 사옥과 주변 빌딩이 보이는 도심 풍경",
        f"사진제공={c}",
    )


def _board_photo(w):
    bank = w.pick(BANKS)
    return w.pick(
        [
            PhotoSpec(
                "board",
                f"{w.d}일 서울 중구 {bank} 딜링룸 전광판에 주요 종목 시세가 나타나 있다.",
                "딜링룸 전광판에 주가 그래프와 거래량 막대가 표시된 모습",
            ),
            PhotoSpec(
                "board",
                f"{w.d}일 서울 여의도 {w.pick(BROKERS)} "
                "본사 로비 전광판에 지수 흐름이 표시돼 있다.",
                "증권사 로비의 대형 전광판에 상승과 하락을 나타내는 그래프가 표시된 모습",
            ),
        ]
    )


def story_investment(w):
    sector_key = w.cycle("investment-sector-key", ["semi", "battery", "auto", "ship", "food"])
    s = SECTORS[sector_key]
    c = w.cycle("co-" + sector_key, s["companies"])
    region = w.cycle("plant-region", PLANT_REGIONS)
    lo, hi = s["capex"]
    amt = w.eok(lo // 2, hi // 2)
    year = w.y + w.i(2, 3)
    jobs = w.i(3, 20) * 100
    product = s["product"]
    exec_name = world.officer(c, "사장")
    exec_q = w.pick(
        [
            "고객사들이 공급망 안정성을 가장 먼저 묻는 시대가 됐다. "
            f"{region} 공장은 그 질문에 대한 {c}의 답",
            f"{j(c, '은/는')} {j(region, '과/와')} 함께 성장하는 공장을 만들겠다. "
            "협력사와 함께하는 인재 양성 프로그램도 운영할 계획",
        ]
    )
    titles = [
        f"{c}, {region}에 {amt} 투자…{product} 신공장 짓는다",
        f"“생산 거점 국내로”…{c}, {region} 신공장에 {amt} 베팅",
        f"{c} {region} 신공장 첫 삽…“{year}년 양산 목표”",
    ]
    deck = [
        f"{product} 전용 라인…{year}년 가동 목표",
        f"직접 고용 {jobs}명 등 지역 일자리 효과 기대",
        "지자체와 투자협약…부지·용수·전력 지원",
        "“공급망 불확실성 커질수록 국내 거점 중요”",
    ]
    lead = (
        f"{j(c, '이/가')} {region}에 {amt}을 들여 {product} 신공장을 짓는다. 해외 생산 비중을 "
        "낮추고 국내에 핵심 생산 거점을 두겠다는 전략의 일환이다."
    )
    body = [
        f"{w.yd}일 업계에 따르면 {j(c, '은/는')} 최근 지방자치단체와 투자협약을 맺고 약 "
        f"{w.i(12, 60)}만㎡ 부지에 생산 시설을 조성하기로 했다. 연내 착공해 {year}년부터 본격 "
        "양산에 들어가는 것이 목표다.",
        f"신공장이 완공되면 {c}의 {product} 생산능력은 지금보다 {w.i(20, 60)}%가량 늘어난다. "
        "회사 측은 설계 단계부터 자동화 설비와 재생에너지 사용을 늘려 탄소 배출을 줄인 ‘스마트 "
        "공장’으로 짓겠다고 설명했다.",
        f"{exec_name} {c} 사장은 {said(exec_q)} 말했다.",
        f"지역에서는 반기는 분위기다. 공장 건설과 운영 과정에서 직접 고용 {jobs}명을 포함해 "
        "협력업체 일자리도 함께 늘어날 것으로 기대되기 때문이다. 한 지자체 관계자는 "
        "“인허가 절차를 최대한 앞당기고 기반 시설 지원도 아끼지 않겠다”고 말했다.",
        "최근 산업계에서는 해외 생산 기지를 국내로 되돌리거나 국내 투자를 늘리는 움직임이 "
        "이어지고 있다. 주요국이 자국 중심의 공급망 재편에 속도를 내면서 특정 지역에 생산을 "
        "몰아두는 위험이 커졌다는 판단에서다.",
        "다만 인력 확보는 과제로 꼽힌다. 지방 제조 현장의 숙련 인력이 부족한 상황에서 대규모 "
        "공장이 들어서면 인력 쟁탈전이 벌어질 수 있다는 우려가 나온다. 업계에서는 정부와 "
        "지자체, 대학이 함께 인력 양성 체계를 마련해야 한다는 목소리가 크다.",
        f"{w.analyst(sector_key)} 연구원은 “{c}의 {region} 투자는 단기적으로 재무 부담이 될 수 "
        f"있지만, {product} 시장이 커지는 흐름을 고려하면 선제적 증설의 의미가 크다”고 "
        "평가했다.",
    ]
    extras = [
        h2("신공장 추진 일정")
        + ul(
            [
                f"{w.y}년: {region} 투자협약 체결, 착공",
                f"{year - 1}년: {c} {region} 공장 설비 반입과 시험 가동",
                f"{year}년: {product} 본격 양산",
            ]
        )
    ]
    photos = [
        PhotoSpec(
            "plant",
            f"{j(c, '이/가')} {region}에 짓는 신공장 조감도.",
            "공장 건물과 부대시설, 진입 도로가 배치된 신공장 조감도",
            f"사진제공={c}",
        ),
        PhotoSpec(
            "stage",
            f"{w.yd}일 {region}에서 열린 {c} 신공장 투자협약식에서 참석자들이 협약서를 들어 보이고 "
            "있다.",
            "투자협약식 무대 위에 참석자들이 나란히 서 있는 모습",
            f"사진제공={c}",
        ),
        _sector_photo(w, s, c),
    ]
    return {
        "section": "industry",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": extras,
        "tags": [s["tags"][0], "투자", "공급망", "일자리"],
        "labels": ["단독", "종합"],
        "photos": photos,
        "topic": "industry",
        "comment_key": "investment",
    }


def story_exports(w):
    # "Last month" has one set of figures, whichever article reports them.
    last = w.day.replace(day=1) - timedelta(days=1)
    up, run = world.export_run(last.year, last.month)
    mw = Writer(world.export_month(last.year, last.month), w.when, {}, w.today)
    mw.r.random()  # the draw that decided `up`
    amt_n = mw.i(520, 660)
    imp_n = amt_n - mw.i(-20, 60) if up else amt_n + mw.i(-30, 25)
    bal_n = amt_n - imp_n
    amt, imp = f"{amt_n}억 달러", f"{imp_n}억 달러"
    bal = f"{abs(bal_n)}억 달러 {'흑자' if bal_n >= 0 else '적자'}"
    pct = mw.pct(1.5, 14) if up else mw.pct(0.8, 6)
    n = run
    if not up and run == 1:  # the first fall after a run of rises: "n개월 만에"
        before = last.replace(day=1) - timedelta(days=1)
        n = world.export_run(before.year, before.month)[1] + 1
    semi_pct, ship_pct, car_pct = mw.pct(15, 60), mw.pct(5, 80), mw.pct(2, 15)
    oil_pct = mw.pct(3, 20)
    if up:
        titles = [
            f"지난달 수출 {amt}…{pct} 늘며 {n}개월 연속 증가",
            f"반도체·선박 ‘쌍끌이’…지난달 수출 {pct} 증가",
            f"수출 {n}개월째 ‘플러스’…무역수지 {bal}",
        ]
        deck = [
            f"수출 {amt}·수입 {imp}…무역수지 {bal}",
            "반도체 수출 증가세 지속…선박·자동차도 선전",
            "대미·대아세안 수출 늘고 대중 수출은 보합",
            "정부 “주요국 통상 변수 철저히 대응”",
        ]
        lead = (
            f"지난달 수출이 1년 전보다 {pct} 늘며 {n}개월 연속 증가세를 이어갔다. "
            "인공지능(AI) 투자 확대로 반도체 수출이 크게 늘었고, 고부가가치 선박 인도가 몰리면서 "
            "실적을 끌어올렸다."
        )
        official_q = (
            "주요국의 관세 정책 변화 등 대외 불확실성이 여전한 만큼 수출 기업의 애로를 꼼꼼히 "
            "살피겠다"
        )
        swing = (
            "수입은 원유와 가스 등 에너지 수입액이 줄면서 소폭 감소했다. 국제 유가가 안정세를 "
            "보인 덕분이다."
        )
    else:
        titles = [
            f"조업일수 줄어든 탓에…지난달 수출 {pct} 뒷걸음",
            f"지난달 수출 {amt}…하루 평균으로는 늘어",
        ]
        if run == 1:
            titles.append(f"지난달 수출 {pct} 감소…{n}개월 만에 ‘마이너스’")
        else:
            titles.append(f"지난달 수출 {pct} 감소…{run}개월 연속 뒷걸음")
        deck = [
            f"수출 {amt}·수입 {imp}",
            "조업일수 이틀 줄어든 영향…하루 평균 수출은 증가",
            "석유제품·철강 부진…반도체는 증가세 유지",
            "정부 “일시적 요인…연간 목표 달성 가능”",
        ]
        turn = f"{n}개월 만에 감소로 돌아섰다" if run == 1 else f"{run}개월 연속 감소했다"
        lead = (
            f"지난달 수출이 1년 전보다 {pct} 줄며 {turn}. 연휴로 조업일수가 줄어든 영향이 "
            "컸다는 분석이다."
        )
        official_q = (
            "조업일수 감소에 따른 일시적 현상으로 본다. 연간 수출 목표는 충분히 달성할 수 있을 것"
        )
        swing = (
            f"다만 조업일수를 고려한 하루 평균 수출액은 {mw.i(24, 29)}억 달러로 오히려 "
            f"{mw.pct(1, 7)} 늘었다. 수출 체력 자체가 약해진 것은 아니라는 해석이 나오는 이유다."
        )
    body = [
        f"정부가 1일 발표한 월간 수출입 동향에 따르면 지난달 수출액은 {amt}, 수입액은 "
        f"{j(imp, '으로/로')} 집계됐다. 이에 따라 무역수지는 {j(bal, '을/를')} 기록했다.",
        f"품목별로는 반도체 수출이 {mw.i(110, 170)}억 달러로 전년 같은 달보다 {semi_pct} 늘었다. "
        "서버용 고용량 메모리 수요가 꾸준한 데다 메모리 가격도 오름세를 보였다. 선박은 "
        f"{ship_pct}, 자동차는 {car_pct} 각각 증가했다. 반면 석유제품과 철강은 국제 가격 하락 "
        "영향으로 부진했다.",
        swing,
        f"지역별로는 미국과 아세안으로의 수출이 각각 {mw.pct(2, 18)}, {mw.pct(2, 15)} 늘었다. 중국 "
        "수출은 전년과 비슷한 수준에 머물렀고, 유럽연합(EU) 수출은 전기차 수요 둔화 탓에 소폭 "
        "감소했다.",
        f"정부 관계자는 {said(official_q)} 말했다.",
        f"{w.researcher('exports')}은 “반도체 의존도가 지나치게 높아지는 점은 경계해야 한다. "
        "바이오와 방산, 콘텐츠 등으로 수출 품목을 넓히려는 노력이 필요하다”고 진단했다.",
        "앞으로의 수출 전망이 밝지만은 않다. 주요국의 보호무역 기조가 강해지고 있고, 원·달러 "
        "환율 변동성도 커지고 있어서다. 산업계에서는 수출 금융과 물류비 지원을 늘려 달라는 "
        "요청이 이어지고 있다.",
    ]
    extras = [
        h2("주요 품목 수출 증감률")
        + ul(
            [
                f"반도체: +{semi_pct}",
                f"선박: +{ship_pct}",
                f"자동차: +{car_pct}",
                f"석유제품: -{oil_pct}",
            ]
        )
    ]
    photos = [
        PhotoSpec(
            "port",
            f"{w.d}일 부산 남구 부두에 수출용 컨테이너가 쌓여 있다.",
            "항만 부두에 여러 색의 컨테이너가 높이 쌓여 있고 크레인이 서 있는 모습",
        ),
        PhotoSpec(
            "port",
            "경기 평택항 부두에서 수출 화물을 실은 선박이 출항을 준비하고 있다.",
            "부두에 정박한 대형 화물선과 컨테이너 크레인",
        ),
    ]
    return {
        "section": "economy",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": extras,
        "tags": ["수출", "무역수지", "반도체", "통상"],
        "labels": ["종합", "속보", "분석"],
        "photos": photos,
        "topic": "industry",
        "comment_key": "exports",
    }


def story_funding(w):
    st = w.cycle("startup", STARTUPS)
    c = st["name"]
    rounds = w.pick(["시리즈A", "시리즈B", "시리즈C"])
    amt_n = w.i(10, 80) * 10
    total_n = amt_n + w.i(10, 60) * 10
    amt, total = won(amt_n), won(total_n)
    vc1, vc2 = w.r.sample(VENTURE_FUNDS, 2)
    ceo = world.officer(c, "대표")
    year = w.y + w.i(1, 3)
    rev = won(w.i(3, 30) * 100)
    ceo_q = w.pick(
        [
            "이번 투자는 기술력과 사업성을 함께 인정받은 결과라고 생각한다. 국내에서 검증한 "
            f"{j(st['what'], '을/를')} 들고 해외 시장에 본격적으로 도전하겠다",
            f"단기 성과보다 고객이 실제로 매일 쓰는 {j(st['what'], '을/를')} 만드는 데 집중하겠다",
        ]
    )
    titles = [
        f"{c}, {amt} 규모 {rounds} 투자 유치…“해외 시장 본격 공략”",
        f"{st['field']} 스타트업 {c}, 누적 투자 {total} 넘어",
        f"벤처 투자 한파에도…{c} {rounds} {amt} 유치",
    ]
    deck = [
        f"{vc1}·{vc2} 등 참여",
        f"{st['what']} 고도화에 투자금 투입",
        f"“{year}년 매출 {rev} 달성 목표”",
        "연내 일본·동남아 법인 설립 추진",
    ]
    lead = (
        f"{j(st['what'], '을/를')} 개발하는 {j(c, '이/가')} {amt} 규모의 {rounds} 투자를 "
        f"유치했다고 {w.d}일 밝혔다. 이번 투자로 누적 투자금은 {j(total, '으로/로')} 늘었다."
    )
    body = [
        f"이번 투자는 {j(vc1, '이/가')} 주도했고, {vc2} 등 기존 투자사들도 후속 투자에 참여했다.",
        st["about"],
        f"{ceo} {c} 대표는 {said(ceo_q)} 말했다.",
        f"{j(c, '은/는')} 확보한 자금을 연구개발(R&D) 인력 채용과 해외 사업 확대에 쓸 계획이다. "
        f"연내 일본과 동남아시아에 현지 법인을 세우고, {year}년까지 매출 {j(rev, '을/를')} "
        "달성한다는 목표를 세웠다.",
        f"{vc1} 관계자는 “{st['field']} 시장은 아직 성장 초기 단계지만 {j(c, '은/는')} 이미 의미 "
        "있는 고객을 확보하며 사업성을 입증했다”고 투자 배경을 설명했다.",
        "올해 벤처 투자 시장은 전반적으로 위축된 상태다. 고금리가 이어지면서 투자사들이 검증된 "
        "기업 위주로 돈을 넣고 있어, 초기 기업의 자금 조달 여건은 여전히 녹록지 않다는 평가가 "
        "나온다.",
    ]
    photos = [
        PhotoSpec(
            "stage",
            f"{ceo} {c} 대표가 {w.d}일 서울 {st['office']} 본사에서 열린 기자간담회에서 "
            "사업 전략을 설명하고 있다.",
            "발표 화면 앞에서 대표가 사업 전략을 설명하는 모습",
            f"사진제공={c}",
        ),
        PhotoSpec(
            "portrait",
            f"{ceo} {c} 대표.",
            "정장 차림의 스타트업 대표 인물 사진",
            f"사진제공={c}",
        ),
    ]
    if c == "도담로보틱스":
        photos.append(
            PhotoSpec(
                "assembly",
                f"한 물류센터에서 {c}의 자율주행 로봇이 상품 선반을 옮기고 있다.",
                "물류센터 바닥을 따라 로봇이 선반을 옮기는 모습",
                f"사진제공={c}",
            )
        )
    return {
        "section": "smes",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": [],
        "tags": ["스타트업", "벤처투자", st["tag"]],
        "labels": ["단독", "종합"],
        "photos": photos,
        "topic": "startup",
        "comment_key": "funding",
    }


def story_retail(w):
    c = w.cycle("retailer", RETAILERS)
    variant = w.cycle("retail-variant", ["sale", "pb", "dawn"])
    exec_name = world.officer(c, "상품본부장")
    prof = w.professor("소비자학과")
    if variant == "sale":
        event = w.pick(["창립 기념 할인전", "먹거리 특가전", "생활필수품 대축제"])
        disc = w.i(3, 7) * 10
        titles = [
            f"“장바구니 부담 덜어드려요”…{c}, ‘{event}’ 최대 {disc}% 할인",
            f"{c}, 밥상 물가 잡기 나섰다…채소·과일 최대 {disc}% 할인",
        ]
        deck = [
            f"전국 매장·온라인몰서 ‘{event}’",
            "산지 직거래로 유통 단계 줄여 가격 낮춰",
            "카드 결제 시 한우 등 추가 할인",
        ]
        lead = (
            f"{j(c, '이/가')} 다음 달 초까지 전국 매장과 온라인몰에서 ‘{event}’"
            f"{particle(event, '을/를')} 연다. 채소와 과일, 축산물 등 밥상 물가와 직결되는 "
            f"품목을 중심으로 최대 {disc}% 할인된 가격에 판매한다."
        )
        detail = (
            f"이번 행사에서는 산지와 직접 계약해 유통 단계를 줄인 상품 {w.i(3, 9) * 100}여 종을 "
            "선보인다. 대표 상품인 제철 과일 묶음은 시세보다 30%가량 싸게 내놓고, 한우 등심은 카드 "
            "결제 시 추가 할인을 적용한다."
        )
        tags = ["유통", "물가", "할인"]
    elif variant == "pb":
        pct = w.pct(15, 45)
        titles = [
            f"고물가에 ‘가성비’ 찾는 소비자…{c} 자체 브랜드 매출 {pct} 껑충",
            f"“브랜드보다 가격”…{c} PB 상품 매출 {pct} 늘었다",
        ]
        deck = [
            f"올해 PB 매출 전년 대비 {pct} 증가",
            "생수·우유·즉석밥 등 생활 식품이 인기",
            "“품질 차이 크지 않다” 인식 확산",
        ]
        lead = (
            "고물가가 길어지면서 ‘가성비’를 앞세운 유통업체 자체 브랜드(PB) 상품이 인기를 끌고 "
            f"있다. {c}에 따르면 올해 들어 지난달까지 PB 상품 매출은 전년 같은 기간보다 {pct} "
            "늘었다."
        )
        detail = (
            "가장 많이 팔린 품목은 생수와 우유, 즉석밥 등 매일 소비하는 식품이었다. 제조사 "
            "브랜드 상품보다 가격이 20~40% 저렴한 데다 품질도 크게 뒤지지 않는다는 인식이 "
            "퍼지면서 재구매율이 높아졌다는 분석이다."
        )
        tags = ["유통", "PB", "물가", "소비"]
    else:
        n = w.i(4, 9)
        titles = [
            f"새벽배송 경쟁 2라운드…{c}, 비수도권 {n}개 도시로 확대",
            f"“밤 11시 주문, 아침 7시 도착”…{c} 새벽배송 지방으로",
        ]
        deck = [
            f"대전·대구·광주 등 {n}개 도시서 서비스",
            "지역 냉장·냉동 물류센터 새로 열어",
            "지역 농가 신선식품 직송으로 배송 시간 단축",
        ]
        lead = (
            f"{j(c, '이/가')} 새벽배송 서비스 지역을 비수도권 {n}개 도시로 넓힌다. 밤 11시 전에 "
            "주문하면 다음 날 아침 7시 전에 받아 볼 수 있는 서비스로, 그동안 수도권에서만 "
            "운영해 왔다."
        )
        detail = (
            f"이를 위해 {j(c, '은/는')} 대전과 대구, 광주에 냉장·냉동 물류센터를 새로 열었다. "
            "지역 농가에서 수확한 신선식품을 곧바로 물류센터로 들여와 배송 시간을 줄인다는 "
            "구상이다."
        )
        tags = ["유통", "새벽배송", "물류"]
    exec_q = w.pick(
        [
            "협력사와 함께 원가를 낮추는 데 공을 들였다. "
            f"{c} 고객이 체감할 수 있는 가격으로 장바구니 부담을 덜어 드리겠다",
            f"값만 싼 상품이 아니라 {c}에서 다시 찾고 싶은 상품을 만드는 것이 목표",
        ]
    )
    body = [
        detail,
        "유통업계가 가격과 서비스 경쟁에 나선 배경에는 얼어붙은 소비 심리가 있다. 외식 물가와 "
        "공공요금이 잇달아 오르면서 가계가 지갑을 닫자, 조금이라도 싼 곳을 찾아다니는 ‘발품 "
        "소비’가 뚜렷해졌다.",
        f"{exec_name} {c} 상품본부장은 {said(exec_q)} 말했다.",
        "경쟁사들도 대응에 나섰다. 대형마트와 편의점, 온라인 쇼핑몰이 잇달아 할인 행사와 무료 "
        "배송 혜택을 내놓으면서 유통업계의 고객 유치 경쟁은 한층 치열해질 전망이다.",
        f"{prof}는 “소비자들이 브랜드보다 가격 대비 만족도를 따지는 경향이 강해졌다. 이런 소비 "
        "습관은 물가가 안정된 뒤에도 상당 기간 이어질 가능성이 크다”고 말했다.",
    ]
    photos = [
        PhotoSpec(
            "market",
            f"{w.d}일 서울 시내 한 {c} 매장에서 소비자들이 신선식품을 고르고 있다.",
            "매장 진열대 앞에서 소비자들이 과일과 채소를 고르는 모습",
            w.pick(["reporter", f"사진제공={c}"]),
        ),
        PhotoSpec(
            "assembly",
            f"{c} 물류센터에서 직원들이 배송 상품을 분류하고 있다.",
            "물류센터 컨베이어 벨트 위로 상자들이 이동하는 모습",
            f"사진제공={c}",
        ),
    ]
    return {
        "section": "industry",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": [],
        "tags": tags,
        "labels": ["종합", "분석"],
        "photos": photos,
        "topic": "consumer",
        "comment_key": "retail-" + variant,
    }


def story_export_fair(w):
    country, city = w.cycle("fair-city", FAIR_CITIES)
    n = w.i(15, 40)
    buyers = w.i(40, 120)
    meet = buyers * w.i(2, 3)
    usd = f"{w.i(800, 4200)}만 달러"
    contracts = w.i(6, 30)
    event = f"{w.y} {city} K-중소기업 수출상담회"
    chair = world.EXPORT_COUNCIL_CHAIR
    titles = [
        f"“현지 바이어 직접 만난다”…중소기업 {n}곳, {city}서 수출상담회",
        f"중소기업 {city} 수출상담회서 {usd} 상담…K-뷰티·푸드 ‘인기’",
    ]
    deck = [
        f"{EXPORT_COUNCIL}, {w.yd}일부터 이틀간 {city}서 개최",
        f"현지 바이어 {buyers}개사와 1대1 상담 {meet}건",
        f"상담액 {usd}…현장 계약·협약 {contracts}건",
        "“물류·인증 지원 늘려 달라” 업계 건의도",
    ]
    lead = f"국내 중소기업들이 {country} {city}에서 현지 바이어를 만나 수출 판로 넓히기에 나섰다."
    body = [
        f"{j(EXPORT_COUNCIL, '은/는')} {w.yd}일부터 이틀간 {city}에서 ‘{event}’를 열었다고 "
        f"{w.d}일 밝혔다. 상담회에는 화장품과 식품, 생활용품, 산업용 부품 등을 만드는 중소기업 "
        f"{n}곳이 참가해 현지 바이어 {buyers}개사와 {meet}건의 1대1 상담을 진행했다.",
        f"상담 금액은 {usd}에 달했고, 이 가운데 "
        f"{contracts}건은 현장에서 업무협약(MOU)이나 계약으로 "
        "이어졌다. 특히 기초 화장품과 간편식, 소형 가전에 대한 현지 관심이 높았다는 게 협의회 측 "
        "설명이다.",
        "상담회에 참가한 한 화장품 업체 대표는 “화상 상담으로는 제품의 질감이나 향을 전하기 "
        "어려웠는데, 직접 시연을 해 보이니 바이어 반응이 확연히 달랐다”고 말했다.",
        f"{chair} {EXPORT_COUNCIL} 회장은 “{city} 소비층이 젊고 한국 제품에 대한 호감도가 높아 "
        "중소기업에 기회가 큰 시장이다. 상담이 실제 수출로 이어지도록 사후 관리까지 챙기겠다”고 "
        "강조했다.",
        "참가 기업들은 해외 진출의 걸림돌로 물류비와 현지 인증 절차를 꼽았다. 협의회는 현장에서 "
        "모은 애로 사항을 정리해 관계 부처에 전달하고, 내년에는 참가 기업 수를 늘릴 계획이다.",
    ]
    extras = [
        h2("현장에서 나온 건의 사항")
        + ul(
            [
                "해외 인증 취득 비용 지원 확대",
                "중소기업 전용 공동 물류창고 마련",
                "수출 대금 결제 보증 한도 상향",
            ]
        )
    ]
    photos = [
        PhotoSpec(
            "stage",
            f"{w.yd}일 {country} {city}에서 열린 ‘{event}’에서 국내 중소기업 관계자들이 현지 "
            "바이어와 상담하고 있다.",
            "상담 테이블을 사이에 두고 기업 관계자와 바이어들이 대화하는 행사장",
            f"사진제공={EXPORT_COUNCIL}",
        ),
        PhotoSpec(
            "market",
            "상담회장 한편에 마련된 K-상품 전시관에서 현지 바이어들이 제품을 살펴보고 있다.",
            "전시 부스 진열대에 놓인 제품을 바이어들이 둘러보는 모습",
            f"사진제공={EXPORT_COUNCIL}",
        ),
    ]
    return {
        "section": "smes",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": extras,
        "tags": ["중소기업", "수출", "해외진출", "K-뷰티"],
        "labels": ["종합"],
        "photos": photos,
        "topic": "industry",
        "comment_key": "export-fair",
    }


def story_stocks(w):
    # The day's closes come from the world's market curves: every article about a day agrees.
    yesterday = w.day - timedelta(days=1)
    idx_n, prev = world.close(world.KOSPI, w.day), world.close(world.KOSPI, yesterday)
    up = idx_n >= prev
    pts = abs(idx_n - prev)
    pct_n = pts / prev * 100
    idx, pct = f"{idx_n:,.2f}", f"{pct_n:.2f}%"
    line = int(max(idx_n, prev) // 100 * 100)
    crossed = (idx_n >= line) != (prev >= line)  # the close passed a round hundred
    kq_n, kq_prev = world.close(world.KOSDAQ, w.day), world.close(world.KOSDAQ, yesterday)
    kq_up = kq_n >= kq_prev
    kq_pct_n = abs(kq_n - kq_prev) / kq_prev * 100
    kq_word = "오른" if kq_up else "내린"
    fx_n = world.close(world.WON_PER_DOLLAR, w.day)
    fx_prev = world.close(world.WON_PER_DOLLAR, yesterday)
    fxm = f"{abs(fx_n - fx_prev):.1f}"
    fx_word = "내린" if fx_n < fx_prev else "오른"
    foreign, inst, retail = w.eok(800, 9000), w.eok(300, 4000), w.eok(1000, 12000)
    semi = SECTORS["semi"]["companies"][0]
    batt = w.pick(SECTORS["battery"]["companies"])
    auto = w.pick(SECTORS["auto"]["companies"])
    word = "오른" if up else "내린"
    if up:
        titles = [f"코스피, 외국인 ‘사자’에 {pct} 올라 {idx} 마감"]
        if crossed:
            titles.append(f"반도체주 강세에 코스피 {line:,}선 회복")
        lead = (
            f"코스피가 외국인 매수세에 힘입어 {pct} 오른 {idx}에 장을 마쳤다. 미국 증시가 기술주 "
            "중심으로 반등한 데다 반도체 기업들의 실적 기대감이 커지면서 투자 심리가 살아났다."
        )
        flows = (
            f"투자자별로는 외국인이 {foreign}, 기관이 {j(inst, '을/를')} 순매수했고 개인은 "
            f"{j(retail, '을/를')} 순매도했다."
        )
        sectors = (
            "업종별로는 전기·전자와 화학이 강세를 보였다. 시가총액 상위 종목 가운데 "
            f"{j(semi, '은/는')} {w.pct(1, 6)} 올랐고, {j(batt, '과/와')} {auto}도 각각 "
            f"{w.pct(0.5, 4)}, {w.pct(0.3, 3)} 상승했다."
        )
        analyst_q = (
            "외국인 자금이 반도체 대형주로 돌아오고 있다. 다만 다음 주 발표될 미국 물가 지표에 "
            "따라 변동성이 커질 수 있다"
        )
    else:
        titles = [f"외국인 ‘팔자’에 코스피 {pct} 뒷걸음…원·달러 환율 {fx_n:,.1f}원"]
        if crossed:
            titles.append(f"코스피, 미국 금리 부담에 {pct} 하락…{line:,}선 내줘")
        lead = (
            f"코스피가 외국인 매도세에 밀려 {pct} 내린 {idx}에 마감했다. 미국 국채 금리가 다시 "
            "오르면서 위험자산을 피하려는 심리가 커진 영향이다."
        )
        flows = (
            f"투자자별로는 외국인이 {foreign}, 기관이 {j(inst, '을/를')} 순매도했고 개인은 "
            f"{j(retail, '을/를')} 순매수했다."
        )
        sectors = (
            "업종별로는 금융과 건설을 제외한 대부분 업종이 약세를 보였다. 시가총액 상위 종목 "
            f"가운데 {j(semi, '은/는')} {w.pct(1, 5)} 내렸고, {j(batt, '과/와')} {auto}도 각각 "
            f"{w.pct(0.5, 4)}, {w.pct(0.3, 3)} 하락했다."
        )
        analyst_q = (
            "금리 상승에 따른 조정은 단기에 그칠 가능성이 높다. 실적이 뒷받침되는 업종 중심으로 "
            "분할 매수를 고려할 만하다"
        )
    deck = [
        f"외국인 {foreign} 순{'매수' if up else '매도'}",
        "반도체·2차전지주 동반 " + ("강세" if up else "약세"),
        f"코스닥 {kq_pct_n:.2f}% {kq_word} {kq_n:,.2f}",
        f"원·달러 환율 {fxm}원 {fx_word} {fx_n:,.1f}원",
    ]
    body = [
        f"{w.d}일 코스피는 전 거래일보다 {pts:,.2f}포인트({pct}) {word} {idx}에 거래를 마쳤다. "
        "지수는 장 초반부터 방향을 정한 뒤 오후 들어 변동 폭을 키웠다.",
        flows,
        sectors,
        f"코스닥지수는 {abs(kq_n - kq_prev):,.2f}포인트({kq_pct_n:.2f}%) {kq_word} "
        f"{kq_n:,.2f}로 마감했다. "
        + (
            "바이오와 로봇 관련 종목에 매수세가 몰렸다."
            if kq_up
            else "바이오 종목을 중심으로 차익 실현 매물이 쏟아졌다."
        ),
        f"서울 외환시장에서 원·달러 환율은 전 거래일보다 {fxm}원 {fx_word} "
        f"{fx_n:,.1f}원에 주간 거래를 마쳤다.",
        f"{w.analyst('market')} 연구원은 {said(analyst_q)} 말했다.",
    ]
    extras = [
        h2("이날 주요 지표")
        + ul(
            [
                f"코스피: {idx} ({'+' if up else '-'}{pct})",
                f"코스닥: {kq_n:,.2f} ({'+' if kq_up else '-'}{kq_pct_n:.2f}%)",
                f"원·달러 환율: {fx_n:,.1f}원",
            ]
        )
    ]
    photos = [
        PhotoSpec(
            "board",
            f"{w.d}일 서울 중구 {w.pick(BANKS)} 딜링룸 전광판에 코스피 지수가 표시돼 있다.",
            "딜링룸 전광판에 주가 지수와 등락 그래프가 표시된 모습",
        ),
        _board_photo(w),
    ]
    return {
        "section": "stocks",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": extras,
        "tags": ["코스피", "증시", "외국인", "환율", "코스닥"],
        "labels": ["속보", "종합"],
        "photos": photos,
        "topic": "stocks",
        "comment_key": "stocks-up" if up else "stocks-down",
    }


def story_bank_rates(w):
    bank, bank2, bank3 = w.r.sample(BANKS, 3)
    variant = w.cycle("bank-rates-variant", ["deposit", "mortgage", "switch"])
    bp = w.pick(["0.1", "0.15", "0.2", "0.3"])
    r = w.f(3.1, 4.2, 2)
    if variant == "deposit":
        r1 = float(w.f(3.0, 3.4, 2))
        r2 = r1 - float(bp)
        titles = [
            "예금금리 줄줄이 인하…연 3%대 정기예금 ‘실종’",
            f"{bank}도 예금금리 {bp}%p 내렸다…“특판 상품 노려라”",
        ]
        deck = [
            "시장금리 하락에 수신 금리 잇따라 조정",
            f"{bank} 1년 만기 정기예금 연 {r2:.2f}%",
            "“만기 길게 가져가는 전략 고려할 만”",
        ]
        lead = (
            "시중은행들이 예금 금리를 잇달아 낮추고 있다. 시장금리가 내려가자 수신 금리를 조정하는 "
            "것으로, 연 3%대 금리를 주는 정기예금은 주요 은행에서 찾아보기 어려워졌다."
        )
        detail = (
            f"{w.d}일 금융권에 따르면 {j(bank, '은/는')} 이번 주부터 대표 정기예금 상품의 1년 만기 "
            f"금리를 연 {r1:.2f}%에서 연 {r2:.2f}%로 {bp}%p 낮췄다. {j(bank2, '과/와')} {bank3}도 "
            "조만간 비슷한 폭의 인하를 검토하는 것으로 알려졌다."
        )
        tags = ["금리", "예금", "은행"]
    elif variant == "mortgage":
        titles = [
            f"{bank}, 주택담보대출 금리 최대 {bp}%p 올린다…가계대출 관리 고삐",
            f"“대출 수요 너무 빠르다”…{bank} 주담대 금리 인상",
        ]
        deck = [
            f"5년 주기형 주담대 금리 {bp}%p 인상",
            "전세자금대출 금리도 함께 올려",
            "다른 은행들도 뒤따를 가능성",
        ]
        lead = (
            f"{j(bank, '이/가')} 주택담보대출 금리를 최대 {bp}%p 올린다. 빠르게 불어나는 "
            "가계대출을 관리하기 위한 조치로, 다른 은행들도 뒤따를 가능성이 커졌다."
        )
        detail = (
            f"{j(bank, '은/는')} 다음 주부터 5년 주기형 주택담보대출 금리를 {bp}%p, "
            f"전세자금대출 금리를 {w.pick(['0.1', '0.15', '0.2'])}%p 각각 인상한다고 {w.d}일 "
            f"밝혔다. 이에 따라 주택담보대출 금리 하단은 연 {r}% 수준으로 올라간다."
        )
        tags = ["금리", "가계대출", "주택담보대출", "은행"]
    else:
        titles = [
            f"“대출 갈아타기 지금?”…변동금리 하단 연 {r[0]}%대로 내려와",
            f"주담대 금리 하단 연 {r}%…대환대출 문의 늘었다",
        ]
        deck = [
            f"변동형 주담대 금리 하단 연 {r}%",
            "대환대출 플랫폼 이용 꾸준히 늘어",
            "“중도상환수수료·남은 기간 꼭 따져야”",
        ]
        lead = (
            f"은행권 변동금리형 주택담보대출 금리 하단이 연 {r[0]}%대로 내려오면서 ‘대출 "
            "갈아타기’에 관심이 커지고 있다. 고정금리로 대출을 받은 차주들 사이에서 지금 갈아타는 "
            "게 유리한지 따져 보는 움직임이 나타난다."
        )
        detail = (
            "온라인 대환대출 플랫폼 이용도 늘었다. 스마트폰으로 여러 은행의 금리를 비교하고 "
            "중도상환수수료까지 계산해 본 뒤 바로 대출을 옮길 수 있어서다. 다만 갈아탈 때 드는 "
            "비용과 남은 대출 기간을 꼼꼼히 따져 봐야 한다는 조언이 나온다."
        )
        tags = ["금리", "대환대출", "주택담보대출"]
    advice = (
        "금리 하락기에 예금자들의 고민도 깊어지고 있다. 전문가들은 당분간 금리가 더 내려갈 "
        "가능성을 고려해 만기를 길게 가져가거나, 은행들이 한시적으로 내놓는 특판 상품을 활용하라고 "
        "조언한다."
        if variant == "deposit"
        else "대출을 새로 받거나 갈아타려는 차주라면 고정금리와 변동금리의 차이, 중도상환수수료 "
        "면제 시점 등을 함께 따져 봐야 한다는 조언이 나온다."
    )
    body = [
        detail,
        advice,
        f"가계대출 증가세는 좀처럼 꺾이지 않고 있다. 주요 은행의 가계대출 잔액은 지난달 말 "
        f"기준 {w.i(700, 760)}조 원으로 한 달 새 {w.i(2, 7)}조 원 넘게 늘었다. 주택 거래가 "
        "살아나면서 주택담보대출이 증가세를 이끌었다.",
        "금융당국은 은행권의 가계대출 관리 상황을 주 단위로 점검하고 있다. 금융당국 관계자는 "
        "“대출 수요가 몰리는 시기에 무리한 금리 경쟁이나 한도 확대가 없는지 살펴보고 있다”고 "
        "말했다.",
        f"{w.professor('경영학과')}는 “금리 수준만 보고 결정하기보다 자신의 "
        "상환 능력과 앞으로의 소득 흐름을 함께 고려해야 한다”고 말했다.",
        f"은행 금리의 출발점인 {world.CENTRAL_BANK} 기준금리는 현재 "
        f"{world.rate_text(w.base_rate())}다. 시장금리는 다음 통화정책위원회 회의 결과에 대한 "
        "기대를 먼저 반영해 움직이는 경우가 많다.",
    ]
    photos = [
        PhotoSpec(
            "lobby",
            "서울 시내 한 은행 영업점 창구에서 고객들이 상담을 받고 있다.",
            "은행 창구 앞에서 고객들이 상담을 기다리는 모습",
        ),
        PhotoSpec(
            "skyline",
            f"서울 중구 {bank} 본점 전경.",
            "도심 빌딩 사이로 은행 본점 건물이 보이는 풍경",
            f"사진제공={bank}",
        ),
    ]
    return {
        "section": "banking",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": [],
        "tags": tags,
        "labels": ["종합", "분석"],
        "photos": photos,
        "topic": "rates",
        "comment_key": "bank-rates-" + variant,
    }


def story_cards(w):
    card = w.pick(CARDS)
    variant = w.cycle("cards-variant", ["payments", "travel", "earnings"])
    if variant == "payments":
        amt = w.eok(9000, 14000)
        pct = w.pct(8, 25)
        titles = [
            f"간편결제 하루 이용액 {amt} 넘었다…“지갑 대신 휴대폰”",
            f"오프라인 매장도 ‘폰 결제’…간편결제 이용 {pct} 증가",
        ]
        deck = [
            f"하루 평균 이용액 {amt} 돌파",
            "오프라인 결제 비중 처음으로 30% 넘어",
            "결제 데이터 활용한 금융 서비스 확대 경쟁",
        ]
        lead = (
            f"간편결제 서비스의 하루 평균 이용액이 처음으로 {j(amt, '을/를')} 넘어섰다. 편의점과 "
            "식당 같은 오프라인 매장에서도 휴대폰으로 결제하는 소비자가 빠르게 늘고 있다."
        )
        specific = [
            f"{w.d}일 업계에 따르면 지난 분기 간편결제 서비스 하루 평균 이용 건수는 "
            f"{w.i(2600, 3400)}만 건으로 1년 전보다 {pct} 증가했다. 이 가운데 오프라인 결제 "
            "비중은 처음으로 30%를 넘었다. 핀테크 업체들이 결제 단말기 보급을 늘린 영향이 컸다.",
            f"{world.officer('모아페이', '대표')} 모아페이 대표는 “결제는 이제 금융 서비스로 "
            "들어가는 첫 관문이 됐다. 결제 데이터를 바탕으로 소상공인 대출과 자산관리까지 "
            "서비스를 넓히겠다”고 말했다.",
        ]
        tags = ["간편결제", "핀테크", "결제"]
        photo = PhotoSpec(
            "market",
            "서울 시내 한 매장에서 소비자가 휴대폰으로 결제하고 있다.",
            "매장 계산대 앞에서 손님이 휴대폰으로 결제하는 모습",
        )
    elif variant == "travel":
        fee = w.i(2, 5)
        titles = [
            f"{card}, 해외 결제 수수료 없앤 카드 출시…여행객 잡기 경쟁",
            f"“해외에서 수수료 0원”…{card} 여행 특화 카드 내놔",
        ]
        deck = [
            "해외 결제·현금인출 수수료 면제",
            f"공항 라운지 연 {w.i(2, 6)}회 무료…연회비 {fee}만 원",
            "카드업계 여행 특화 상품 경쟁 가열",
        ]
        lead = (
            f"{j(card, '이/가')} 해외에서 결제할 때 붙는 수수료를 없앤 신용카드를 내놨다. 해외여행 "
            "수요가 꾸준히 늘자 여행객을 붙잡으려는 카드사들의 상품 경쟁이 달아오르고 있다."
        )
        specific = [
            f"{w.d}일 출시된 이 카드는 해외 가맹점 결제 수수료와 해외 현금인출 수수료를 면제하고, "
            f"공항 라운지 이용 혜택을 제공한다. 연회비는 {fee}만 원이다.",
            "카드업계에서는 여행 특화 상품이 신규 고객을 끌어오는 효과가 크다고 본다. 다만 수수료 "
            "면제에 따른 비용 부담이 커 수익성에는 오히려 독이 될 수 있다는 지적도 나온다.",
        ]
        tags = ["카드", "해외여행", "신상품"]
        photo = PhotoSpec(
            "lobby",
            f"서울 중구 {card} 본사 고객센터에서 직원이 신상품을 안내하고 있다.",
            "고객센터 안내 데스크와 상담 창구가 보이는 모습",
            f"사진제공={card}",
        )
    else:
        amt = w.eok(3000, 7000)
        pct = w.pct(5, 25)
        titles = [
            f"카드사 순이익 {pct} 감소…연체율 상승에 건전성 ‘빨간불’",
            "조달 비용 늘고 연체율 오르고…카드사 수익성 ‘이중고’",
        ]
        deck = [
            f"주요 카드사 순이익 합계 {amt}",
            "평균 연체율 1년 새 상승",
            "“대손충당금 보수적으로 쌓아야”",
        ]
        lead = (
            "카드사들의 수익성이 나빠지고 있다. 가맹점 수수료 인하와 조달 비용 상승이 겹친 데다 "
            "연체율까지 오르면서 건전성 관리에 비상이 걸렸다."
        )
        specific = [
            f"{w.d}일 금융권에 따르면 주요 카드사 {w.i(5, 8)}곳의 지난 분기 순이익은 모두 합쳐 "
            f"{j(amt, '으로/로')} 1년 전보다 {pct} 줄었다. 같은 기간 평균 연체율은 "
            f"{w.f(1.3, 1.9, 2)}%로 높아졌다.",
            f"{w.researcher('credit')}은 “경기 둔화가 길어지면 취약 차주를 중심으로 연체가 더 "
            "늘어날 수 있다. 카드사들이 대손충당금을 보수적으로 쌓아야 할 시점”이라고 말했다.",
        ]
        tags = ["카드", "연체율", "실적"]
        photo = PhotoSpec(
            "skyline",
            f"서울 중구 {card} 본사 전경.",
            "도심 고층 빌딩 사이로 카드사 본사가 보이는 모습",
            f"사진제공={card}",
        )
    body = [
        *specific,
        "금융당국은 결제 시장의 변화에 맞춰 관련 제도를 손질할 계획이다. 핀테크 업체와 카드사 "
        "사이의 규제 차이를 줄이고, 소비자 보호 장치를 강화하는 방안이 함께 논의되고 있다.",
        "전문가들은 결제 시장이 휴대폰 중심으로 빠르게 옮겨 가는 만큼 보안 사고에 대한 대비도 "
        "함께 강화해야 한다고 입을 모은다. 결제 단계가 간편해질수록 부정 사용을 막는 장치가 더 "
        "중요해지기 때문이다.",
        "카드업계 관계자는 “본업인 결제에서 수익을 내기 어려워지면서 데이터 사업과 해외 진출 "
        "등 새로운 먹거리를 찾는 데 총력을 기울이고 있다”고 전했다.",
    ]
    return {
        "section": "banking",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": [],
        "tags": tags,
        "labels": ["종합", "분석"],
        "photos": [photo],
        "topic": "general",
        "comment_key": "cards-" + variant,
    }


GOVERNOR_SAID = {
    "hold": "물가만 보면 금리를 내릴 여건이 갖춰지고 있지만, 환율과 가계부채 흐름을 더 확인할 "
    "필요가 있다",
    "cut": "경기 하방 위험이 커진 만큼 선제적으로 대응할 필요가 있었다. 추가 인하 여부는 앞으로 "
    "나오는 지표를 보고 판단하겠다",
}


def story_base_rate(w):
    """The policy rate: the decision itself on a meeting day (or the day after), otherwise the
    run-up to the next meeting. Either way the rate is the one `world` has in force that day."""
    gov = world.GOVERNOR
    rate = w.base_rate()
    now_rate = world.rate_text(rate)
    meeting = world.meeting_before(w.day, w.today)
    upcoming = next(
        (m.day for m in world.meetings(w.today) if m.day > w.day), world.next_meeting(w.today)
    )
    bank = w.pick(BANKS)
    rates_analyst = w.analyst("rates")
    gov_q = None
    if meeting and (w.day - meeting.day).days <= 1:
        decision = meeting.decision
        md = meeting.day.day
        cuts = sum(
            1 for m in world.meetings(w.today) if m.day <= meeting.day and m.decision == "cut"
        )
        if decision == "cut":
            before = world.rate_text(meeting.previous)
            titles = [
                f"기준금리 0.25%p 인하…{now_rate}로 낮춰 이번 완화 국면 {cuts}번째",
                f"통화당국, 기준금리 {now_rate}로 인하…“내수 회복 지원”",
            ]
            deck = [
                "내수 부진·물가 안정세 고려",
                "“추가 인하 여부는 지표 보고 판단”",
                "은행 예금·대출 금리 하락 전망",
                "원·달러 환율 변동성 확대 우려도",
            ]
            lead = (
                f"통화당국이 기준금리를 {before}에서 {now_rate}로 0.25%포인트 내렸다. 내수 부진이 "
                "길어지는 가운데 물가가 목표 수준에 가까워지자 경기 부양 쪽으로 무게를 옮긴 것이다."
            )
            vote = "위원 6명 가운데 1명은 동결 의견을 냈다."
            analyst_q = (
                f"{now_rate}에서 한 차례 정도 추가 인하가 가능해 보이지만, 환율이 불안해지면 속도 "
                "조절에 나설 것"
            )
        else:
            titles = [
                f"기준금리 {now_rate} 동결…“물가·환율 더 지켜봐야”",
                f"통화당국, 기준금리 {now_rate} 유지…{gov} 총재 “인하 가능성 열어 둬”",
            ]
            deck = [
                "통화정책위원 만장일치로 동결",
                "“가계부채·부동산 흐름 면밀히 점검”",
                f"{gov} 총재 “앞으로 인하 가능성 열어 둬”",
                "시장 “다음 회의 인하 가능성 높아”",
            ]
            lead = (
                f"통화당국이 기준금리를 {now_rate}로 동결했다. 물가 상승세는 둔화했지만 환율 "
                "변동성이 커지고 가계부채 증가세가 이어지고 있어 좀 더 지켜보자는 판단을 내린 "
                "것으로 풀이된다."
            )
            vote = "위원 전원이 동결에 찬성했다."
            analyst_q = (
                f"{now_rate} 동결 결정보다 총재 발언이 예상보다 온건했다는 점이 중요하다. 다음 "
                "회의에서 인하에 나설 가능성이 높아졌다"
            )
        gov_q = GOVERNOR_SAID[decision]
        opening = [
            f"{world.CENTRAL_BANK}은 {md}일 서울 중구 본부에서 통화정책위원회 회의를 열고 이같이 "
            f"결정했다. {vote}",
            f"{gov} 총재는 회의 직후 기자간담회에서 {said(gov_q)} 말했다.",
        ]
        labels, comment_key = ["속보", "종합"], f"base-rate-{decision}"
        first_photo = PhotoSpec(
            "stage",
            f"{gov} {world.CENTRAL_BANK} 총재가 {md}일 서울 중구 본부에서 열린 통화정책방향 "
            "기자간담회에서 발언하고 있다.",
            "기자간담회 단상에서 총재가 발언하는 모습",
            "사진=공동취재단",
        )
    else:
        titles = [
            f"{upcoming.month}월 {upcoming.day}일 통화정책회의 앞두고 ‘추가 인하’ 전망 "
            f"우세…기준금리 {now_rate}",
            f"채권시장 ‘인하 베팅’…{upcoming.month}월 통화정책회의 앞두고 기준금리 {now_rate}",
        ]
        deck = [
            f"현재 기준금리 {now_rate}",
            "물가 2% 안팎·내수 부진에 인하 기대",
            "“환율 흐름이 마지막 변수”",
        ]
        lead = (
            f"{world.CENTRAL_BANK} 통화정책위원회의 {upcoming.month}월 {upcoming.day}일 회의를 "
            "앞두고 기준금리 추가 인하 여부에 시장의 관심이 쏠리고 있다. 현재 기준금리는 "
            f"{now_rate}다."
        )
        opening = []
        if meeting:
            if meeting.decision == "cut":
                what = f"{world.rate_text(meeting.previous)}에서 {now_rate}로 0.25%포인트 내려갔다"
            else:
                what = f"{now_rate}로 동결됐다"
            gov_q = GOVERNOR_SAID[meeting.decision]
            opening = [
                f"기준금리는 지난 {meeting.day.month}월 {meeting.day.day}일 회의에서 {what}. "
                f"{gov} 총재는 당시 기자간담회에서 {said(gov_q)} 말했다."
            ]
        analyst_q = (
            f"채권시장은 이미 {upcoming.month}월 회의에서 {now_rate}보다 낮은 금리를 가격에 "
            "반영하고 있다. 환율이 안정된다면 인하 쪽으로 기울 가능성이 크다"
        )
        labels, comment_key = ["분석"], "base-rate-preview"
        first_photo = PhotoSpec(
            "board",
            f"{w.d}일 서울 중구 {bank} 딜링룸 전광판에 국고채 금리와 환율이 표시돼 있다.",
            "딜링룸 전광판에 금리와 환율 그래프가 표시된 모습",
        )
    body = [
        *opening,
        f"지난달 소비자물가 상승률은 {w.f(1.9, 2.4)}%로 {w.i(3, 7)}개월째 2% 안팎에 머물렀다. "
        "농산물 가격이 안정되고 국제 유가가 내려간 영향이다. 반면 소매판매와 설비투자는 부진한 "
        "흐름을 이어 가고 있다.",
        "시장의 시선은 금리와 환율에 쏠려 있다. 3년 만기 국고채 금리는 기준금리 결정을 앞두고 "
        "먼저 움직이는 경우가 많고, 원·달러 환율이 크게 오르면 통화당국의 선택 폭은 좁아진다.",
        f"{rates_analyst} 연구원은 {said(analyst_q)} 내다봤다.",
        "금리 결정은 가계와 기업의 이자 부담에 직접 영향을 미친다. 변동금리 대출 비중이 높은 "
        "가계는 금리 변화를 비교적 빨리 체감하지만, 예금 이자에 기대는 고령층의 이자 소득은 "
        "줄어들 수 있다.",
    ]
    extras = [h2("시장은 다음 회의에 주목")]
    if gov_q:
        extras.append(blockquote(f"“{gov_q}.”"))
    photos = [
        first_photo,
        PhotoSpec(
            "board",
            f"서울 중구 {bank} 딜링룸에서 직원들이 금리와 환율 흐름을 지켜보고 있다.",
            "딜링룸 모니터와 전광판에 금리와 환율 그래프가 표시된 모습",
        ),
    ]
    return {
        "section": "economy",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": extras,
        "tags": ["기준금리", "금리", "통화정책", "물가", "환율"],
        "labels": labels,
        "photos": photos,
        "topic": "rates",
        "comment_key": comment_key,
    }


def story_apartment_prices(w):
    gu, gu2 = w.r.sample(SEOUL_GU, 2)
    up = w.r.random() < 0.65
    n = world.rising_weeks(w.day, w.today, world.SEOUL_PRICES_RISING_WEEKS)
    jeonse_weeks = world.rising_weeks(w.day, w.today, world.SEOUL_JEONSE_RISING_WEEKS)
    wk = w.f(0.05, 0.35, 2) if up else w.f(0.01, 0.06, 2)
    g1, g2 = w.f(0.2, 0.6, 2), w.f(0.15, 0.5, 2)
    expert = w.researcher("housing")
    if up:
        titles = [
            f"서울 아파트값 {n}주 연속 올라…{gu}·{gu2} 신고가 잇따라",
            f"“매물 나오면 바로 계약”…서울 아파트값 {n}주째 상승",
        ]
        deck = [
            f"이번 주 서울 아파트값 {wk}% 상승",
            f"{gu}({g1}%)·{gu2}({g2}%) 오름폭 커",
            "전셋값도 동반 상승…신규 입주 물량 부족",
        ]
        lead = (
            f"서울 아파트값이 {n}주 연속 오름세를 이어 갔다. 한강변과 도심 업무지구 인근 단지를 "
            "중심으로 매수 문의가 늘면서 신고가 거래도 잇따르고 있다."
        )
        agent_q = (
            "호가를 올려도 집을 보러 오겠다는 문의가 꾸준하다. 다만 매물이 많지 않아 거래가 크게 "
            "늘지는 않고 있다"
        )
    else:
        titles = [
            "금리 부담에 매수세 ‘주춤’…수도권 아파트값 상승 폭 축소",
            "대출 문턱 높아지자 관망세…서울 아파트 거래 ‘뚝’",
        ]
        deck = [
            f"이번 주 서울 아파트값 {wk}% 올라 상승 폭 축소",
            "대출 규제 강화에 매수 문의 줄어",
            "“당분간 관망세 이어질 것”",
        ]
        lead = (
            "수도권 아파트값 상승 폭이 눈에 띄게 줄었다. "
            "대출 규제가 강화되고 금리 부담이 이어지면서 "
            "매수 희망자들이 관망으로 돌아선 영향이다."
        )
        agent_q = "한두 달 전만 해도 집을 보러 오는 사람이 많았는데 요즘은 문의 전화가 뚝 끊겼다"
    body = [
        f"{j(REALTY_INSTITUTE, '이/가')} {w.d}일 "
        "발표한 주간 아파트 가격 동향에 따르면 이번 주 서울 "
        f"아파트 매매가격은 전주보다 {wk}% 올랐다. 자치구별로는 {gu}({g1}%)와 {gu2}({g2}%)의 "
        "상승 폭이 컸다.",
        f"현장 분위기도 달라졌다. {gu}의 한 공인중개사는 {said(agent_q)} 전했다.",
        f"전세 시장도 들썩이고 있다. 서울 아파트 전세가격은 {jeonse_weeks}주째 올랐고, 신규 "
        "입주 물량이 적은 지역을 중심으로 전셋값 상승세가 가파르다.",
        f"{expert}은 “공급 부족 우려가 가격을 떠받치고 있다. 금리와 대출 규제 변화에 따라 "
        "지역별로 흐름이 엇갈릴 가능성이 크다”고 분석했다.",
        "정부는 시장 과열 조짐이 나타나면 추가 대책을 내놓겠다는 입장이다. 일부 지역에 대한 "
        "토지거래허가구역 지정 확대와 대출 규제 강화 등이 거론된다.",
    ]
    extras = [
        h2("이번 주 지역별 아파트값 변동률")
        + ul([f"서울: +{wk}%", f"경기: +{w.f(0.01, 0.15, 2)}%", f"인천: +{w.f(0.0, 0.1, 2)}%"])
    ]
    photos = [
        PhotoSpec(
            "apartments",
            f"{w.d}일 서울 {gu} 일대 아파트 단지 모습.",
            "고층 아파트 단지가 빼곡히 들어선 도심 전경",
        ),
        PhotoSpec(
            "apartments",
            f"서울 {gu2}의 한 아파트 단지 앞으로 차량들이 지나고 있다.",
            "아파트 단지와 가로수가 늘어선 도로 풍경",
        ),
    ]
    return {
        "section": "real-estate",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": extras,
        "tags": ["부동산", "아파트", "집값", "전세", "서울"],
        "labels": ["종합", "분석"],
        "photos": photos,
        "topic": "realestate",
        "comment_key": "apartment-prices",
    }


def story_presale(w):
    # The complex's figures are facts of the world: every article about it gives the same ones.
    home = w.cycle("complex", COMPLEXES)
    builder, site, complex_name = home.builder, home.site, home.name
    homes, applicants = f"{home.households:,}", home.applicants
    ratio = f"{applicants / home.households:.1f}"
    top_ratio, visitors = home.top_ratio, home.visitors
    titles = [
        f"‘{complex_name}’ 1순위 청약에 {applicants:,}명 몰려…평균 {ratio}대 1",
        f"시세보다 싼 분양가에 ‘청약 열기’…{complex_name} 최고 {top_ratio}대 1",
        f"견본주택에 주말 {visitors} 명…‘{complex_name}’ 청약 흥행",
    ]
    deck = [
        f"{homes}가구 모집에 {applicants:,}명 신청",
        "주변 시세보다 분양가 낮아 수요 몰려",
        "당첨자 발표 다음 달…계약은 이후 사흘간",
    ]
    lead = (
        f"{j(builder, '이/가')} {site}에 공급하는 ‘{complex_name}’ 1순위 청약에 {applicants:,}명이 "
        f"몰렸다. {homes}가구 모집에 평균 경쟁률은 {ratio}대 1을 기록했다."
    )
    body = [
        f"{w.d}일 청약 업계에 따르면 전용면적 84㎡ 주택형에서 최고 {top_ratio}대 1의 경쟁률이 "
        "나왔다. 소형 주택형도 대부분 1순위에서 마감됐다.",
        "청약 열기의 배경으로는 분양가가 꼽힌다. 이 단지의 분양가는 주변 신축 아파트 시세보다 "
        "20%가량 낮게 책정돼 ‘시세 차익’을 기대한 수요가 몰렸다는 분석이다. 교통망 확충 계획도 "
        "관심을 끌어올렸다.",
        "앞서 문을 연 견본주택에는 주말 사흘 동안 "
        f"{visitors} 명이 다녀갔다. 방문객들은 단지 모형과 "
        "실내 구성을 꼼꼼히 살피며 상담 창구 앞에 길게 줄을 섰다.",
        f"{builder} 분양 관계자는 “실거주를 원하는 "
        "30·40대 문의가 특히 많았다”며 “계약까지 순조롭게 "
        "마무리될 것으로 기대한다”고 말했다.",
        "다만 지역별 온도 차는 여전하다. 수도권 인기 단지에는 수만 명이 몰리는 반면, 지방에서는 "
        "청약 미달 단지가 속출하고 있다. 한 부동산 전문가는 “입지와 분양가에 따라 청약 시장의 "
        "양극화가 더 뚜렷해질 것”이라고 내다봤다.",
    ]
    photos = [
        PhotoSpec(
            "gallery",
            f"{w.yd}일 {site}에 문을 연 ‘{complex_name}’ 견본주택을 찾은 방문객들이 단지 모형을 "
            "살펴보고 있다.",
            "견본주택 안에서 방문객들이 아파트 단지 모형을 둘러보는 모습",
            f"사진제공={builder}",
        ),
        PhotoSpec(
            "apartments",
            f"‘{complex_name}’ 투시도.",
            "아파트 동들과 조경 공간이 그려진 단지 투시도",
            f"사진제공={builder}",
        ),
    ]
    return {
        "section": "housing",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": [],
        "tags": ["청약", "분양", "아파트", "신도시"],
        "labels": ["종합"],
        "photos": photos,
        "topic": "realestate",
        "comment_key": "presale",
    }


def story_housing_policy(w):
    variant = w.cycle("housing-policy-variant", ["supply", "rebuild"])
    n = w.i(5, 15)
    year = w.y + w.i(2, 4)
    if variant == "supply":
        titles = [
            f"수도권에 {n}만 가구 더 짓는다…정부, 주택 공급 확대 방안 발표",
            "“공급 속도가 관건”…주택 공급 대책에 시장 반응 엇갈려",
        ]
        deck = [
            f"공공택지 추가 지정해 {n}만 가구 공급",
            f"인허가 기간 단축…{year}년까지 착공 목표",
            "“실제 입주까지 시간 걸려” 회의론도",
        ]
        lead = (
            f"정부가 수도권에 {n}만 가구 규모의 주택을 추가로 공급하는 방안을 내놨다. 집값 상승 "
            "기대 심리를 누르려면 충분한 공급 신호가 필요하다는 판단에서다."
        )
        specific = (
            f"정부는 {w.d}일 이런 내용을 담은 ‘주택 공급 확대 방안’을 발표했다. 수도권 외곽에 "
            "공공택지를 새로 지정하고, 도심 역세권의 노후 부지를 활용해 공공주택을 늘리는 것이 "
            f"핵심이다. 인허가 절차를 한꺼번에 처리해 {year}년까지 착공을 마친다는 계획이다."
        )
    else:
        far = w.pick([300, 350, 400])
        titles = [
            f"노후 도심 재건축 문턱 낮춘다…용적률 최대 {far}%까지 허용",
            "재건축 안전진단 사실상 폐지…“도심 공급 속도 높인다”",
        ]
        deck = [
            f"역세권 재건축 용적률 최대 {far}%",
            "안전진단 통과 전에도 사업 착수 허용",
            "공공기여 비율 조정해 사업성 보완",
        ]
        lead = (
            "정부가 노후 도심의 재건축·재개발 문턱을 크게 낮춘다. 도심에서 빠르게 주택을 공급할 "
            "수 있도록 각종 규제를 풀겠다는 것이다."
        )
        specific = (
            f"정부가 {w.d}일 발표한 도심 정비 활성화 방안에 따르면 역세권 재건축 단지는 용적률을 "
            f"최대 {far}%까지 적용받을 수 있다. 안전진단을 통과하지 않아도 조합 설립 등 사업 "
            "절차를 먼저 시작할 수 있게 된다."
        )
    body = [
        specific,
        "정부 관계자는 “공급 계획이 발표에 그치지 않도록 분기마다 진행 상황을 점검해 공개하겠다”며 "
        "“필요하면 추가 부지도 계속 발굴하겠다”고 말했다.",
        "시장 반응은 엇갈린다. 공급 확대 신호 자체가 심리 안정에 도움이 될 것이라는 평가가 있는 "
        "반면, 실제 입주까지 길게는 수년이 걸리는 만큼 당장 집값을 잡기는 어렵다는 지적도 나온다.",
        f"{w.professor('부동산학과')}는 “공사비가 크게 오른 상황에서 "
        "사업성이 뒷받침되지 않으면 계획이 제대로 진행되기 어렵다. 인허가 단축만큼 공사비 부담을 "
        "나누는 방안이 중요하다”고 말했다.",
        "재원 마련도 과제다. 공공주택 공급을 늘리려면 공기업의 부채 부담이 커질 수밖에 없어, "
        "민간 참여를 끌어낼 유인책이 함께 마련돼야 한다는 목소리가 나온다.",
    ]
    extras = [
        h2("주요 추진 일정")
        + ul(
            [
                f"{w.y}년: 후보지 선정과 지구 지정",
                f"{w.y + 1}년: 지구 계획 승인, 보상 착수",
                f"{year}년: 착공",
            ]
        )
    ]
    photos = [
        PhotoSpec(
            "stage",
            f"{w.d}일 정부세종청사에서 열린 브리핑에서 "
            "정부 관계자가 주택 공급 방안을 설명하고 있다.",
            "브리핑룸 단상에서 관계자가 발표 자료를 설명하는 모습",
        ),
        PhotoSpec(
            "apartments",
            "서울 시내의 한 노후 아파트 단지 모습.",
            "오래된 아파트 동들이 늘어선 주거 단지 풍경",
        ),
    ]
    return {
        "section": "policy",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": extras,
        "tags": ["주택공급", "부동산", "재건축", "정책"],
        "labels": ["종합", "분석"],
        "photos": photos,
        "topic": "realestate",
        "comment_key": "housing-policy",
    }


def story_world_markets(w):
    variant = w.cycle("world-markets-variant", ["stocks", "oil", "fx"])
    analyst = w.analyst("global")
    if variant == "stocks":
        up = w.r.random() < 0.6
        nq = w.pct(0.4, 2.8)
        word = "상승" if up else "하락"
        titles = [
            f"뉴욕증시, 기술주 {'반등' if up else '약세'}에 나스닥 {nq} {word}",
            f"물가 지표에 울고 웃는 뉴욕증시…3대 지수 일제히 {word}",
        ]
        deck = [
            f"나스닥 {nq} {word}…반도체주 {'강세' if up else '약세'}",
            "물가 지표 발표 뒤 금리 전망 출렁",
            "국내 증시에도 영향 전망",
        ]
        lead = (
            f"미국 뉴욕증시가 기술주 {'반등' if up else '약세'}에 3대 지수 모두 {word} 마감했다. "
            + (
                "예상보다 낮게 나온 물가 지표가 금리 인하 기대를 키우면서 투자 심리가 개선됐다."
                if up
                else "예상을 웃돈 물가 지표에 금리 인하가 늦어질 수 있다는 우려가 커졌다."
            )
        )
        specific = [
            f"현지시간 {w.yd}일 뉴욕증권거래소(NYSE)에서 다우존스30 산업평균지수는 전 거래일보다 "
            f"{w.pct(0.2, 1.5)}, 스탠더드앤드푸어스(S&P)500지수는 {w.pct(0.3, 2)} {word}했다. "
            f"기술주 중심의 나스닥지수는 {nq} {word}했다.",
            "종목별로는 반도체와 클라우드 관련주의 움직임이 컸다. 인공지능(AI) 서버 수요 전망에 "
            "따라 주요 반도체 설계 기업 주가가 큰 폭으로 출렁였다.",
        ]
        tags = ["뉴욕증시", "나스닥", "반도체", "금리"]
        photo = PhotoSpec(
            "board",
            "미국 뉴욕증권거래소(NYSE) 입회장 모니터에 주요 지수가 표시돼 있다.",
            "거래소 입회장 모니터에 지수 그래프가 표시된 모습",
            "사진=뉴스룸경제 DB",
        )
    elif variant == "oil":
        p = w.f(68, 92, 2)
        pct = w.pct(1.5, 5)
        titles = [
            f"국제유가 {pct} 급등…공급 차질 우려에 배럴당 {p}달러",
            f"산유국 감산 연장 가능성에…WTI 배럴당 {p}달러로 올라",
        ]
        deck = [
            f"WTI {pct} 오른 배럴당 {p}달러",
            "감산 연장 가능성·중동 긴장 겹쳐",
            "항공·해운·석유화학 원가 부담 우려",
        ]
        lead = (
            "국제유가가 큰 폭으로 올랐다. 주요 산유국의 감산 연장 가능성과 중동 지역 긴장이 "
            "겹치면서 공급 차질 우려가 커졌다."
        )
        specific = [
            f"현지시간 {w.yd}일 뉴욕상업거래소에서 서부텍사스산원유(WTI) 선물 가격은 전 거래일보다 "
            f"{pct} 오른 배럴당 {p}달러에 거래를 마쳤다. "
            f"북해산 브렌트유도 {w.pct(1, 4.5)} 상승했다.",
            "유가 상승은 국내 물가와 기업 원가에 부담이 될 수 있다. 특히 항공·해운·석유화학 "
            "업종은 연료비와 원료비 부담이 커질 것으로 보인다. 휘발유 가격도 시차를 두고 오를 "
            "가능성이 크다.",
        ]
        tags = ["국제유가", "원자재", "물가"]
        photo = PhotoSpec(
            "plant",
            "울산의 한 정유 공장 원유 저장 탱크 모습.",
            "정유 공장에 커다란 원유 저장 탱크들이 늘어서 있는 풍경",
            "사진=뉴스룸경제 DB",
        )
    else:
        yen = w.i(148, 162)
        fx = f"{world.close(world.WON_PER_DOLLAR, w.day):,.1f}"
        titles = [
            f"달러 강세에 아시아 통화 ‘흔들’…엔·달러 환율 {yen}엔 돌파",
            f"‘킹달러’ 귀환하나…원·달러 환율 {fx}원 마감",
        ]
        deck = [
            "달러인덱스 한 주 새 상승",
            f"엔·달러 {yen}엔대…원화도 약세",
            "수입 물가 상승 압력 우려",
        ]
        lead = (
            "미국 달러화 가치가 오르면서 아시아 통화가 일제히 약세를 보였다. 미국 경제 지표가 "
            "예상보다 견조하게 나오자 금리 인하가 늦춰질 수 있다는 관측이 힘을 얻었다."
        )
        specific = [
            f"주요 6개 통화 대비 달러 가치를 나타내는 달러인덱스는 한 주 새 {w.pct(0.5, 2)} "
            f"올랐다. 엔·달러 환율은 장중 {yen}엔을 넘어섰고, 원·달러 환율도 {fx}원에 주간 거래를 "
            "마쳤다.",
            "환율 상승은 수출 기업에는 가격 경쟁력을 높이는 요인이지만, 원자재를 들여오는 기업과 "
            "가계에는 부담이다. 수입 물가가 오르면 소비자물가에도 시차를 두고 반영된다.",
        ]
        tags = ["환율", "달러", "엔화"]
        photo = PhotoSpec(
            "board",
            f"{w.d}일 서울 중구 {w.pick(BANKS)} 딜링룸 전광판에 환율이 표시돼 있다.",
            "딜링룸 전광판에 환율 그래프와 숫자가 표시된 모습",
        )
    body = [
        *specific,
        "미국의 한 자산운용사 수석 전략가는 “시장은 여전히 경제 지표 하나하나에 민감하게 반응하고 "
        "있다. 당분간 변동성이 큰 장세가 이어질 것”이라고 말했다.",
        "국내 금융시장도 영향을 받을 전망이다. 해외 변수에 민감한 외국인 투자자들의 매매 방향에 "
        "따라 코스피와 환율이 출렁일 수 있다.",
        f"{analyst} 연구원은 “대외 변수가 커질수록 실적이 확인되는 업종 위주로 보수적으로 대응하는 "
        "것이 좋다”고 조언했다.",
    ]
    return {
        "section": "world-markets",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": [],
        "tags": tags,
        "labels": ["속보", "종합", "분석"],
        "photos": [photo, _board_photo(w)],
        "topic": "global",
        "comment_key": "world-markets-" + variant,
    }


def story_trade(w):
    variant = w.cycle("trade-variant", ["minerals", "survey"])
    institute = w.pick(INSTITUTES)
    expert = w.researcher("trade")
    if variant == "minerals":
        country, mineral = w.cycle("mineral-partner", MINERAL_PARTNERS)
        c = w.pick(SECTORS["battery"]["companies"])
        titles = [
            f"“핵심광물 공급망 함께 지킨다”…한·{country} 경제협력 포럼",
            f"{c}, {country}산 {mineral} 장기 확보…공급망 협력 물꼬",
        ]
        deck = [
            f"양국 기업인 {w.i(15, 40) * 10}여 명 참석",
            f"{mineral} 공동 개발·가공·재활용 협력 논의",
            f"{c}, 현지 광업 기업과 업무협약",
        ]
        lead = (
            f"한국과 {country}의 기업인들이 서울에 모여 핵심광물 공급망 협력 방안을 논의했다. "
            "배터리와 반도체 생산에 꼭 필요한 광물을 안정적으로 확보하려는 국내 기업과, 자원 "
            f"개발에 필요한 자본과 기술을 찾는 {country} 측의 이해관계가 맞아떨어졌다는 평가다."
        )
        specific = [
            f"{w.yd}일 서울 중구 한 호텔에서 열린 ‘한·{country} 경제협력 포럼’에서 참석자들은 "
            f"{mineral} 등 핵심광물의 공동 개발과 가공, 재활용 분야의 협력 가능성을 집중적으로 "
            "논의했다.",
            f"행사에서는 {j(c, '이/가')} 현지 광업 기업과 {mineral} 장기 공급을 위한 "
            "업무협약(MOU)을 맺었다. 협약에 따라 두 회사는 앞으로 5년간 공급 물량과 가격 결정 "
            "방식을 구체화하기로 했다.",
            f"{country} 측 대표단을 이끈 한 무역 관계자는 “원료를 캐내는 데서 그치지 않고 가공까지 "
            "함께할 파트너를 찾고 있다. 한국 기업의 기술력은 매우 매력적”이라고 말했다.",
        ]
        tags = ["공급망", "핵심광물", mineral, "통상"]
        photo = PhotoSpec(
            "stage",
            f"{w.yd}일 서울 중구 한 호텔에서 ‘한·{country} 경제협력 포럼’과 함께 열린 "
            "업무협약식에서 양측 대표들이 협약서를 교환하고 있다.",
            "포럼 무대 위에서 참석자들이 협약서를 주고받는 모습",
            w.pick(["reporter", f"사진제공={c}"]),
        )
    else:
        n = w.i(3, 8) * 100
        p1, p2 = w.i(45, 68), w.i(12, 30)
        titles = [
            f"“관세 장벽 높아지는데”…수출기업 {p1}% ‘대응책 없다’",
            f"보호무역 확산에도…수출기업 10곳 중 {p1 // 10}곳 ‘무방비’",
        ]
        deck = [
            f"{institute}, 수출기업 {n}곳 설문",
            "가장 큰 어려움은 ‘정보 부족’",
            "중소기업일수록 대응 여력 부족",
        ]
        lead = (
            "보호무역 기조가 확산하고 있지만 국내 수출기업 상당수는 뚜렷한 대응책을 마련하지 못한 "
            "것으로 나타났다."
        )
        specific = [
            f"{j(institute, '이/가')} 수출기업 {n}곳을 대상으로 설문조사를 한 결과, 응답 기업의 "
            f"{p1}%가 ‘관세 인상에 대비한 대응책이 없다’고 답했다. 대응책을 마련한 기업 가운데서도 "
            f"생산 거점 이전이나 현지 판매가격 인상을 검토하는 곳은 {p2}%에 그쳤다.",
            "기업들이 꼽은 가장 큰 어려움은 정보 부족이었다. "
            "국가별로 관세 부과 대상과 시점이 수시로 "
            "바뀌다 보니 계획을 세우기 어렵다는 것이다. 중소기업일수록 이런 어려움을 더 크게 "
            "호소했다.",
        ]
        tags = ["통상", "관세", "수출", "보호무역"]
        photo = PhotoSpec(
            "port",
            f"{w.d}일 인천항 컨테이너 부두에서 화물 선적 작업이 이뤄지고 있다.",
            "컨테이너 크레인이 화물선에 컨테이너를 싣는 항만 풍경",
        )
    body = [
        *specific,
        f"{expert}은 “공급망과 통상 환경이 빠르게 바뀌는 만큼 특정 국가나 품목에 "
        "대한 의존도를 낮추는 것이 가장 확실한 대비책”이라고 말했다.",
        "정부도 대응에 나섰다. 정부는 주요 교역국과의 통상 협의 채널을 늘리고, 수출 기업을 위한 "
        "통상 정보 제공과 금융 지원을 확대하겠다는 방침이다.",
    ]
    extras = []
    if variant == "survey":
        extras.append(
            h2("기업들이 꼽은 정부 지원 과제")
            + ul(
                [
                    "국가별 통상 정보 제공 확대",
                    "수출 보험·금융 지원 강화",
                    "대체 시장 발굴을 위한 마케팅 지원",
                ]
            )
        )
    return {
        "section": "global",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": extras,
        "tags": tags,
        "labels": ["종합", "분석", "단독"],
        "photos": [photo, PhotoSpec("port", _port_caption(w), "부두에 쌓인 컨테이너와 크레인")],
        "topic": "global",
        "comment_key": "trade-" + variant,
    }


def _port_caption(w):
    return w.pick(
        [
            f"{w.d}일 부산항 신항 컨테이너 부두에 수출 화물이 쌓여 있다.",
            "경기 평택항 부두에 수출을 앞둔 컨테이너가 쌓여 있다.",
        ]
    )


def story_government(w):
    variant = w.cycle("government-variant", ["small-business", "budget", "tax"])
    prof = w.professor("경제학과")
    if variant == "small-business":
        n = w.i(30, 90)
        amt = w.i(3, 10) * 10
        month = w.m % 12 + 1
        titles = [
            f"소상공인 {n}만 명에 배달·택배비 최대 {amt}만 원 지원…{month}월부터 신청",
            "소상공인 정책자금 상환 최대 5년 연장…경영 부담 완화 방안 발표",
        ]
        deck = [
            "연 매출 3억 원 이하 소상공인 대상",
            "정책자금 상환 기간 최대 5년 연장",
            "폐업 소상공인 재취업·철거비 지원",
        ]
        lead = (
            "정부가 경기 둔화로 어려움을 겪는 소상공인의 배달·택배비 부담을 덜어 주기로 했다. 연 "
            f"매출 3억 원 이하 소상공인 {n}만 명에게 1인당 최대 {amt}만 원을 지원한다."
        )
        specific = [
            f"정부는 {w.d}일 이런 내용을 담은 ‘소상공인 경영 부담 완화 방안’을 발표했다. 지원금은 "
            "배달 앱 중개 수수료와 택배비로 쓸 수 있는 바우처 형태로 지급되며, "
            f"{month}월부터 온라인으로 신청할 수 있다.",
            "이와 함께 정책자금 대출의 상환 기간을 최대 5년 늘리고, 폐업을 고민하는 소상공인에게는 "
            "재취업 교육과 점포 철거비를 지원한다. 전기요금 분할 납부 제도도 연말까지 연장한다.",
            "소상공인 업계는 일단 환영하면서도 지원 규모가 충분하지 않다는 반응이다. 한 소상공인 "
            "단체 관계자는 “배달 수수료 자체를 낮추는 구조적 대책이 함께 나와야 한다”고 말했다.",
        ]
        official_q = (
            "현장의 목소리를 최대한 반영했다. 지원이 필요한 곳에 빠르게 닿을 수 있도록 신청 절차를 "
            "간소화하겠다"
        )
        tags = ["소상공인", "정책", "자영업"]
        policy = "소상공인 지원 방안"
    elif variant == "budget":
        amt = won(w.i(655, 705) * 10000 + w.i(1, 9) * 1000)
        pct = w.pct(2.5, 5)
        titles = [
            f"내년 예산 {amt} 편성…R&D·저출생 대응에 방점",
            f"내년 나라 살림 {pct} 늘린다…“성과 낮은 사업은 과감히 구조조정”",
        ]
        deck = [
            f"총지출 {amt}…올해보다 {pct} 증가",
            "R&D 예산 증가 폭 가장 커",
            "국가채무 비율 상승 우려도",
        ]
        lead = (
            f"정부가 내년 예산을 올해보다 {pct} 늘린 {j(amt, '으로/로')} 편성했다. 연구개발(R&D)과 "
            "저출생 대응 예산을 크게 늘리는 대신, 성과가 낮은 사업은 과감히 줄였다."
        )
        specific = [
            f"정부는 {w.d}일 국무회의를 열고 이런 내용의 내년도 예산안을 의결했다. 분야별로는 R&D "
            f"예산이 {w.pct(8, 15)} 늘어 증가 폭이 가장 컸고, 출산·육아 지원을 포함한 저출생 대응 "
            f"예산도 {w.pct(5, 12)} 늘었다.",
            "반면 집행 실적이 저조하거나 비슷한 사업이 겹치는 분야는 구조조정 대상이 됐다. 정부는 "
            f"이를 통해 {w.i(15, 28)}조 원 규모의 지출을 줄였다고 설명했다.",
            "재정 건전성 우려도 나온다. 세수 여건이 넉넉하지 않은 상황에서 지출이 늘면서 국가채무 "
            "비율이 다시 높아질 수 있다는 지적이다.",
        ]
        official_q = "미래 성장 동력과 민생 안정에 재원을 집중했다"
        tags = ["예산", "재정", "R&D", "저출생"]
        policy = "내년도 예산안"
    else:
        limit = w.pick([600, 800, 1000])
        titles = [
            "중소기업 가업승계 세 부담 던다…세법 개정안 발표",
            f"가업상속공제 한도 {limit}억 원으로 확대…투자 세액공제도 늘린다",
        ]
        deck = [
            f"가업상속공제 한도 최대 {limit}억 원",
            "국내 설비투자 세액공제율 한시 상향",
            "“세수 감소 우려” 지적도",
        ]
        lead = (
            "정부가 중소·중견기업의 가업승계 부담을 덜고, 투자를 늘리는 기업에 세제 혜택을 주는 "
            "방향으로 세법을 고친다."
        )
        specific = [
            f"정부가 {w.d}일 발표한 세법 개정안에 따르면 가업상속공제 대상 기업의 매출 기준이 "
            f"완화되고 공제 한도도 최대 {limit}억 원으로 늘어난다. 국내 설비투자를 늘린 기업에는 "
            "투자액의 일부를 법인세에서 빼 주는 세액공제율을 한시적으로 높인다.",
            "세수 감소를 걱정하는 목소리도 적지 않다. 일각에서는 자산가의 세 부담만 덜어 주는 "
            "감세라는 비판도 나온다. 개정안은 국회 논의 과정에서 일부 수정될 가능성이 있다.",
        ]
        official_q = "기업이 국내에서 오래 사업하고 투자할 수 있는 환경을 만드는 데 초점을 맞췄다"
        tags = ["세법", "가업승계", "중소기업", "세제"]
        policy = "세법 개정안"
    body = [
        *specific,
        f"정부 관계자는 {said(official_q)} 설명했다.",
        f"{prof}는 “단기 지원도 필요하지만 결국은 생산성을 높이는 방향으로 정책의 무게중심을 "
        "옮겨야 한다”고 지적했다.",
        "정부는 관계 부처 합동으로 후속 조치를 마련하고, 시행 이후 효과를 점검해 보완 대책을 "
        "내놓겠다는 계획이다.",
    ]
    photos = [
        PhotoSpec(
            "stage",
            f"{w.d}일 정부세종청사에서 열린 브리핑에서 정부 관계자가 {j(policy, '을/를')} 설명하고 "
            "있다.",
            "브리핑룸 단상에서 관계자가 정책을 설명하는 모습",
        ),
    ]
    if variant == "small-business":
        photos.append(
            PhotoSpec(
                "market",
                f"{w.d}일 서울 시내 한 먹자골목에서 상인들이 손님을 맞을 준비를 하고 있다.",
                "작은 가게들이 늘어선 골목에서 상인들이 영업을 준비하는 모습",
            )
        )
    else:
        photos.append(
            PhotoSpec(
                "skyline",
                "세종시 정부세종청사 일대 전경.",
                "넓은 녹지 사이로 관공서 건물들이 늘어선 풍경",
            )
        )
    return {
        "section": "policy",
        "titles": titles,
        "deck": deck,
        "lead": lead,
        "body": body,
        "extras": [],
        "tags": tags,
        "labels": ["종합", "속보"],
        "photos": photos,
        "topic": "policy",
        "comment_key": "government-" + variant,
    }


def story_interview(w):
    if w.cycle("interview-guest", ["economist", "founder", "founder"]) == "economist":
        return _interview_economist(w)
    st = w.cycle("startup-interview", STARTUPS)
    c = st["name"]
    ceo = world.officer(c, "대표")
    gu, founded, staff = st["office"], st["founded"], st["staff"]
    opening = (
        f"“{st['motto']}.” {ceo} {c} 대표는 {w.yd}일 서울 {gu} 본사에서 가진 인터뷰에서 "
        f"회사의 목표를 이렇게 설명했다. {j(c, '은/는')} {st['field']} 분야에서 빠르게 이름을 "
        "알리고 있는 스타트업이다."
    )
    if w.cycle("founder-style", ["field", "insider"]) == "field":
        blocks = [
            opening,
            h2("“현장에서 문제를 찾았다”"),
            f"{founded}년 회사를 세운 {ceo[0]} 대표는 창업 계기를 묻자 “책상 앞이 아니라 "
            "현장에서 문제를 발견했다”고 답했다. 그는 “고객이 매일 겪는 불편을 직접 보고 나니 이 "
            "문제를 풀면 사업이 되겠다는 확신이 들었다”고 말했다.",
            st["about"],
            h2("“사람이 가장 큰 자산”"),
            f"현재 직원은 {staff}여 명으로 절반 이상이 개발 인력이다. {ceo[0]} 대표는 “좋은 "
            "인재를 데려오는 것이 가장 어렵고도 중요한 일”이라며 “회사가 성장하는 만큼 구성원도 "
            "같이 클 수 있는 문화를 만들려고 한다”고 했다.",
            blockquote("“규모를 키우는 것보다 고객이 떠나지 않는 제품을 만드는 것이 먼저입니다.”"),
            "해외 진출 계획도 구체화하고 있다. 우선 일본과 동남아시아에서 현지 협력사와 함께 "
            "시범 사업을 진행하고, 성과를 확인한 뒤 유럽 시장 문을 두드린다는 구상이다.",
            "창업을 준비하는 후배들에게는 “완벽한 때를 기다리지 말라”고 조언했다. "
            f"{ceo[0]} 대표는 “작게 시작해 빨리 배우는 것이 결국 가장 빠른 길”이라고 강조했다.",
        ]
        deck = ["“좋은 인재가 가장 큰 자산”", "일본·동남아 시범 사업 후 유럽 진출 구상"]
    else:
        blocks = [
            opening,
            st["about"],
            h2("“회사 안에서 본 비효율을 풀고 싶었다”"),
            f"창업 전 대기업에서 10년 가까이 일했다는 {ceo[0]} 대표는 “회사 안에서 반복해서 "
            "마주친 비효율을 직접 풀어 보고 싶었다”며 창업 배경을 설명했다. 처음 2년은 고객사 한 "
            "곳을 설득하는 데만 몇 달씩 걸릴 만큼 고전했다고 한다.",
            "전환점은 첫 대형 고객이었다. 시범 도입 석 달 만에 눈에 띄는 비용 절감 효과가 "
            "확인되자 같은 업종의 다른 기업들에서도 문의가 이어졌다. 매출은 최근 2년 동안 해마다 "
            "두 배 가까이 늘었다.",
            h2("“태도가 곧 문화”"),
            f"직원은 {staff}여 명이다. {ceo[0]} 대표는 “채용 면접에서 실력만큼 중요하게 보는 "
            "것은 고객 이야기를 끝까지 듣는 태도”라며 “작은 회사일수록 한 사람 한 사람의 태도가 "
            "회사 문화가 된다”고 말했다.",
            blockquote("“기술은 결국 사람의 하루를 얼마나 편하게 만드느냐로 평가받습니다.”"),
            "후배 창업가들에게는 “투자 유치 자체를 목표로 삼지 말라”고 당부했다. "
            f"{ceo[0]} 대표는 “돈은 고객의 문제를 푸는 데 필요한 연료일 뿐”이라고 했다.",
        ]
        deck = ["대기업 10년 경험 살려 창업", "“투자 유치 자체가 목표가 돼선 안 돼”"]
    return {
        "section": "smes",
        "titles": [f"{ceo} {c} 대표 “{st['motto']}”"],
        "deck": [f"{founded}년 창업…직원 {staff}여 명", *deck],
        "blocks": blocks,
        "tags": ["인터뷰", "스타트업", st["tag"]],
        "labels": ["인터뷰"],
        "fixed_label": True,
        "photos": [
            PhotoSpec(
                "portrait",
                f"{ceo} {c} 대표가 {w.yd}일 서울 {gu} 본사에서 본지와 인터뷰하고 있다.",
                "사무실에서 인터뷰 중인 대표의 모습",
            ),
            PhotoSpec(
                "stage",
                f"{c} 직원들이 서울 {gu} 본사에서 제품 개발 회의를 하고 있다.",
                "회의실 화면 앞에 직원들이 모여 있는 모습",
                f"사진제공={c}",
            ),
        ],
        "topic": "startup",
        "comment_key": "interview-founder",
    }


def _interview_economist(w):
    institute = w.cycle("institute-interview", INSTITUTES)
    head, name = world.INSTITUTE_HEADS[institute]
    gu = "영등포구"  # every institute has its offices in Yeouido
    growth = w.pick(["1%대 후반", "2% 안팎", "1%대 중반"])
    blocks = [
        "“경기는 바닥을 지나고 있지만, 회복의 온기가 골고루 퍼지기까지는 시간이 걸릴 겁니다.” "
        f"{w.yd}일 서울 {gu} 집무실에서 만난 {name} {institute} {head}은 내년 한국 경제를 "
        "이렇게 내다봤다. 수출은 반도체를 중심으로 버티고 있지만, 소비와 건설투자가 살아나지 "
        "않으면 체감 경기는 쉽게 나아지기 어렵다는 진단이다.",
        h2("“수출만으로는 한계”"),
        f"{name[0]} {head}은 내년 경제성장률을 {j(growth, '으로/로')} 예상했다. "
        "그는 “반도체 업황이 좋아도 그 효과가 고용과 소비로 이어지는 고리가 예전보다 "
        "약해졌다”며 “수출 대기업의 성과가 "
        "협력업체와 지역 경제로 퍼지도록 하는 정책이 필요하다”고 강조했다.",
        "가계부채 문제에는 신중한 태도를 보였다. 그는 “금리를 내리면 이자 부담은 줄지만 집값을 "
        "자극해 빚이 다시 늘어날 수 있다”며 “통화정책과 대출 규제가 엇박자를 내지 않도록 "
        "정교하게 조합해야 한다”고 말했다.",
        h2("“고령화는 이미 시작된 미래”"),
        "인구 구조 변화는 가장 큰 장기 과제로 꼽았다. 일하는 사람이 줄어드는 만큼 고령층과 여성의 "
        "경제활동 참여를 늘리고, 인공지능(AI)을 활용해 생산성을 끌어올려야 한다는 것이다.",
        blockquote(
            "“위기는 한 번에 오지 않습니다. 작은 신호를 놓치지 않는 것이 정책의 역할입니다.”"
        ),
        f"{name[0]} {head}은 인터뷰 말미에 “비관도 "
        "낙관도 경계해야 할 시기”라며 “기업과 가계가 예측할 "
        "수 있는 정책을 꾸준히 펴는 것이 무엇보다 중요하다”고 말했다.",
    ]
    return {
        "section": "economy",
        "titles": [
            f"{name} {institute} {head} “내년 성장률 {growth}…내수 회복이 관건”",
            f"{name} {institute} {head} “수출 온기, 내수로 번지게 해야”",
            f"“비관도 낙관도 경계할 때”…{name} {institute} {head}이 본 내년 경제",
        ],
        "deck": [
            f"내년 성장률 {growth} 전망",
            "“수출 성과가 고용·소비로 이어지는 고리 약해져”",
            "“통화정책·대출 규제 엇박자 없어야”",
        ],
        "blocks": blocks,
        "tags": ["인터뷰", "경제전망", "성장률", "가계부채"],
        "labels": ["인터뷰"],
        "fixed_label": True,
        "photos": [
            PhotoSpec(
                "portrait",
                f"{name} {institute} {head}이 {w.yd}일 서울 {gu} 집무실에서 본지와 "
                "인터뷰하고 있다.",
                f"책장이 있는 집무실에서 인터뷰 중인 {head}의 모습",
            ),
        ],
        "topic": "general",
        "comment_key": "interview-economist",
    }


def story_reportage(w):
    variant = w.cycle("reportage-variant", ["market", "logistics", "shipyard"])
    gu = w.gu()
    s1, s2, s3 = w.r.sample(SURNAMES, 3)
    if variant == "market":
        blocks = [
            f"{w.yd}일 오후 서울 {gu}의 한 전통시장. 점심시간이 지났는데도 골목은 한산했다. 채소 "
            "가게 앞에 멈춰 선 손님들은 가격표를 한참 들여다보다가 빈손으로 발길을 돌리기 "
            "일쑤였다.",
            f"30년째 이곳에서 채소를 팔고 있다는 {s1}모(64)씨는 “배추 한 포기 값이 지난해보다 훌쩍 "
            "뛰니 손님들이 한 통 살 것을 반 통만 사 간다”며 “물건을 떼 오는 값도 올라 남는 게 "
            "거의 없다”고 한숨을 쉬었다.",
            f"건너편 정육점 사정도 비슷했다. 주인 {s2}모(57)씨는 “예전에는 주말이면 줄을 서서 "
            "기다렸는데, 요즘은 대형마트 할인 행사가 있는 날이면 손님이 눈에 띄게 줄어든다”고 "
            "말했다.",
            "실제로 먹거리 물가는 좀처럼 진정되지 않고 "
            "있다. 지난달 신선식품 물가지수는 1년 전보다 "
            f"{w.pct(5, 14)} 올라 전체 소비자물가 상승률을 크게 웃돌았다. 기후 변화로 작황이 "
            "들쭉날쭉해진 데다 인건비와 물류비까지 오른 탓이다.",
            "상인들은 손님을 다시 불러 모으려 안간힘을 쓰고 있다. 시장 상인회는 이달부터 배달 "
            "서비스를 도입하고 주차 공간을 넓혔다. 지역 화폐 할인 판매 같은 소비 촉진책이 늘어나길 "
            "바라는 목소리도 컸다.",
            f"장을 보러 나온 주부 {s3}모(45)씨는 “마트보다 싼 물건도 있어서 일부러 시장을 찾았다”"
            "면서도 “예전처럼 장바구니를 가득 채우기는 어렵다”고 말했다.",
        ]
        titles = [
            "“구경만 하고 발길 돌려요”…고물가에 한숨 깊은 전통시장",
            f"배추 반 통, 사과 두 알…서울 {gu} 전통시장 가 보니",
        ]
        deck = [
            "신선식품 물가 상승에 손님 발길 뜸해져",
            "상인들 “물건 떼 오는 값도 올라 남는 게 없다”",
            "배달 도입·주차장 확대로 손님 잡기 안간힘",
        ]
        photos = [
            PhotoSpec(
                "market",
                f"{w.yd}일 서울 {gu}의 한 전통시장 골목이 한산한 모습을 보이고 있다.",
                "차양이 늘어선 전통시장 골목과 진열된 과일·채소",
            ),
            PhotoSpec(
                "market",
                f"{w.yd}일 서울 {gu}의 한 전통시장에서 상인이 채소를 정리하고 있다.",
                "채소와 과일 상자가 쌓인 가게 앞에서 상인이 일하는 모습",
            ),
        ]
        tags = ["전통시장", "물가", "소비", "자영업"]
        section, topic = "economy", "consumer"
    elif variant == "logistics":
        c = w.pick(RETAILERS)
        center = world.officer(c, "물류센터장")
        blocks = [
            f"{w.yd}일 경기 이천시에 있는 {c} 스마트 물류센터. 축구장 {w.i(5, 12)}개 크기의 창고 "
            "안에서 주황색 로봇 수백 대가 바닥에 그려진 격자를 따라 쉴 새 없이 움직이고 있었다. "
            "로봇이 상품이 담긴 선반을 통째로 들어 올려 작업대 앞으로 가져오면, 작업자는 화면에 "
            "표시된 상품을 꺼내 상자에 담기만 하면 됐다.",
            f"이곳에서 하루에 처리하는 주문은 약 {w.i(8, 30)}만 "
            "건이다. 로봇을 들이기 전과 비교하면 "
            "처리 물량은 두 배 가까이 늘었지만, 작업자가 하루에 걷는 거리는 3분의 1 수준으로 "
            "줄었다는 게 회사 측 설명이다.",
            "포장 공정에도 자동화가 적용됐다. 인공지능(AI)이 "
            "상품의 크기와 무게를 분석해 가장 알맞은 "
            "상자를 골라 주고, 완충재 양까지 자동으로 조절한다. 과대 포장을 줄이면서 포장재 비용도 "
            "크게 아낄 수 있게 됐다.",
            f"센터 운영을 총괄하는 {center} 센터장은 “로봇이 사람을 대체하는 것이 아니라 사람이 더 "
            "가치 있는 일을 하도록 돕는 것이 목표”라며 “무거운 짐을 드는 일이 줄면서 작업자들의 "
            "만족도도 높아졌다”고 말했다.",
            "다만 초기 투자 비용은 부담이다. 업계에서는 중소 물류업체들이 자동화 흐름에서 뒤처지지 "
            "않도록 공동 물류센터 구축 등 정책 지원이 필요하다는 목소리가 나온다.",
        ]
        titles = [f"로봇이 선반 나르고 AI가 상자 고르고…{c} 스마트 물류센터 가 보니"]
        deck = [
            "로봇 수백 대가 선반 통째로 옮겨",
            "처리 물량 두 배로…작업자 이동 거리는 3분의 1",
            "“중소 물류업체 자동화 지원도 필요”",
        ]
        photos = [
            PhotoSpec(
                "assembly",
                f"{w.yd}일 경기 이천시 {c} 스마트 물류센터에서 로봇들이 상품 선반을 옮기고 있다.",
                "물류센터 바닥을 따라 로봇과 선반이 줄지어 움직이는 모습",
            ),
            PhotoSpec(
                "assembly",
                f"{c} 물류센터 포장 라인에서 상자들이 컨베이어 벨트를 따라 이동하고 있다.",
                "컨베이어 벨트 위로 포장 상자들이 이동하는 모습",
                f"사진제공={c}",
            ),
        ]
        tags = ["물류", "로봇", "자동화", "유통"]
        section, topic = "industry", "industry"
    else:
        ship = w.pick(SECTORS["ship"]["companies"])
        blocks = [
            f"{w.yd}일 경남 거제의 {ship} 조선소. 높이 "
            "100m가 넘는 골리앗 크레인 아래로 거대한 선박 "
            "블록이 천천히 옮겨지고 있었다. 도크 곳곳에서는 용접 불꽃이 튀었고, 안벽에는 인도를 "
            "앞둔 액화천연가스(LNG) 운반선이 마무리 작업을 받고 있었다.",
            f"조선업계는 모처럼 호황을 맞았다. {j(ship, '은/는')} 앞으로 3년 치 일감을 이미 "
            "확보했다. 친환경 연료를 쓰는 고부가가치 선박 주문이 늘면서 선박 가격도 꾸준히 올랐다.",
            "문제는 일손이다. 조선소 관계자는 “수주는 넘치는데 숙련된 용접공과 도장공을 구하기가 "
            "하늘의 별 따기”라며 “외국인 근로자 비중이 해마다 높아지고 있다”고 말했다.",
            "회사는 인력난을 줄이려고 용접 로봇과 자동 도장 설비 도입을 늘리고 있다. 사내 "
            "기술교육원을 통해 신입 인력을 직접 길러 내는 프로그램도 운영 중이다.",
            f"전문가들은 지금의 호황을 기술 경쟁력을 키우는 기회로 삼아야 한다고 조언한다. "
            f"{w.professor('조선해양공학과')}는 “경쟁국들이 빠르게 추격하고 "
            "있다. 자율운항 선박과 무탄소 추진 기술에서 격차를 벌려야 지금의 호황이 이어질 수 "
            "있다”고 말했다.",
        ]
        titles = [
            f"“일감은 3년 치, 일손은 부족”…{ship} 조선소 가 보니",
            f"용접 불꽃 꺼지지 않는 도크…호황 맞은 {ship} 조선소의 고민",
        ]
        deck = [
            "친환경 선박 주문 늘며 3년 치 일감 확보",
            "숙련 인력 부족…외국인 근로자 비중 높아져",
            "용접 로봇·자동 도장 설비로 인력난 대응",
        ]
        photos = [
            PhotoSpec(
                "port",
                f"{w.yd}일 경남 거제 {ship} 조선소에서 건조 중인 LNG 운반선 모습.",
                "대형 크레인 아래 건조 중인 선박이 정박해 있는 조선소",
            ),
            PhotoSpec(
                "assembly",
                f"{ship} 조선소 작업장에서 용접 로봇이 선박 블록을 용접하고 있다.",
                "작업장 안에서 로봇 팔이 철판 구조물을 작업하는 모습",
                f"사진제공={ship}",
            ),
        ]
        tags = ["조선", "인력난", "LNG선", "수주"]
        section, topic = "industry", "industry"
    return {
        "section": section,
        "titles": titles,
        "deck": deck,
        "blocks": blocks,
        "tags": tags,
        "labels": ["르포"],
        "fixed_label": True,
        "photos": photos,
        "topic": topic,
        "comment_key": "reportage-" + variant,
    }


STORY_TYPES = {
    "earnings": story_earnings,
    "investment": story_investment,
    "exports": story_exports,
    "funding": story_funding,
    "retail": story_retail,
    "export-fair": story_export_fair,
    "stocks": story_stocks,
    "bank-rates": story_bank_rates,
    "cards": story_cards,
    "base-rate": story_base_rate,
    "apartment-prices": story_apartment_prices,
    "presale": story_presale,
    "housing-policy": story_housing_policy,
    "world-markets": story_world_markets,
    "trade": story_trade,
    "government": story_government,
    "interview": story_interview,
    "reportage": story_reportage,
}


# --------------------------------------------------------------------------------------------
# Assembling one article
# --------------------------------------------------------------------------------------------


def schedule(rng, count):
    """Story types for `count` articles: every type once per round, shuffled each round."""
    kinds = []
    while len(kinds) < count:
        round_ = list(STORY_TYPES)
        rng.shuffle(round_)
        kinds.extend(round_)
    return kinds[:count]


class Repeats(Exception):
    """The story would print a lead, a key paragraph or a fixed layout that another article
    printed already (two stories on one month's figures), or has too few paragraphs left
    that none printed: write another kind instead."""


def write_story(kind, rng, when, rotation, used_titles=None, today=None, used=None):
    """Write one article of the given story type, published (or dated) `when` (local time).

    `today` is the day the demo is loaded (default: `when`'s day); it anchors the calendar of
    policy-rate meetings, so every article states the rate in force on its own day.

    `used` (a set, filled in here) holds the deck lines, paragraphs and extras printed by the
    articles written before: none is printed twice. Deck lines and pool paragraphs already
    used are passed over; a lead, key paragraph or fixed layout already used, or a pool with
    fewer than two paragraphs left, raises Repeats.
    """
    used = set() if used is None else used
    w = Writer(rng, when, rotation, today or when.date())
    raw = STORY_TYPES[kind](w)
    if "blocks" in raw:
        mandatory = [b for b in raw["blocks"] if not b.startswith("<")]
    else:
        mandatory = [raw["lead"], raw["body"][0]]
    if any(text in used for text in mandatory):
        raise Repeats(kind)
    # Past the lead and key paragraph, at least two more not printed before (four in all).
    pool = [p for p in raw.get("body", [])[1:] if p not in used]
    if "blocks" not in raw and len(pool) < 2:
        raise Repeats(kind)
    titles = list(raw["titles"])
    rng.shuffle(titles)
    title = titles[0]
    if used_titles is not None:
        title = next((t for t in titles if t not in used_titles), title)
        used_titles.add(title)

    fresh_deck = [line for line in raw["deck"] if line not in used]
    deck = w.some(fresh_deck, 0, 4) if rng.random() < 0.85 else []

    if "blocks" in raw:  # a fixed layout (interview, reportage)
        printed = list(mandatory)
        blocks = [b if b.startswith("<") else f"<p>{escape(b)}</p>" for b in raw["blocks"]]
    else:
        # The lead, the key paragraph, then 2–6 more from the pool, keeping their order.
        body = [raw["body"][0], *w.some(pool, 2, 6)]
        printed = [raw["lead"], *body]
        blocks = [f"<p>{escape(p)}</p>" for p in printed]
        extras = [extra for extra in raw["extras"] if extra not in used]
        if extras and rng.random() < 0.5:
            extra = rng.choice(extras)
            blocks.insert(rng.randint(2, len(blocks) - 1), extra)
            printed.append(extra)
    used.update(deck, printed)
    paragraphs = sum(1 for b in blocks if b.startswith("<p>"))

    if raw.get("fixed_label"):
        label = raw["labels"][0]
    else:
        label = rng.choice(raw["labels"]) if rng.random() < 0.45 else ""

    tags = w.some(raw["tags"], 2, 4)

    # The first photo sits at the top, others after distinct paragraphs further down.
    specs = raw["photos"]
    count = min(len(specs), rng.choice([1, 1, 2, 2, 3]))
    photos = [specs[0], *rng.sample(specs[1:], count - 1)] if count > 1 else [specs[0]]
    # Photo N goes after block N; only after a paragraph, and never after the last block.
    after = [n for n in range(2, len(blocks)) if blocks[n - 1].startswith("<p>")]
    spots = sorted(rng.sample(after, min(len(photos) - 1, len(after))))
    placed = []
    for index, spec in enumerate(photos[: len(spots) + 1]):
        placement = 0 if index == 0 else spots[index - 1]
        placed.append(
            PhotoSpec(spec.kind, spec.caption, spec.alt, spec.credit, placement=placement)
        )

    return Story(
        kind=kind,
        section=raw["section"],
        title=title,
        label=label,
        deck=deck,
        body="".join(blocks),
        paragraphs=paragraphs,
        tags=tags,
        photos=placed,
        topic=raw["topic"],
        fixed_label=bool(raw.get("fixed_label")),
        comment_key=raw["comment_key"],
    )
