from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "뉴스룸"

    def ready(self):
        """Every registration and signal of the app, in one place: the system checks, the
        roles brought up to date after migrate, what makes shared pages stale, the search
        index and tag addresses. (What django-reversion keeps is registered beside the
        models, which the admin's autodiscovery imports before this runs.)"""
        # Imported here, as Django asks: these modules need the models loaded.
        from django.db.models.signals import post_save

        from articles import checks, invalidation, roles, search, tags
        from articles.actions import photos
        from articles.models import Photo

        checks.register()
        post_migrate.connect(roles.sync_roles, sender=self)
        invalidation.connect_signals()
        search.connect_signals(self)
        tags.connect_signals()
        post_save.connect(photos.photo_saved, sender=Photo, dispatch_uid="photos:process")
