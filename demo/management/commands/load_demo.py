"""`manage.py load_demo`: fill an empty site with original, clearly fictional demo content.

The content and the code that writes it live beside it in the `demo` app (world, stories,
comments, drawing, builder); this command only reads its options and reports. The app is part
of the source tree only, not of the production wheel.
It does nothing when any article exists, so `make run` can call it every time.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Article
from demo.builder import ILLUSTRATED, DemoBuilder, Progress, fast_bulk_load


class Command(BaseCommand):
    help = (
        "Fill an empty site with fictional demo content: sections, reporters, articles with "
        "drawn photos, reactions, comments and curated boxes. Does nothing if articles exist."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=ILLUSTRATED,
            help=f"published articles to create (default {ILLUSTRATED}); the first "
            f"{ILLUSTRATED} get drawn photos, reactions and comments, the rest are bulk-inserted",
        )
        parser.add_argument(
            "--seed", type=int, default=20250601, help="random seed (same seed, same archive)"
        )

    def handle(self, *args, articles, seed, **options):
        if articles < 0:
            raise CommandError("--articles must be 0 or more.")
        started = time.monotonic()
        with transaction.atomic():
            if Article.objects.exists():
                self.stdout.write("Demo content already present; nothing to do.")
                return
            builder = DemoBuilder(seed)
            builder.build(articles)
        archive = articles - min(articles, ILLUSTRATED)
        if archive:
            progress = Progress(self.stderr, archive, "Archive articles")
            with fast_bulk_load():
                builder.bulk_articles(archive, progress)
        c = builder.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded: {c['sections']} sections, {c['reporters']} reporters, "
                f"{c['published'] + 3} articles ({c['published']} published, 2 drafts, "
                "1 scheduled), "
                f"{c['photos']} photos, {c['reactions']} reactions, {c['comments']} comments, "
                f"{c['daily_views']} daily view rows "
                f"in {time.monotonic() - started:.1f}s."
            )
        )
