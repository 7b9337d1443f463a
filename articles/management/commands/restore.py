from django.core.management.base import BaseCommand, CommandError

from articles.actions import backups


class Command(BaseCommand):
    help = "Replace the database and the media with those of a backup folder (manage.py backup)."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="confirm: everything written since the backup is lost",
        )

    def handle(self, *args, folder, yes, **options):
        if not yes:
            raise CommandError(
                "복원하면 백업 이후에 쓴 기사·댓글·사진이 모두 사라집니다. "
                "확실하면 --yes를 붙여 다시 실행하세요."
            )
        try:
            backups.restore(folder)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"복원했습니다: {folder}. 서버를 다시 시작하세요.")
