"""The task worker's heartbeats (newsroom/worker.py): a killed worker's tasks run again, and
its row does not stay behind."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from articles.models import TaskWorker
from newsroom.worker import requeue_orphans

pytestmark = pytest.mark.django_db


def running_task(worker_id):
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        task_path="articles.invalidation.came_due",
        args_kwargs={"args": [1, "2026-12-06T00:00:00+00:00"], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        priority=0,
        worker_ids=[worker_id],
        started_at=timezone.now(),
    )


def test_a_killed_workers_task_is_queued_again_and_its_row_removed():
    TaskWorker.objects.create(worker_id="alive", seen_at=timezone.now())
    TaskWorker.objects.create(worker_id="killed", seen_at=timezone.now() - timedelta(minutes=5))
    kept = running_task("alive")
    orphan = running_task("killed")

    assert requeue_orphans(TaskWorker) == 1

    orphan.refresh_from_db()
    kept.refresh_from_db()
    assert (orphan.status, kept.status) == (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    assert list(TaskWorker.objects.values_list("worker_id", flat=True)) == ["alive"]
