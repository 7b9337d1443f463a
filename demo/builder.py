"""Writes the demo into the database: sections, reporters, articles, photos, reactions,
comments, daily views and the curated boxes.

The first ILLUSTRATED articles are created one by one with freshly drawn photos and comment
threads; any further archive articles are bulk-inserted, reusing the drawn photo files
(100,000 articles: about 1.5 minutes on SQLite).
"""

import math
import random
import secrets
import time
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles import search
from articles.models import (
    Article,
    ArticleReporter,
    Comment,
    CuratedBox,
    CuratedSlot,
    DailyViews,
    Photo,
    Publisher,
    Reaction,
    Reporter,
    Section,
)
from articles.photos import article_photo_path, make_renditions
from demo import stories, world
from demo.comments import NICKNAMES, PENDING_COMMENT, threads_for
from demo.drawing import draw_avatar, draw_photo

ILLUSTRATED = 40  # articles that get drawn photos, reactions and comments
BATCH = 500
BULK_BATCH = 2000  # archive articles per transaction (with their reactions, comments and views)
VIEW_DAYS = 30  # DailyViews rows cover this many days, today included


class DemoBuilder:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        # To the second, as the change form shows a time: a desk save leaves it as it is.
        self.now = timezone.now().replace(microsecond=0)
        self.today = timezone.localdate(self.now)  # anchors the world's policy-rate calendar
        self.used_threads = set()  # comment threads already posted: each is used once
        self.rotation = {}
        self.used_titles = set()
        self.used_texts = set()  # deck lines and paragraphs printed: none twice (write_story)
        self.sections = {}
        self.reporters = []
        self.drawn = {}  # photo kind → saved Photo rows whose files bulk articles may reuse
        self.counts = dict.fromkeys(
            (
                "sections",
                "reporters",
                "photos",
                "reactions",
                "comments",
                "daily_views",
                "published",
            ),
            0,
        )
        self._passwords = []

    # -- sections and reporters ---------------------------------------------------------------

    def make_sections(self):
        for slug, name, order, parent in world.SECTIONS:
            section, created = Section.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "order": order, "parent": self.sections.get(parent)},
            )
            self.sections[slug] = section
            self.counts["sections"] += created

    def make_publisher(self):
        """The footer's 발행 정보, clearly fictional; kept if the desk has filled it in."""
        Publisher.objects.get_or_create(pk=1, defaults=world.PUBLISHER)

    def make_reporters(self):
        for spec in world.REPORTERS:
            reporter, created = Reporter.objects.get_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "email": f"{spec['handle']}@newsroom.example",
                    "desk": spec["desk"],
                    "bio": spec["bio"],
                },
            )
            if not reporter.photo:
                avatar = draw_avatar(spec["color"], self.rng, spec.get("hair") == "long")
                reporter.photo.save(f"{spec['slug']}.jpg", ContentFile(avatar), save=True)
            self.reporters.append(reporter)
            self.counts["reporters"] += created

    def bylines(self, section_slug):
        """1–2 reporters: someone on the section's beat first, sometimes a colleague second."""
        beat = world.BEATS.get(section_slug, range(len(self.reporters)))
        first = self.reporters[self.rng.choice(list(beat))]
        chosen = [first]
        if self.rng.random() < 0.3:
            chosen.append(self.rng.choice([r for r in self.reporters if r != first]))
        return chosen

    # -- one illustrated article --------------------------------------------------------------

    def write(self, kind, when):
        """A story of `kind`, or of another kind if that one would repeat what an earlier
        article printed (its lead, its key paragraph)."""
        others = [other for other in stories.STORY_TYPES if other != kind]
        self.rng.shuffle(others)
        for candidate in (kind, *others):
            try:
                return stories.write_story(
                    candidate,
                    self.rng,
                    when,
                    self.rotation,
                    self.used_titles,
                    today=self.today,
                    used=self.used_texts,
                )
            except stories.Repeats:
                continue
        raise RuntimeError("every story type would repeat an earlier article")

    def make_article(self, kind, number, *, status, published_at, when):
        story = self.write(kind, when)
        article = Article.objects.create(
            title=story.title,
            label=story.label,
            deck="\n".join(story.deck),
            section=self.sections[story.section],
            body=story.body,
            status=status,
            published_at=published_at,
        )
        reporters = self.bylines(story.section)
        ArticleReporter.objects.bulk_create(
            ArticleReporter(article=article, reporter=reporter, order=order)
            for order, reporter in enumerate(reporters)
        )
        article.tags.add(*story.tags)
        for order, spec in enumerate(story.photos):
            credit_reporter = reporters[0] if spec.credit == "reporter" else None
            # Drawn here, with no camera's metadata to strip: stored public at once, with its
            # renditions, not left for the worker (the archive articles reuse these files).
            name = default_storage.save(
                article_photo_path(None, f"demo-{number:03d}-{order + 1}.jpg"),
                ContentFile(draw_photo(spec.kind, self.rng)),
            )
            photo = Photo(
                article=article,
                image=name,
                caption=spec.caption,
                alt=spec.alt,
                credit_reporter=credit_reporter,
                credit="" if credit_reporter else spec.credit,
                placement=spec.placement,
                order=order,
            )
            photo.renditions = make_renditions(photo.image)
            photo.save()
            self.drawn.setdefault(spec.kind, []).append(photo)
            self.counts["photos"] += 1
        article.story = story
        return article

    # -- reactions and comments ---------------------------------------------------------------

    def add_reactions(self, article):
        rng = self.rng
        ranges = {
            Reaction.Kind.LIKE: (0, 45),
            Reaction.Kind.ANGRY: (0, 9),
            Reaction.Kind.SAD: (0, 6),
            Reaction.Kind.WANT_MORE: (0, 16),
        }
        age = (self.now - article.published_at).total_seconds()
        rows, counters = [], {}
        for kind, (lo, hi) in ranges.items():
            count = rng.randint(lo, hi) if rng.random() < 0.75 else 0
            for visitor in rng.sample(range(1, 500), count):
                rows.append(
                    Reaction(
                        article=article,
                        kind=kind,
                        visitor=f"demo-{visitor}",
                        created_at=article.published_at + timedelta(seconds=rng.uniform(60, age)),
                    )
                )
            counters[kind.counter_field] = count
        Reaction.objects.bulk_create(rows)
        self.counts["reactions"] += len(rows)
        return counters

    def password(self):
        """A hash of a random password. Hashing is slow by design, so a few are reused."""
        if len(self._passwords) < 3:
            self._passwords.append(make_password(secrets.token_urlsafe(12)))
        return self.rng.choice(self._passwords)

    def comment_time(self, after):
        latest = self.now - timedelta(minutes=1)
        span = max(60.0, min((latest - after).total_seconds(), 3 * 86400))
        return min(after + timedelta(seconds=self.rng.uniform(120, span)), latest)

    def add_comments(self, article, *, pending=False):
        """Up to six comments in threads that fit the story, none used on another article.

        A reply is only ever the one written for its comment (see demo.comments).
        """
        rng = self.rng
        fresh = [t for t in threads_for(article.story) if t[0] not in self.used_threads]
        total = rng.randint(1, 6)
        visible = made = 0
        for body, replies in fresh:
            if made >= total:
                break
            self.used_threads.add(body)
            created = self.comment_time(article.published_at)
            top = Comment.objects.create(
                article=article,
                nickname=rng.choice(NICKNAMES),
                password=self.password(),
                body=body,
                like_count=rng.choice([0, 0, rng.randint(1, 12), rng.randint(5, 60)]),
                dislike_count=rng.choice([0, 0, rng.randint(1, 8)]),
                report_count=2 if pending and made == 0 else 0,
                visitor=f"demo-{rng.randint(1, 499)}",
                created_at=created,
            )
            made += 1
            visible += 1
            after = created
            for reply in replies:
                if made >= total or rng.random() < 0.3:
                    break
                after = self.comment_time(after)
                Comment.objects.create(
                    article=article,
                    parent=top,
                    nickname=rng.choice([n for n in NICKNAMES if n != top.nickname]),
                    password=self.password(),
                    body=reply,
                    like_count=rng.choice([0, rng.randint(1, 9)]),
                    visitor=f"demo-{rng.randint(1, 499)}",
                    created_at=after,
                )
                made += 1
                visible += 1
        if pending:  # one comment waiting in the moderation queue: not counted, not shown
            Comment.objects.create(
                article=article,
                nickname=rng.choice(NICKNAMES),
                password=self.password(),
                body=PENDING_COMMENT,
                status=Comment.Status.PENDING,
                visitor=f"demo-{rng.randint(1, 499)}",
                created_at=self.comment_time(article.published_at),
            )
            made += 1
        self.counts["comments"] += made
        return visible

    # -- the whole archive --------------------------------------------------------------------

    def publication_times(self, count):
        """The newest illustrated articles: a handful within 24 hours, the rest over 3 weeks."""
        rng = self.rng
        recent = min(count, 6)
        hours = [rng.uniform(0.3, 23) for _ in range(recent)]
        hours += [rng.uniform(24, 21 * 24) for _ in range(count - recent)]
        # Whole seconds, as the change form shows a time (see __init__).
        return [self.now - timedelta(seconds=round(h * 3600)) for h in sorted(hours)]

    def build(self, published):
        rng = self.rng
        self.make_sections()
        self.make_reporters()
        self.make_publisher()

        illustrated = min(published, ILLUSTRATED)
        kinds = stories.schedule(rng, illustrated + 3)
        articles = []
        for number, when in enumerate(self.publication_times(illustrated), start=1):
            articles.append(
                self.make_article(
                    kinds[number - 1],
                    number,
                    status=Article.Status.PUBLISHED,
                    published_at=when,
                    when=timezone.localtime(when),
                )
            )
        # Two drafts and one scheduled for tomorrow: none of them may show on the public site.
        local_now = timezone.localtime(self.now)
        hidden = []
        for offset in range(2):
            hidden.append(
                self.make_article(
                    kinds[illustrated + offset],
                    illustrated + offset + 1,
                    status=Article.Status.DRAFT,
                    published_at=None,
                    when=local_now,
                )
            )
        tomorrow = self.now + timedelta(days=1)
        hidden.append(
            self.make_article(
                kinds[illustrated + 2],
                illustrated + 3,
                status=Article.Status.PUBLISHED,
                published_at=tomorrow,
                when=timezone.localtime(tomorrow),
            )
        )

        # Counters, comments, videos, and a few articles edited after publishing (수정).
        with_video = set(rng.sample(range(illustrated), min(5, illustrated)))
        revised = set(rng.sample(range(illustrated), min(4, illustrated)))
        closed = rng.randrange(illustrated) if illustrated > 2 else None
        moderated = rng.choice([i for i in range(illustrated) if i != closed] or [None])
        daily = []
        for index, article in enumerate(articles):
            fields = self.add_reactions(article)
            policy = Article.CommentPolicy.OPEN
            if index == closed:
                policy = Article.CommentPolicy.CLOSED
            elif index == moderated:
                policy = Article.CommentPolicy.PREMODERATED
            visible = 0
            if index == moderated or (index != closed and rng.random() < 0.5):
                visible = self.add_comments(article, pending=index == moderated)
            age = self.now - article.published_at
            fields.update(
                view_count=self.add_daily_views(article.pk, article.published_at, daily),
                comment_count=visible,
                comment_policy=policy,
                created_at=article.published_at - timedelta(minutes=rng.randint(20, 240)),
                updated_at=article.published_at,
            )
            if index in with_video:
                # A well-formed YouTube address (the admin accepts no other form); the ids are
                # placeholders: the player says the video is unavailable.
                fields["video_url"] = f"https://www.youtube.com/watch?v=demo{index:07d}"
            if index in revised and age > timedelta(hours=2):
                edit = article.published_at + age * rng.uniform(0.1, 0.6)
                fields.update(revised_at=edit, updated_at=edit)
            Article.objects.filter(pk=article.pk).update(**fields)
        DailyViews.objects.bulk_create(
            (DailyViews(article_id=pk, day=day, views=views) for pk, day, views in daily),
            batch_size=BATCH,
        )
        self.counts["daily_views"] += len(daily)
        self.counts["published"] = illustrated

        self.make_boxes(articles)
        return articles + hidden

    def add_daily_views(self, article_id, published_at, rows):
        """Views per day over the last VIEW_DAYS days, appended to `rows`; returns their sum.

        A story is read most on its first day and less each day after; an archive story (older
        than the window) gets a few stray reads on a few days, or none. The article's view_count
        is this sum, so the counter and the rows agree.
        """
        rng = self.rng
        today = timezone.localdate(self.now)
        first = today - timedelta(days=VIEW_DAYS - 1)
        published = timezone.localdate(published_at)
        total = 0
        if published >= first:
            peak = rng.lognormvariate(6.3, 0.9)
            for age in range((today - published).days + 1):
                views = int(peak * 0.55**age * rng.uniform(0.7, 1.3))
                if views:
                    rows.append((article_id, published + timedelta(days=age), views))
                    total += views
        elif rng.random() < 0.5:
            for offset in rng.sample(range(VIEW_DAYS), rng.randint(1, 3)):
                views = rng.randint(1, 12)
                rows.append((article_id, first + timedelta(days=offset), views))
                total += views
        return total

    def make_boxes(self, articles):
        rng = self.rng
        newest = sorted(articles, key=lambda a: a.published_at, reverse=True)
        top_pool = newest[:12]
        top = rng.sample(top_pool, min(5, len(top_pool)))
        rest = [a for a in newest if a not in top]
        featured = [a for a in rest if a.label in ("분석", "인터뷰", "르포", "단독")]
        plant = (featured + [a for a in rest if a not in featured])[:5]
        for slug, name, picked in (
            (CuratedBox.TOP_NEWS, "주요뉴스", top),
            (CuratedBox.NEWS_PLANT, "뉴스발전소", plant),
        ):
            box, _ = CuratedBox.objects.get_or_create(slug=slug, defaults={"name": name})
            if not box.slots.exists():
                CuratedSlot.objects.bulk_create(
                    CuratedSlot(box=box, article=article, order=order)
                    for order, article in enumerate(picked)
                )

    def bulk_articles(self, count, progress=None):
        """Older archive articles, inserted in bulk, one transaction per BULK_BATCH articles.

        Each gets bylines, tags, a reused photo file, about 10 reactions, about 2 comments and
        its DailyViews, with every counter on the article equal to its rows. They are spread
        over the months before the illustrated articles (which cover the last three weeks).
        """
        rng = self.rng
        kinds = stories.schedule(rng, count)
        self._tags = {}
        self._content_type = ContentType.objects.get_for_model(Article)
        self._comment_bodies = {}
        # About 300 a day, at least a month: 100,000 articles reach back about a year.
        span_hours = max(30, math.ceil(count / 300)) * 24
        start = 21 * 24 + 1
        times = sorted(
            (
                self.now - timedelta(seconds=round(rng.uniform(start, start + span_hours) * 3600))
                for _ in kinds
            ),
            reverse=True,
        )
        done = 0
        for offset in range(0, count, BULK_BATCH):
            batch = list(zip(kinds[offset : offset + BULK_BATCH], times[offset:], strict=False))
            with transaction.atomic():
                self._bulk_batch(batch)
            done += len(batch)
            if progress:
                progress.update(done)
        self.counts["published"] += count

    def _bulk_batch(self, batch):
        rng = self.rng
        sanitize = Article._meta.get_field("body").sanitize
        rows, written, extras = [], [], []
        for kind, when in batch:
            story = stories.write_story(
                kind, rng, timezone.localtime(when), self.rotation, today=self.today
            )
            article = Article(
                title=story.title,
                label=story.label,
                deck="\n".join(story.deck),
                section=self.sections[story.section],
                body=sanitize(story.body),
                status=Article.Status.PUBLISHED,
                published_at=when,
            )
            reactions = self.bulk_reactions(when)
            comments = self.bulk_comments(story, when)
            for kind_value, visitors in reactions.items():
                setattr(article, Reaction.Kind(kind_value).counter_field, len(visitors))
            article.comment_count = sum(1 for c in comments if c[2] == Comment.Status.VISIBLE)
            views = []
            article.view_count = self.add_daily_views(None, when, views)
            rows.append(article)
            written.append(story)
            extras.append((reactions, comments, views))
        Article.objects.bulk_create(rows, batch_size=BATCH)
        Article.objects.filter(pk__in=[a.pk for a in rows]).update(
            created_at=F("published_at"), updated_at=F("published_at")
        )
        search.index_articles(rows, fresh=True)  # bulk_create sends no post_save

        bylines, tagged, photos, reaction_rows, comment_rows, daily = [], [], [], [], [], []
        adapt_time = connection.ops.adapt_datetimefield_value
        adapt_day = connection.ops.adapt_datefield_value
        for article, story, (reactions, comments, views) in zip(rows, written, extras, strict=True):
            reporters = self.bylines(story.section)
            for order, reporter in enumerate(reporters):
                bylines.append((article.pk, reporter.pk, order))
            for name in story.tags:
                tagged.append((self._content_type.pk, article.pk, self.tag(name).pk))
            for kind_value, visitors in reactions.items():
                for visitor, created in visitors:
                    reaction_rows.append(
                        (article.pk, kind_value, f"demo-{visitor}", adapt_time(created))
                    )
            for body, created, status, likes in comments:
                comment_rows.append(
                    (
                        article.pk,
                        rng.choice(NICKNAMES),
                        self.password(),
                        body,
                        status,
                        likes,
                        0,
                        0,
                        f"demo-{rng.randint(1, 4999)}",
                        "",
                        adapt_time(created),
                    )
                )
            daily.extend((article.pk, adapt_day(day), n) for _, day, n in views)
            photo = self.archive_photo(article, story, reporters)
            if photo:
                photos.append(photo)
        insert(ArticleReporter, ("article", "reporter", "order"), bylines)
        insert(TaggedItem, ("content_type", "object_id", "tag"), tagged)
        insert(Reaction, ("article", "kind", "visitor", "created_at"), reaction_rows)
        insert(
            Comment,
            (
                "article",
                "nickname",
                "password",
                "body",
                "status",
                "like_count",
                "dislike_count",
                "report_count",
                "visitor",
                "client",
                "created_at",
            ),
            comment_rows,
        )
        insert(DailyViews, ("article", "day", "views"), daily)
        Photo.objects.bulk_create(photos, batch_size=BATCH)
        self.counts["photos"] += len(photos)
        self.counts["reactions"] += len(reaction_rows)
        self.counts["comments"] += len(comment_rows)
        self.counts["daily_views"] += len(daily)

    def bulk_reactions(self, published_at):
        """About ten reactions: kind → [(visitor number, time)], each visitor once per kind."""
        rng = self.rng
        age = max(120.0, (self.now - published_at).total_seconds())
        reactions = {}
        for kind, hi in (
            (Reaction.Kind.LIKE, 16),
            (Reaction.Kind.ANGRY, 3),
            (Reaction.Kind.SAD, 2),
            (Reaction.Kind.WANT_MORE, 6),
        ):
            count = rng.randint(0, hi) if rng.random() < 0.75 else 0
            reactions[kind.value] = [
                (visitor, published_at + timedelta(seconds=rng.uniform(60, age)))
                for visitor in rng.sample(range(1, 5000), count)
            ]
        return reactions

    def bulk_comments(self, story, published_at):
        """About two comments: (body, time, status, likes); one in twenty is hidden."""
        rng = self.rng
        # Archive comments stand alone (no replies); an article never gets the same one twice.
        pool = self._comment_bodies.get(story.comment_key)
        if pool is None:
            pool = [body for body, _ in threads_for(story)][:12]
            self._comment_bodies[story.comment_key] = pool
        comments = []
        for body in rng.sample(pool, min(len(pool), rng.choice((0, 1, 2, 2, 3, 4)))):
            status = Comment.Status.HIDDEN if rng.random() < 0.05 else Comment.Status.VISIBLE
            comments.append(
                (
                    body,
                    self.comment_time(published_at),
                    status.value,
                    rng.choice((0, 0, rng.randint(1, 12))),
                )
            )
        return comments

    def tag(self, name):
        if name not in self._tags:
            self._tags[name] = Tag.objects.filter(name=name).first() or Tag.objects.create(
                name=name
            )
        return self._tags[name]

    def archive_photo(self, article, story, reporters):
        """Most archive articles reuse a drawn file of the same kind; none is drawn again."""
        rng = self.rng
        spec = story.photos[0]
        sources = self.drawn.get(spec.kind) or [p for ps in self.drawn.values() for p in ps]
        if not sources or rng.random() >= 0.8:
            return None
        source = rng.choice(sources)
        return Photo(
            article=article,
            image=source.image.name,
            width=source.width,
            height=source.height,
            renditions=source.renditions,
            caption=spec.caption,
            alt=spec.alt,
            credit_reporter=reporters[0] if spec.credit == "reporter" else None,
            credit="" if spec.credit == "reporter" else spec.credit,
            placement=0,
            order=0,
        )


def insert(model, fields, rows):
    """Plain multi-row INSERTs for the big tables: no model instances, no RETURNING."""
    if not rows:
        return
    meta, quote = model._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # SQLite allows 32,766 parameters per statement (since 3.32); stay well below it.
    per_statement = max(1, 4000 // len(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = ", ".join([placeholders] * len(chunk))
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES {values}",
                [value for row in chunk for value in row],
            )


class Progress:
    """A one-line text progress bar on stderr, redrawn in place: count, percent, rate, ETA."""

    def __init__(self, stream, total, label, width=30):
        self.stream, self.total, self.label, self.width = stream, total, label, width
        self.started = time.monotonic()
        self.drawn_at = 0.0

    def update(self, done):
        now = time.monotonic()
        if done < self.total and now - self.drawn_at < 0.25:
            return
        self.drawn_at = now
        fraction = done / self.total if self.total else 1.0
        filled = int(self.width * fraction)
        elapsed = max(now - self.started, 1e-6)
        rate = done / elapsed
        eta = (self.total - done) / rate if rate else 0
        line = (
            f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
            f"{done:,}/{self.total:,} {fraction:6.1%} {rate:,.0f}/s "
            + (f"ETA {eta:.0f}s " if done < self.total else f"in {elapsed:.1f}s\n")
        )
        self.stream.write(line, ending="")
        self.stream.flush()


class fast_bulk_load:
    """Trade durability for speed while the archive loads, then restore and refresh statistics.

    A crash mid-load can at worst lose the last batches (SQLite: or corrupt the file, which
    is a throwaway demo database); the planner statistics matter at 100,000 articles.
    """

    def __enter__(self):
        # Inside an outer transaction (tests) SQLite refuses to change the safety level.
        self.tuned = not connection.in_atomic_block
        with connection.cursor() as cursor:
            if not self.tuned:
                pass
            elif connection.vendor == "sqlite":
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA cache_size=-262144")  # 256 MB of page cache
                cursor.execute("PRAGMA temp_store=MEMORY")
            elif connection.vendor == "postgresql":
                cursor.execute("SET synchronous_commit TO off")

    def __exit__(self, *exc):
        with connection.cursor() as cursor:
            if not self.tuned:
                pass
            elif connection.vendor == "sqlite":
                cursor.execute("PRAGMA synchronous=NORMAL")
                cursor.execute("PRAGMA cache_size=-2000")
            elif connection.vendor == "postgresql":
                cursor.execute("SET synchronous_commit TO DEFAULT")
            if exc[0] is None:
                cursor.execute("ANALYZE")
