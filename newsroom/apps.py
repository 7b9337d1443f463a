from axes.apps import AppConfig
from django_tasks_db.apps import TasksAppConfig


class AxesAppConfig(AppConfig):
    """django-axes (the admin's sign-in lockout) under a Korean name in the admin's menu."""

    verbose_name = "로그인 잠금"


class TaskQueueAppConfig(TasksAppConfig):
    """django-tasks' database backend (the task queue) under a Korean name in the admin's menu."""

    verbose_name = "작업 대기열"
