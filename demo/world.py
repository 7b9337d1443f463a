"""The demo's fictional world: its sections and reporters, companies, people and facts.

Every company, person, institute and number here is invented. Facts that several articles
state (who the central bank governor is, the policy rate on a given day, who chairs a council,
how many homes a complex has, who said what) are written once here, and the stories only format
them in, so two articles cannot contradict each other.
"""

import math
import random
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

# --------------------------------------------------------------------------------------------
# Sections and reporters
# --------------------------------------------------------------------------------------------

# (slug, name, order, parent slug)
SECTIONS = [
    ("economy", "경제", 1, None),
    ("finance", "금융", 2, None),
    ("industry", "산업", 3, None),
    ("real-estate", "부동산", 4, None),
    ("global", "글로벌경제", 5, None),
    ("policy", "정책", 6, None),
    ("stocks", "증권", 1, "finance"),
    ("banking", "은행·카드", 2, "finance"),
    ("tech", "전자·IT", 1, "industry"),
    ("smes", "중기·벤처", 2, "industry"),
    ("housing", "분양·청약", 1, "real-estate"),
    ("world-markets", "국제시황", 1, "global"),
]

REPORTERS = [
    {
        "name": "한지우",
        "slug": "han-jiwoo",
        "hair": "short",
        "handle": "jiwoo_han",
        "desk": "산업부",
        "color": (38, 99, 168),
        "bio": "반도체와 배터리, 자동차 등 제조업 현장을 취재합니다. "
        "숫자 뒤에 있는 공장과 사람의 이야기를 전하려 합니다.",
    },
    {
        "name": "오채원",
        "slug": "oh-chaewon",
        "hair": "long",
        "handle": "chaewon_oh",
        "desk": "산업부",
        "color": (196, 84, 60),
        "bio": "유통·소비재와 중소기업, 스타트업을 맡고 있습니다. "
        "장바구니 물가부터 창업 현장까지 발로 뛰며 씁니다.",
    },
    {
        "name": "윤서하",
        "slug": "yoon-seoha",
        "hair": "long",
        "handle": "seoha_yoon",
        "desk": "금융부",
        "color": (46, 140, 110),
        "bio": "은행·증권·카드 등 금융권을 취재합니다. 독자의 지갑에 닿는 금융 뉴스를 씁니다.",
    },
    {
        "name": "강도윤",
        "slug": "kang-doyoon",
        "hair": "short",
        "handle": "doyoon_kang",
        "desk": "부동산부",
        "color": (128, 82, 160),
        "bio": "부동산 시장과 주택 정책을 취재합니다. "
        "청약과 전·월세 등 실수요자에게 필요한 정보를 전합니다.",
    },
    {
        "name": "백하린",
        "slug": "baek-harin",
        "hair": "long",
        "handle": "harin_baek",
        "desk": "국제경제부",
        "color": (214, 150, 40),
        "bio": "국제 금융시장과 통상, 공급망 이슈를 다룹니다. "
        "세계 경제의 흐름이 우리 생활에 미치는 영향을 풀어 씁니다.",
    },
    {
        "name": "문태오",
        "slug": "moon-taeo",
        "hair": "short",
        "handle": "taeo_moon",
        "desk": "경제정책부",
        "color": (70, 80, 96),
        "bio": "거시경제와 재정·통화 정책을 취재합니다. 정책 발표의 행간을 꼼꼼히 읽겠습니다.",
    },
]

# Which reporters (indexes into REPORTERS) cover which section.
BEATS = {
    "economy": [5],
    "policy": [5, 3],
    "finance": [2],
    "stocks": [2],
    "banking": [2],
    "industry": [0, 1],
    "tech": [0],
    "smes": [1],
    "real-estate": [3],
    "housing": [3],
    "global": [4],
    "world-markets": [4],
}

# --------------------------------------------------------------------------------------------
# Invented names: companies, institutes, people
# --------------------------------------------------------------------------------------------

SURNAMES = "김이박최정강조윤장임한오서신권황안송홍전고문손배백허남노하곽성차주우민유진"
GIVEN_NAMES = [
    "민준",
    "서연",
    "도현",
    "지훈",
    "수빈",
    "예린",
    "준호",
    "하은",
    "성민",
    "유진",
    "태윤",
    "나연",
    "현우",
    "지민",
    "승현",
    "다은",
    "재원",
    "소율",
    "정훈",
    "은서",
    "동혁",
    "채은",
    "상우",
    "혜진",
    "경민",
    "아름",
    "진우",
    "보람",
    "형준",
    "세영",
    "민재",
    "윤아",
    "건우",
    "가영",
    "시우",
    "수아",
    "영훈",
    "미정",
    "재석",
    "희정",
]

SECTORS = {
    "semi": {
        "companies": ["해솔반도체", "라온세미콘", "빛가람칩스"],
        "section": "tech",
        "driver": "고대역폭메모리(HBM)와 서버용 D램",
        "short": "AI 메모리",
        "product": "차세대 반도체 패키징",
        "site": "경기 화성",
        "photo": "cleanroom",
        "tags": ["반도체", "AI", "메모리"],
        "capex": (20000, 60000),
    },
    "battery": {
        "companies": ["다온에너지", "청람배터리", "누리셀"],
        "section": "industry",
        "driver": "에너지저장장치(ESS)와 전기차용 배터리",
        "short": "ESS",
        "product": "원통형 배터리 셀",
        "site": "충북 오창",
        "photo": "assembly",
        "tags": ["배터리", "2차전지", "전기차"],
        "capex": (10000, 30000),
    },
    "auto": {
        "companies": ["가람모터스", "한울자동차"],
        "section": "industry",
        "driver": "하이브리드차와 대형 SUV",
        "short": "하이브리드",
        "product": "전기차 구동 부품",
        "site": "울산",
        "photo": "assembly",
        "tags": ["자동차", "하이브리드", "수출"],
        "capex": (5000, 15000),
    },
    "platform": {
        "companies": ["이음플랫폼", "바로링크"],
        "section": "tech",
        "driver": "검색 광고와 간편결제",
        "short": "광고",
        "product": "AI 데이터센터",
        "site": "경기 성남시 판교",
        "photo": "skyline",
        "tags": ["플랫폼", "IT", "AI"],
        "capex": (3000, 9000),
    },
    "ship": {
        "companies": ["동녘중공업", "바다누리조선"],
        "section": "industry",
        "driver": "액화천연가스(LNG) 운반선",
        "short": "LNG선",
        "product": "친환경 선박 블록",
        "site": "경남 거제",
        "photo": "port",
        "tags": ["조선", "LNG선", "수주"],
        "capex": (3000, 8000),
    },
    "food": {
        "companies": ["솔가람식품", "여울푸드"],
        "section": "industry",
        "driver": "냉동 간편식과 소스류",
        "short": "K-푸드",
        "product": "수출용 냉동 간편식",
        "site": "충남 천안",
        "photo": "plant",
        "tags": ["K-푸드", "식품", "수출"],
        "capex": (1000, 3000),
    },
}

STARTUPS = [
    {
        "name": "도담로보틱스",
        "office": "성동구",  # 서울 …구 본사
        "founded": 2019,
        "staff": 140,
        "field": "물류 로봇",
        "tag": "로봇",
        "what": "물류센터용 자율주행 로봇",
        "motto": "창고에서 사람이 걷는 거리를 절반으로 줄이겠다",
        "about": "도담로보틱스는 물류센터 안에서 상품 선반을 통째로 옮기는 자율주행 로봇을 만든다. "
        "작업자가 넓은 창고를 걸어 다니며 물건을 찾는 대신 로봇이 선반을 작업자 앞까지 "
        "가져다주는 방식이다. 도입 고객사의 출고 처리 속도가 평균 두 배 이상 빨라졌다는 게 "
        "회사 측 설명이다.",
    },
    {
        "name": "씨앗바이오",
        "office": "송파구",  # 서울 …구 본사
        "founded": 2020,
        "staff": 60,
        "field": "대체 단백질",
        "tag": "푸드테크",
        "what": "세포 배양 방식의 대체 단백질",
        "motto": "식탁 위의 선택지를 하나 더 늘리겠다",
        "about": "씨앗바이오는 동물 세포를 배양해 고기와 비슷한 식감의 단백질을 만드는 기술을 "
        "갖고 있다. 배양에 필요한 배지 비용을 기존의 10분의 1 수준으로 낮춘 것이 핵심 "
        "경쟁력으로 꼽힌다.",
    },
    {
        "name": "모아핀",
        "office": "마포구",  # 서울 …구 본사
        "founded": 2018,
        "staff": 190,
        "field": "소상공인 핀테크",
        "tag": "핀테크",
        "what": "소상공인 매출 정산 서비스",
        "motto": "사장님 통장에 매출 대금이 하루라도 빨리 들어가게 하겠다",
        "about": "모아핀은 카드 매출 대금이 들어오기까지 며칠씩 기다려야 하는 소상공인에게 "
        "대금을 먼저 지급하고 나중에 정산받는 서비스를 운영한다. 이 서비스를 쓰는 가맹 "
        "소상공인은 4만 곳을 넘어섰다.",
    },
    {
        "name": "결이랩스",
        "office": "강남구",  # 서울 …구 본사
        "founded": 2021,
        "staff": 80,
        "field": "AI 번역",
        "tag": "AI",
        "what": "기업용 인공지능(AI) 번역 솔루션",
        "motto": "기업 문서의 언어 장벽을 없애겠다",
        "about": "결이랩스는 계약서나 기술 문서처럼 전문 용어가 많은 기업 문서를 빠르게 번역하는 "
        "AI 솔루션을 제공한다. 고객사마다 쓰는 용어집을 따로 학습해 번역 품질을 높이는 것이 "
        "특징이다.",
    },
    {
        "name": "하람에이아이",
        "office": "영등포구",  # 서울 …구 본사
        "founded": 2019,
        "staff": 110,
        "field": "제조 AI",
        "tag": "스마트공장",
        "what": "AI 비전 검사 솔루션",
        "motto": "불량 하나까지 잡아내는 공장의 눈이 되겠다",
        "about": "하람에이아이는 생산 라인에 설치한 카메라로 제품을 찍어 미세한 흠집이나 조립 "
        "불량을 실시간으로 찾아내는 솔루션을 개발했다. 자동차 부품과 2차전지 공장 등 "
        "120여 곳의 제조 현장에 도입됐다.",
    },
]

VENTURE_FUNDS = [
    "누리벤처스",
    "다온인베스트먼트",
    "마중물파트너스",
    "새싹캐피탈",
    "물결벤처파트너스",
]
BANKS = ["새봄은행", "하늬은행", "푸른들은행"]
BROKERS = ["한결증권", "두레투자증권", "마루증권"]
CARDS = ["단비카드", "늘봄카드"]
RETAILERS = ["온솔리테일", "미르마트", "바로장터"]
INSTITUTES = ["새길경제연구원", "다솜경제연구소", "누리미래연구원"]
UNIVERSITIES = ["한누리대", "새벽대", "가온대"]
REALTY_INSTITUTE = "새터부동산연구소"
EXPORT_COUNCIL = "중소수출기업협의회"
SEOUL_GU = [
    "강남구",
    "서초구",
    "송파구",
    "마포구",
    "성동구",
    "용산구",
    "영등포구",
    "동작구",
    "강동구",
    "양천구",
    "노원구",
    "광진구",
]
PLANT_REGIONS = [
    "충북 청주",
    "경북 구미",
    "울산",
    "전북 새만금",
    "충남 당진",
    "전남 광양",
    "경남 창원",
]
FAIR_CITIES = [
    ("베트남", "호찌민"),
    ("인도네시아", "자카르타"),
    ("폴란드", "바르샤바"),
    ("아랍에미리트(UAE)", "두바이"),
    ("멕시코", "멕시코시티"),
]
MINERAL_PARTNERS = [
    ("호주", "리튬"),
    ("칠레", "리튬"),
    ("인도네시아", "니켈"),
    ("캐나다", "흑연"),
    ("카자흐스탄", "텅스텐"),
]

# --------------------------------------------------------------------------------------------
# People who are quoted or named. Each holds one post, and each post has one holder.
# --------------------------------------------------------------------------------------------

CENTRAL_BANK = "중앙은행"
GOVERNOR = "채윤겸"
EXPORT_COUNCIL_CHAIR = "방선우"

# Securities analysts by beat: (firm, name). A quote about a beat is always its analyst's.
ANALYSTS = {
    "semi": ("한결증권", "여태민"),
    "battery": ("두레투자증권", "금나래"),
    "auto": ("마루증권", "석진혁"),
    "platform": ("한결증권", "편다솜"),
    "ship": ("두레투자증권", "탁윤호"),
    "food": ("마루증권", "어수정"),
    "market": ("한결증권", "길도훈"),
    "global": ("마루증권", "봉서린"),
    "rates": ("두레투자증권", "추하람"),
}

# Research fellows by topic: (institute, title, name).
RESEARCHERS = {
    "exports": ("새길경제연구원", "연구위원", "예상훈"),
    "credit": ("다솜경제연구소", "선임연구위원", "위소연"),
    "housing": ("누리미래연구원", "수석연구원", "진보경"),
    "trade": ("누리미래연구원", "선임연구위원", "모경태"),
}

# The head of each institute: (title, name).
INSTITUTE_HEADS = {
    "새길경제연구원": ("원장", "엄기석"),
    "다솜경제연구소": ("소장", "육승아"),
    "누리미래연구원": ("원장", "염지완"),
}

# Professors by department: (university, name).
PROFESSORS = {
    "소비자학과": ("한누리대", "나은채"),
    "경영학과": ("새벽대", "구민성"),
    "부동산학과": ("가온대", "변재율"),
    "경제학과": ("한누리대", "도경린"),
    "조선해양공학과": ("새벽대", "함태준"),
}

# Company officers are cast once from the name lists, in a fixed order, never two alike.
OFFICER_ROLES = [
    *(
        (company, role)
        for s in SECTORS.values()
        for company in s["companies"]
        for role in ("CFO", "사장")
    ),
    *((startup["name"], "대표") for startup in STARTUPS),
    *((retailer, role) for retailer in RETAILERS for role in ("상품본부장", "물류센터장")),
    ("모아페이", "대표"),
]


def _named():
    return {
        GOVERNOR,
        EXPORT_COUNCIL_CHAIR,
        *(spec["name"] for spec in REPORTERS),
        *(name for _, name in ANALYSTS.values()),
        *(name for _, _, name in RESEARCHERS.values()),
        *(name for _, name in INSTITUTE_HEADS.values()),
        *(name for _, name in PROFESSORS.values()),
    }


def _cast():
    # Kept out of the cast: names a reader might remember from the old, contradictory demo.
    taken = _named() | {"안혜진", "홍세영"}
    names = [s + g for s in SURNAMES for g in GIVEN_NAMES if s + g not in taken]
    random.Random("newsroom-demo-cast").shuffle(names)
    return dict(zip(OFFICER_ROLES, names, strict=False))


OFFICERS = _cast()


def officer(company, role):
    return OFFICERS[(company, role)]


# Everyone the stories name in full: the consistency tests attribute quotes to them.
PEOPLE = frozenset(_named() | set(OFFICERS.values()))

# --------------------------------------------------------------------------------------------
# Apartment complexes on sale: one fixed household count and first-round result each
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Complex:
    builder: str
    name: str
    site: str
    households: int  # homes offered in the first round
    applicants: int
    top_ratio: str  # the best-subscribed unit type, applicants per home
    visitors: str  # model house visitors over the opening weekend


COMPLEXES = [
    Complex(
        "푸른숲건설",
        "푸른숲 센트럴파크 동탄",
        "경기 화성시 동탄2신도시",
        1184,
        41200,
        "87.3",
        "3.2만",
    ),
    Complex("대양토건", "대양 리버하임 검단", "인천 서구 검단신도시", 736, 9800, "31.6", "1.8만"),
    Complex(
        "새터종합건설", "새터 에코시티 이문", "서울 동대문구 이문동", 452, 38600, "212.4", "4.1만"
    ),
    Complex(
        "푸른숲건설", "푸른숲 센트럴파크 수원", "경기 수원시 팔달구", 918, 12400, "40.8", "2.3만"
    ),
    Complex("대양토건", "대양 리버하임 도안", "대전 유성구 도안동", 603, 5300, "19.7", "1.5만"),
]

# --------------------------------------------------------------------------------------------
# The policy rate over time
# --------------------------------------------------------------------------------------------

# The rate set at each policy meeting, oldest first: a slow easing path (holds and cuts only,
# the two decisions the base-rate story has words for). Meetings fall every six weeks on a
# Thursday; the newest is the last Thursday at least three days before the demo is loaded, so the
# path always ends in the demo's present (and covers a 100,000-article archive).
RATE_DECISIONS = (3.50, 3.50, 3.25, 3.25, 3.25, 3.00, 3.00, 2.75, 2.75, 2.75, 2.50)
MEETING_EVERY = timedelta(weeks=6)


@dataclass(frozen=True)
class Meeting:
    day: object  # datetime.date
    rate: float  # set at this meeting, in force from this day
    previous: float

    @property
    def decision(self):
        if self.rate < self.previous:
            return "cut"
        return "hike" if self.rate > self.previous else "hold"


@lru_cache
def meetings(today):
    """The policy meetings up to `today` (the day the demo is loaded), oldest first."""
    last = today - timedelta(days=3)
    last -= timedelta(days=(last.weekday() - 3) % 7)
    first = last - MEETING_EVERY * (len(RATE_DECISIONS) - 1)
    held, previous = [], RATE_DECISIONS[0]
    for index, rate in enumerate(RATE_DECISIONS):
        held.append(Meeting(first + MEETING_EVERY * index, rate, previous))
        previous = rate
    return tuple(held)


def next_meeting(today):
    return meetings(today)[-1].day + MEETING_EVERY


def meeting_before(day, today):
    """The latest meeting on or before `day`, or None before the first one."""
    held = [m for m in meetings(today) if m.day <= day]
    return held[-1] if held else None


def base_rate_on(day, today):
    """The policy rate in force on `day`."""
    meeting = meeting_before(day, today)
    return meeting.rate if meeting else RATE_DECISIONS[0]


def rate_text(rate):
    return f"연 {rate:.2f}%"


# --------------------------------------------------------------------------------------------
# Markets and housing by calendar day
# --------------------------------------------------------------------------------------------

# Closing levels: invented smooth curves of the calendar day, so that two articles about the same
# day agree and consecutive days move by plausible amounts. (level, ((amplitude, period), ...))
KOSPI = (2650, ((180, 47), (60, 11.3), (25, 3.1), (14, 1.7)))
KOSDAQ = (800, ((60, 39), (15, 5.3), (8, 1.9)))
WON_PER_DOLLAR = (1355, ((45, 53), (8, 6.1), (4, 2.3)))


def close(series, day):
    level, waves = series
    t = day.toordinal()
    return round(level + sum(a * math.sin(t / period) for a, period in waves), 2)


# Seoul apartment prices have risen every week since this many weeks before the demo's present,
# and jeonse (lease deposit) prices for longer.
SEOUL_PRICES_RISING_WEEKS = 70
SEOUL_JEONSE_RISING_WEEKS = 90


def rising_weeks(day, today, weeks):
    """How many weekly surveys in a row have risen by `day` (at least 2 in the demo's span)."""
    start = today - timedelta(weeks=weeks)
    return max(2, (day - start).days // 7 + 1)


# --------------------------------------------------------------------------------------------
# Monthly trade figures
# --------------------------------------------------------------------------------------------


def export_month(year, month):
    """The fixed random source of a month's trade figures: every article about the month draws
    the same numbers from it. Its first draw says whether exports rose."""
    return random.Random(f"exports {year}-{month:02d}")


def exports_rose(year, month):
    return export_month(year, month).random() < 0.75


def export_run(year, month):
    """(rose, months): whether exports rose in the month, and for how many months in a row."""
    rose, months = exports_rose(year, month), 1
    while months < 36:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        if exports_rose(year, month) != rose:
            break
        months += 1
    return rose, months


# The footer's 발행 정보 (articles.models.Publisher): a fictional paper's details. The 등록번호
# uses zeros and the address a street that does not exist, so no real registry entry is named.
PUBLISHER = {
    "registration": "서울 아00000 (등록일 2026.01.05)",
    "publisher": "여도윤",
    "editor": "남궁서진",
    "youth_officer": "표하람",
    "address": "서울특별시 중구 가상로 100 뉴스룸경제빌딩",
    "contact": "02-000-0000 · desk@newsroom.example",
}
