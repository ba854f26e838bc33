"""Demo data for `manage.py load_demo`: real OCOP products (products.json) loaded through
natural keys, so loading twice leaves the database as loading once did."""

import json
from pathlib import Path

DATA_FILE = Path(__file__).with_name("products.json")


def demo_data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def upsert(model, lookup: dict, values: dict):
    """The row found by its natural key, created or brought up to date. Saved only when a
    value differs, so a second load leaves even `date_updated` untouched."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save()
    return obj
