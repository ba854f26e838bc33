"""The task worker's side of the outbox (django_tasks: immediate in the embedded default,
the database queue and `manage.py db_worker` in production). django_tasks has no retries
of its own: a refused e-mail is queued again for its next attempt where the backend can
run a task later, and `manage.py send_pending_emails` (cron) picks up the rest."""

from django_tasks import task

from outbox import services


@task()
def deliver_emails(*, ids: list[int]) -> int:
    """Sends these pending e-mails; returns how many left. Those refused are queued again
    for their next attempt."""
    delivery = services.emails_deliver(ids=ids)
    if delivery.failed and deliver_emails.get_backend().supports_defer:
        for email in delivery.failed:
            deliver_emails.using(run_after=email.next_attempt_at).enqueue(ids=[email.pk])
    return len(delivery.sent)
