"""Writes of production batches and their traceability steps."""

import datetime

from django.db import transaction

from catalog import audit
from catalog.models import Batch, BatchStep

# What a producer may correct on a batch after creating it (its product and its public
# trace code never change: a printed stamp points at them).
EDITABLE_FIELDS = (
    "lot_code",
    "produced_on",
    "best_before",
    "quantity",
    "unit",
    "origin_area",
    "growing_area_code",
    "inputs",
    "standards",
)


@transaction.atomic
def batch_create(
    *,
    product,
    lot_code: str,
    produced_on: datetime.date,
    quantity: int,
    origin_area: str,
    best_before: datetime.date | None = None,
    growing_area_code: str = "",
    inputs: str = "",
    standards: str = "",
    unit: str = "sp",
    steps: list[dict] = (),
    certifications=(),
    trace_code: str | None = None,
    by=None,
) -> Batch:
    """Creates a batch with an unguessable public trace code; steps are dicts of
    what/where/happened_on. Validated whole: nothing is saved if one part is wrong.
    `trace_code` is for demo data only, which must load with the same codes every time;
    real batches leave it out and get a random one."""
    batch = Batch(
        product=product,
        lot_code=lot_code.strip(),
        produced_on=produced_on,
        best_before=best_before,
        quantity=quantity,
        unit=unit,
        origin_area=origin_area,
        growing_area_code=growing_area_code,
        inputs=inputs,
        standards=standards,
    )
    if trace_code is not None:
        batch.trace_code = trace_code
    batch.full_clean()
    with audit.acting(by):
        batch.save()
        for position, step in enumerate(steps):
            batch_step = BatchStep(batch=batch, position=position, **step)
            batch_step.full_clean()
            batch_step.save()
        batch.certifications.set(certifications)
    return batch


@transaction.atomic
def batch_update(*, batch: Batch, by, **fields) -> Batch:
    """Corrects a batch's traceability data (EDITABLE_FIELDS only), validated whole."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"batch_update cannot change {', '.join(sorted(unknown))}")
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    for name, value in fields.items():
        setattr(batch, name, value.strip() if isinstance(value, str) else value)
    batch.full_clean()
    with audit.acting(by):
        batch.save()
    return batch
