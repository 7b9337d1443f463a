"""`manage.py load_demo`: demo content that is complete, consistent, hidden where it must be.

The consistency tests read the demo as a reader would (the text of every article) and check it
against the facts in `demo.world`. Uploaded files go to a temporary MEDIA_ROOT (autouse fixture
in conftest.py).
"""

import itertools
import random
import re
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import Count, F, Max, Min, Q, Sum
from django.utils import timezone
from django.utils.html import strip_tags

from articles.body import split_blocks
from articles.models import (
    Article,
    ArticleReporter,
    Comment,
    CuratedBox,
    DailyViews,
    Photo,
    Reaction,
    Reporter,
    Section,
)
from demo import comments, korean, stories, world


def load_demo(*args, stderr=None):
    out = StringIO()
    call_command("load_demo", *args, stdout=out, stderr=stderr or StringIO())
    return out.getvalue()


def assert_counters_match_rows():
    """Every article's reaction, comment and view counters equal its rows."""
    # One relation per query: joining several at once would multiply the counts.
    reactions = Article.objects.annotate(
        **{
            f"n_{kind.value}": Count("reactions", filter=Q(reactions__kind=kind.value))
            for kind in Reaction.Kind
        },
    )
    for article in reactions:
        for kind in Reaction.Kind:
            assert getattr(article, kind.counter_field) == getattr(article, f"n_{kind.value}")
    comments = Article.objects.annotate(
        n_visible=Count("comments", filter=Q(comments__status=Comment.Status.VISIBLE))
    )
    for article in comments:
        assert article.comment_count == article.n_visible, article.pk
    for article in Article.objects.annotate(n_views=Sum("daily_views__views", default=0)):
        assert article.view_count == article.n_views, article.pk


def snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (Section, Reporter, Article, ArticleReporter, Photo, Reaction, Comment)
    }


@pytest.mark.django_db
def test_load_demo_fills_an_empty_site():
    output = load_demo()
    assert "Demo content loaded" in output
    now = timezone.now()

    # Sections: at least five top-level ones with ASCII slugs, and some sub-sections.
    top = Section.objects.filter(parent=None)
    assert top.count() >= 5
    assert Section.objects.filter(parent__isnull=False).exists()
    assert all(re.fullmatch(r"[a-z-]+", s.slug) for s in Section.objects.all())

    # Six reporters with a handle, a desk, a bio and a drawn profile picture.
    reporters = list(Reporter.objects.all())
    assert len(reporters) == 6
    for reporter in reporters:
        assert re.fullmatch(r"[a-z]+_[a-z]+", reporter.handle)
        assert reporter.email == f"{reporter.handle}@newsroom.example"
        assert reporter.desk and reporter.bio
        assert reporter.photo and default_storage.exists(reporter.photo.name)

    # Forty public articles, each with a byline and captioned photos.
    public = Article.objects.published(now).prefetch_related("photos", "bylines", "tags")
    assert public.count() >= 40
    for article in public:
        assert article.bylines.all(), article.title
        photos = list(article.photos.all())
        assert 1 <= len(photos) <= 3, article.title
        assert photos[0].placement == 0
        for photo in photos:
            assert photo.caption and photo.alt
            assert not photo.caption.startswith("▲")
            assert photo.credit_text
            assert photo.renditions and photo.width == 1200
        assert 2 <= len(article.tags.all()) <= 4
        assert len(article.deck_lines) <= 4
        paragraphs = [b for b in split_blocks(article.body) if b.startswith("<p>")]
        assert 4 <= len(paragraphs) <= 8, article.title
        assert article.published_at <= now
    titles = list(public.values_list("title", flat=True))
    assert len(set(titles)) == len(titles)
    labelled = public.exclude(label="").count()
    assert 10 <= labelled <= 30
    assert public.exclude(video_url="").count() == 5

    # Drafts and the article scheduled for tomorrow exist but are not public.
    drafts = Article.objects.filter(status=Article.Status.DRAFT)
    scheduled = Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
    assert drafts.count() == 2
    assert scheduled.count() == 1
    hidden = {a.pk for a in drafts} | {a.pk for a in scheduled}
    assert not Article.objects.published(now).filter(pk__in=hidden).exists()

    # Reaction counters match the reaction rows exactly.
    assert Reaction.objects.count() > 0
    counted = Article.objects.annotate(
        **{
            f"n_{kind.value}": Count("reactions", filter=Q(reactions__kind=kind.value))
            for kind in Reaction.Kind
        }
    )
    for article in counted:
        for kind in Reaction.Kind:
            assert getattr(article, kind.counter_field) == getattr(article, f"n_{kind.value}")

    # comment_count is the number of visible comments, replies included.
    visible = Comment.objects.filter(status=Comment.Status.VISIBLE)
    assert visible.filter(parent=None).exists()
    assert visible.filter(parent__isnull=False).exists()
    counted = Article.objects.annotate(
        n_visible=Count("comments", filter=Q(comments__status=Comment.Status.VISIBLE))
    )
    for article in counted:
        assert article.comment_count == article.n_visible
    for comment in Comment.objects.select_related("article", "parent"):
        assert len(comment.body) <= 300
        assert comment.article.published_at < comment.created_at <= now
        if comment.parent:
            assert comment.parent.created_at < comment.created_at
            assert comment.parent.parent_id is None
        identify_hasher(comment.password)  # a real hash, not a plain password
    assert not check_password("", Comment.objects.first().password)  # (slow by design: once)

    # The curated boxes hold five different public articles each.
    for slug in (CuratedBox.TOP_NEWS, CuratedBox.NEWS_PLANT):
        box = CuratedBox.objects.get(slug=slug)
        picked = [slot.article_id for slot in box.slots.all()]
        assert len(picked) == len(set(picked)) == 5
        assert Article.objects.published(now).filter(pk__in=picked).count() == 5
    assert CuratedBox.objects.get(slug=CuratedBox.TOP_NEWS).name == "주요뉴스"
    assert CuratedBox.objects.get(slug=CuratedBox.NEWS_PLANT).name == "뉴스발전소"

    # Views are kept per day for the last 30 days; each public article's counter is their sum.
    assert_counters_match_rows()
    today = timezone.localdate(now)
    days = DailyViews.objects.aggregate(first=Min("day"), last=Max("day"))
    assert days["last"] <= today
    assert (today - days["first"]).days < 30
    assert not DailyViews.objects.filter(article__in=hidden).exists()
    assert public.filter(view_count__gt=0).count() == public.count()


@pytest.mark.django_db
def test_second_run_creates_nothing():
    load_demo("--articles", "1")
    before = snapshot()
    output = load_demo()
    assert output.strip() == "Demo content already present; nothing to do."
    assert snapshot() == before


@pytest.mark.django_db
def test_large_archive_is_bulk_loaded(monkeypatch):
    # Small transactions, so that several batches (and progress redraws) happen at this size.
    monkeypatch.setattr("demo.builder.BULK_BATCH", 50)
    progress = StringIO()
    output = load_demo("--articles", "200", stderr=progress)
    public = Article.objects.published()
    assert public.count() == 200
    # A progress bar redrawn in place on stderr, ending at the archive's size.
    bar = progress.getvalue()
    assert bar.count("\r") >= 2
    assert "160/160 100.0%" in bar and bar.endswith("\n")
    assert "/s" in bar
    assert "Demo content loaded" in output and "Archive" not in output

    # About ten reactions and two comments per archive article (the 160 older than the
    # illustrated three weeks), every counter on every article equal to its rows.
    archive = timezone.now() - timedelta(days=21)
    assert public.filter(published_at__lt=archive).count() == 160
    reactions = Reaction.objects.filter(article__published_at__lt=archive).count()
    comments = Comment.objects.filter(article__published_at__lt=archive).count()
    assert 7 * 160 <= reactions <= 13 * 160
    assert 1.5 * 160 <= comments <= 2.6 * 160
    assert Comment.objects.filter(status=Comment.Status.HIDDEN).exists()
    assert_counters_match_rows()
    assert DailyViews.objects.exists()
    # Archive articles are spread over the month before the newest three weeks, every
    # (sub-)section holds a few, and comments come after publication.
    oldest = public.order_by("published_at").first().published_at
    assert (timezone.now() - oldest).days >= 30
    for section in Section.objects.filter(articles__isnull=False).distinct():
        assert public.filter(section=section).count() >= 3
    late = Comment.objects.filter(created_at__lte=F("article__published_at"))
    assert not late.exists()
    assert not public.filter(bylines__isnull=True).exists()
    # Every time to the second, as the change form shows it: a desk save moves none.
    times = Article.objects.exclude(published_at=None).values_list("published_at", flat=True)
    assert {moment.microsecond for moment in times} == {0}
    # Bulk articles reuse photo files drawn for the first forty; every file exists.
    for name in set(Photo.objects.values_list("image", flat=True)):
        assert default_storage.exists(name)
    assert Photo.objects.values("article").distinct().count() > 100


@pytest.mark.django_db
def test_no_paragraph_or_deck_line_is_in_two_articles():
    """Each demo article is its own writing: no deck line and no paragraph of one is found word
    for word in another (drafts and the scheduled one included)."""
    load_demo()
    where = {}  # text -> the first article that printed it
    repeated = []
    for article in Article.objects.order_by("pk"):
        deck = [line.strip() for line in article.deck.splitlines() if line.strip()]
        paragraphs = [
            " ".join(strip_tags(p).split()) for p in re.findall(r"<p>(.*?)</p>", article.body, re.S)
        ]
        for text in {*deck, *paragraphs}:
            first = where.setdefault(text, article.pk)
            if first != article.pk:
                repeated.append((first, article.pk, text))
    assert repeated == []
    assert len(where) > 200  # the demo really was read


def test_an_investment_deck_names_its_line_once():
    """“전기차 전용 구동 부품 전용 라인”: the product's own name must not repeat the deck's word."""
    when = timezone.make_aware(datetime(2025, 3, 14, 9, 30))
    rng, rotation = random.Random(5), {}
    decks = [
        line
        for _ in range(len(world.SECTORS))
        for line in stories.STORY_TYPES["investment"](
            stories.Writer(rng, when, rotation, when.date())
        )["deck"]
    ]
    assert [line for line in decks if line.count("전용") > 1] == []


def test_stories_are_deterministic():
    when = timezone.make_aware(datetime(2025, 3, 14, 9, 30))

    def titles(seed):
        rng, rotation = random.Random(seed), {}
        return [
            stories.write_story(kind, rng, when, rotation).title
            for kind in stories.schedule(rng, len(stories.STORY_TYPES))
        ]

    assert titles(1) == titles(1)
    assert titles(1) != titles(2)


def test_korean_particles():
    assert korean.j("해솔반도체", "은/는") == "해솔반도체는"
    assert korean.j("라온세미콘", "은/는") == "라온세미콘은"
    assert korean.j("582억 달러", "으로/로") == "582억 달러로"
    assert korean.j("1조2000억 원", "으로/로") == "1조2000억 원으로"
    assert korean.said("수출이 늘었다") == "“수출이 늘었다”고"
    assert korean.said("우리의 답", "며") == "“우리의 답”이라며"
    assert korean.won(12000) == "1조2000억 원"


# --------------------------------------------------------------------------------------------
# One consistent fictional world
# --------------------------------------------------------------------------------------------

GOVERNOR_NAME = re.compile(r"(?<![가-힣])([가-힣]{3}) (?:중앙은행 )?총재")
COUNCIL_CHAIR = re.compile(r"(?<![가-힣])([가-힣]{3}) (\S*협의회) ?회?장")
# A policy rate: 2.50% but not the 0.25%p (or 0.25%포인트) step.
RATE = re.compile(r"(?<![\d.])(\d\.\d\d)%(?!p|포인트)")
QUOTE = re.compile(r"“([^”]+)”")
HOUSEHOLDS = re.compile(r"(\d[\d,]*)가구 모집")
COMPLEX_NAME = re.compile(r"‘([^’]+)’ 1순위 청약")
KOSPI_CLOSE = re.compile(
    r"(?<![\d,])(\d,\d{3}\.\d\d)(?!\d)"
)  # 2,654.31 (no other figure has this form)
WON_PER_DOLLAR = re.compile(r"(?<![\d,])(\d,\d{3}\.\d)원")
PRICES_RISING = re.compile(r"서울 아파트값 (\d+)주 ?(?:연속|째)")
JEONSE_RISING = re.compile(r"전세가격은 (\d+)주째")
EXPORTS = re.compile(r"지난달 수출액은 (\d+)억 달러")
EARNINGS = re.compile(
    r"([가-힣]+?)(?:은|는) \d+일 공시를 통해 (\d분기) 연결 기준 (매출 [^,]+, 영업이익 \S+)"
)


def reader_text(article):
    """What a reader sees of an article, as plain text blocks: title, deck, body, captions."""
    blocks = [article.title, *article.deck_lines]
    blocks += [" ".join(strip_tags(b).split()) for b in split_blocks(article.body)]
    blocks += [photo.caption for photo in article.photos.all()]
    return [b for b in blocks if b]


def story_text(story):
    blocks = [story.title, *story.deck]
    blocks += [" ".join(strip_tags(b).split()) for b in split_blocks(story.body)]
    blocks += [photo.caption for photo in story.photos]
    return blocks


def check_rates(blocks, day, today):
    """Every statement of the policy rate gives the rate in force on `day` (or, describing a cut,
    the rate before it); returns the rates stated."""
    in_force = world.base_rate_on(day, today)
    meeting = world.meeting_before(day, today)
    allowed = {f"{in_force:.2f}", f"{meeting.previous if meeting else in_force:.2f}"}
    stated = set()
    for block in blocks:
        for sentence in re.split(r"(?<=[.…])\s+|…", block):
            if "기준금리" in sentence:
                stated |= set(RATE.findall(sentence))
    assert stated <= allowed, (day, stated, allowed, blocks[0])
    return stated


def quote_speakers(blocks):
    """(quote, speaker) for each quote whose speaker is named in full before it in its block."""
    found = []
    for block in blocks:
        start = 0
        for match in QUOTE.finditer(block):
            before = block[start : match.start()]
            named = [(before.rfind(n), n) for n in world.PEOPLE if n in before]
            if named:
                found.append((match.group(1), max(named)[1]))
            start = match.end()
    return found


def check_markets(text, day, today):
    """Index levels, the exchange rate and price streaks are the world's for that day."""
    kospi = f"{world.close(world.KOSPI, day):,.2f}"
    assert set(KOSPI_CLOSE.findall(text)) <= {kospi}, (day, text[:80])
    won = f"{world.close(world.WON_PER_DOLLAR, day):,.1f}"
    assert set(WON_PER_DOLLAR.findall(text)) <= {won}, (day, text[:80])
    weeks = world.rising_weeks(day, today, world.SEOUL_PRICES_RISING_WEEKS)
    assert set(PRICES_RISING.findall(text)) <= {str(weeks)}, (day, text[:80])
    weeks = world.rising_weeks(day, today, world.SEOUL_JEONSE_RISING_WEEKS)
    assert set(JEONSE_RISING.findall(text)) <= {str(weeks)}, (day, text[:80])
    return bool(KOSPI_CLOSE.search(text) or PRICES_RISING.search(text))


def assert_one_world(texts, days, today):
    """The checks a reader could make across articles; `texts` and `days` are parallel."""
    governors, chairs, said_by = set(), {}, {}
    households, complexes = {}, {}
    rates, market_days, exports, results = set(), 0, {}, {}
    for blocks, day in zip(texts, days, strict=True):
        text = "\n".join(blocks)
        assert "{" not in text and "}" not in text, blocks[0]  # nothing left unformatted
        last_month = (day.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
        for amount in EXPORTS.findall(text):
            exports.setdefault(last_month, set()).add(amount)
        for company, quarter, figures in EARNINGS.findall(text):
            year = day.year if quarter != "4분기" or day.month > 3 else day.year - 1
            results.setdefault((company, year, quarter), set()).add(figures)
        market_days += check_markets(text, day, today)
        governors |= set(GOVERNOR_NAME.findall(text))
        for name, council in COUNCIL_CHAIR.findall(text):
            chairs.setdefault(council, set()).add(name)
        rates |= check_rates(blocks, day, today)
        for quote, speaker in quote_speakers(blocks):
            said_by.setdefault(quote, set()).add(speaker)
        counts = set(HOUSEHOLDS.findall(text))
        names = set(COMPLEX_NAME.findall(text))
        if counts or names:
            assert len(counts) == len(names) == 1, blocks[0]
            (count,), (name,) = counts, names
            households.setdefault(count, set()).add(name)
            complexes.setdefault(name, set()).add(count)
    assert governors <= {world.GOVERNOR}, governors
    assert all(len(names) == 1 for names in chairs.values()), chairs
    assert {name for names in chairs.values() for name in names} <= {world.EXPORT_COUNCIL_CHAIR}
    shared = {quote: names for quote, names in said_by.items() if len(names) > 1}
    assert not shared, shared
    assert all(len(names) == 1 for names in households.values()), households
    assert all(len(counts) == 1 for counts in complexes.values()), complexes
    assert all(len(amounts) == 1 for amounts in exports.values()), exports
    assert all(len(figures) == 1 for figures in results.values()), results
    return {
        "governors": governors,
        "chairs": chairs,
        "quotes": said_by,
        "households": households,
        "rates": rates,
        "market_days": market_days,
        "export_months": len(exports),
        "company_quarters": len(results),
    }


@pytest.mark.django_db
def test_the_demo_is_one_consistent_world():
    today = timezone.localdate()
    load_demo()
    articles = list(Article.objects.prefetch_related("photos").order_by("pk"))
    days = [timezone.localdate(a.published_at) if a.published_at else today for a in articles]
    found = assert_one_world([reader_text(a) for a in articles], days, today)
    # Not vacuous: the loaded demo names people and quotes them.
    assert len(found["quotes"]) >= 20


def test_stories_agree_with_the_world_on_every_day():
    """A year of stories of the kinds that state shared facts, written as the archive is."""
    today = timezone.localdate()
    rng, rotation = random.Random(7), {}
    texts, days = [], []
    kinds = ["base-rate", "presale", "export-fair", "bank-rates", "earnings", "investment"]
    kinds += ["stocks", "apartment-prices", "world-markets", "exports"]
    for offset in range(0, 400, 2):
        day = today - timedelta(days=offset)
        when = timezone.make_aware(datetime(day.year, day.month, day.day, 11, 0))
        for kind in kinds:
            texts.append(story_text(stories.write_story(kind, rng, when, rotation, today=today)))
            days.append(day)
    found = assert_one_world(texts, days, today)
    assert found["governors"] == {world.GOVERNOR}
    assert found["chairs"] == {world.EXPORT_COUNCIL: {world.EXPORT_COUNCIL_CHAIR}}
    assert len(found["households"]) == len(world.COMPLEXES)
    # The year shows the rate path, not one rate.
    assert len(found["rates"]) >= 3
    assert found["market_days"] >= 200
    assert found["export_months"] >= 12
    assert found["company_quarters"] >= 20


def test_the_rate_path_is_dated():
    today = datetime(2026, 11, 26).date()
    held = world.meetings(today)
    assert all(m.day.weekday() == 3 for m in held)
    assert held[-1].day < today - timedelta(days=2) < held[-1].day + world.MEETING_EVERY
    assert world.next_meeting(today) > today + timedelta(days=1)
    for before, after in itertools.pairwise(held):
        assert after.previous == before.rate
        assert world.base_rate_on(after.day - timedelta(days=1), today) == before.rate
        assert world.base_rate_on(after.day, today) == after.rate
    assert world.base_rate_on(held[0].day - timedelta(days=90), today) == world.RATE_DECISIONS[0]


def test_the_world_casts_each_post_once():
    named = [world.GOVERNOR, world.EXPORT_COUNCIL_CHAIR, *world.OFFICERS.values()]
    named += [name for _, name in world.ANALYSTS.values()]
    named += [name for _, _, name in world.RESEARCHERS.values()]
    named += [name for _, name in world.INSTITUTE_HEADS.values()]
    named += [name for _, name in world.PROFESSORS.values()]
    named += [spec["name"] for spec in world.REPORTERS]
    assert len(named) == len(set(named))
    assert len(world.OFFICERS) == len(world.OFFICER_ROLES)
    counts = [c.households for c in world.COMPLEXES]
    assert len(counts) == len(set(counts))


def test_comment_threads_are_unique_and_answer_their_comment():
    texts = [text for body, replies in comments.all_threads() for text in (body, *replies)]
    assert len(texts) == len(set(texts))
    assert all(len(text) <= 300 for text in texts)
    # Every story's comment key has threads written for it.
    rng, rotation = random.Random(3), {}
    when = timezone.make_aware(datetime(2025, 3, 14, 9, 30))
    for kind in stories.schedule(rng, 5 * len(stories.STORY_TYPES)):
        story = stories.write_story(kind, rng, when, rotation)
        assert story.comment_key in comments.THREADS, story.comment_key


@pytest.mark.django_db
def test_demo_comments_are_distinct_and_replies_answer_their_parent():
    load_demo()
    bodies = list(Comment.objects.values_list("body", flat=True))
    assert len(bodies) >= 30
    assert len(bodies) == len(set(bodies))
    pairs = {(body, reply) for body, replies in comments.all_threads() for reply in replies}
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent")
    assert replies.count() >= 5
    for reply in replies:
        assert (reply.parent.body, reply.body) in pairs, reply.body
        assert reply.nickname != reply.parent.nickname
