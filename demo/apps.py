from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Carries `manage.py load_demo`. Installed only where the source tree is: the wheel leaves
    this package out, and the settings add the app only when it can be imported."""

    name = "demo"
    verbose_name = "데모 콘텐츠"
