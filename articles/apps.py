from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "뉴스룸"

    def ready(self):
        from articles import (
            checks,  # noqa: F401  (checks registers itself)
            pagecache,
            roles,
            search,
            tags,
        )

        post_migrate.connect(roles.sync_roles, sender=self)
        pagecache.connect_signals()
        search.connect_signals(self)
        tags.connect_signals()
