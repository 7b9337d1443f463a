from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.actions import backups


class Command(BaseCommand):
    help = "Copy the database and the media into a new folder while the site keeps running."

    def add_arguments(self, parser):
        parser.add_argument(
            "folder",
            nargs="?",
            help="a folder that does not exist yet (default: var/backups/<date-time>)",
        )

    def handle(self, *args, folder, **options):
        if folder is None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            folder = Path(settings.VAR_DIR) / "backups" / stamp
        if Path(folder).exists():
            raise CommandError(f"{folder}이(가) 이미 있습니다. 새 폴더 이름을 주세요.")
        try:
            done = backups.backup(folder)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"백업했습니다: {done}")
        if backups.media_is_remote():
            self.stdout.write(backups.remote_media_note())
