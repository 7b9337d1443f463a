import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the admin account with a generated password on first run, and say how to sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"  관리자 계정: {username} (비밀번호는 처음 실행할 때 출력했습니다. "
                f"잊었다면: .venv/bin/python manage.py changepassword {username})"
            )
            return
        password = secrets.token_urlsafe(12)
        user = User(username=username)
        # The same rules as the admin's password forms (settings.AUTH_PASSWORD_VALIDATORS), so
        # that a change to them can never leave the first account weaker than the rest.
        validate_password(password, user)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(f"  관리자 계정을 만들었습니다: {username} / {password}")
        self.stdout.write("  이 비밀번호는 지금 한 번만 출력됩니다. 따로 적어 두세요.")
