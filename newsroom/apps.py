from axes.apps import AppConfig


class AxesAppConfig(AppConfig):
    """django-axes (the admin's sign-in lockout) under a Korean name in the admin's menu."""

    verbose_name = "로그인 잠금"
