"""The task worker: django-tasks-db's database worker, and nothing lost when one is killed.

django-tasks-db runs the tasks queued in the database one at a time. A worker killed outright
(SIGKILL, the OOM killer, a lost machine) leaves the task it held RUNNING, and no other worker
takes it. So each worker here says that it is alive every HEARTBEAT_SECONDS (a row per worker)
and, as often, puts back in the queue the RUNNING tasks of workers that stopped saying so for
DEAD_AFTER_SECONDS; a task put back MAX_ATTEMPTS times (one that kills its worker) is marked
failed instead, and the log says so. Tasks here are written to run twice safely.

Heartbeats live in a table of the project (TaskWorker); the model is passed in, so that this
module stays below the app.
"""

import logging
import threading
from datetime import timedelta
from typing import Any

from django.db import close_old_connections, transaction
from django.db.models import Model
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("newsroom.worker")

HEARTBEAT_SECONDS = 2.0
DEAD_AFTER_SECONDS = 10.0
MAX_ATTEMPTS = 5


def requeue_orphans(heartbeats: type[Model], *, dead_after: float = DEAD_AFTER_SECONDS) -> int:
    """Put back the RUNNING tasks whose worker has gone quiet; returns how many."""
    since = timezone.now() - timedelta(seconds=dead_after)
    alive = set(
        heartbeats._default_manager.filter(seen_at__gte=since).values_list("worker_id", flat=True)
    )
    requeued = 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
        "id", "worker_ids", "task_path"
    ):
        holder = result.worker_ids[-1] if result.worker_ids else None
        if holder in alive:
            continue
        if len(result.worker_ids) >= MAX_ATTEMPTS:
            logger.error(
                "Task %s (%s) was running when its worker stopped, %d times: marked failed.",
                result.id,
                result.task_path,
                len(result.worker_ids),
            )
            DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED, finished_at=timezone.now()
            )
            continue
        changed = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
        if changed:
            requeued += 1
            logger.warning(
                "Task %s (%s) was running when worker %s stopped: queued again.",
                result.id,
                result.task_path,
                holder,
            )
    # A killed worker never removes its own row: gone once its tasks are back in the queue (a
    # worker that was only slow writes its row again at its next beat).
    heartbeats._default_manager.filter(seen_at__lt=since).delete()
    return requeued


class Heartbeat(threading.Thread):
    """Says every HEARTBEAT_SECONDS that this worker is alive, and looks after the others."""

    def __init__(self, heartbeats: type[Model], worker_id: str) -> None:
        super().__init__(name="task-worker-heartbeat", daemon=True)
        self.heartbeats, self.worker_id = heartbeats, worker_id
        self.stopping = threading.Event()

    def beat(self) -> None:
        manager: Any = self.heartbeats._default_manager
        with transaction.atomic():
            manager.update_or_create(worker_id=self.worker_id, defaults={"seen_at": timezone.now()})
        requeue_orphans(self.heartbeats)

    def run(self) -> None:
        while not self.stopping.wait(HEARTBEAT_SECONDS):
            try:
                close_old_connections()
                self.beat()
            except Exception:
                logger.exception("Worker heartbeat failed; trying again.")

    def stop(self) -> None:
        self.stopping.set()
        try:
            self.heartbeats._default_manager.filter(worker_id=self.worker_id).delete()
        except Exception:
            logger.exception("Could not remove worker %s's heartbeat.", self.worker_id)


def run(heartbeats: type[Model], *, worker_id: str, interval: float, queues: list[str]) -> None:
    """Run tasks until told to stop (SIGTERM, SIGINT), with the heartbeat beside."""
    heartbeat = Heartbeat(heartbeats, worker_id)
    heartbeat.beat()  # alive before the first task, and orphans of a killed worker back first
    heartbeat.start()
    worker = Worker(
        queue_names=queues,
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.configure_signals()
    try:
        worker.run()
    finally:
        heartbeat.stop()
