"""Building the demo's page tree through Wagtail's own API, idempotently: a page is found by
its slug under its parent (a translation by its source page and locale), brought up to date
field by field, and published only when something differs, so a second load adds no revision.
"""

import json
from typing import Any

from django.core.management.base import CommandError
from wagtail.fields import StreamField
from wagtail.models import Page


def _without_ids(value: Any) -> Any:
    """StreamField data as it would be typed: block ids dropped, list items unwrapped."""
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    if isinstance(value, dict):
        if set(value) <= {"type", "value", "id"} and value.get("type") == "item":
            return _without_ids(value["value"])
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    return value


def _stream_data(field: StreamField, value) -> list:
    if isinstance(value, list):
        value = field.to_python(json.dumps(value))
    return _without_ids(field.stream_block.get_prep_value(value))


def _differs(page, name: str, value) -> bool:
    field = page._meta.get_field(name)
    if field.many_to_one:  # compared by key: an unset foreign key has no object to read
        return getattr(page, field.attname) != getattr(value, "pk", value)
    current = getattr(page, name)
    if isinstance(field, StreamField):
        return _stream_data(field, current) != _stream_data(field, value)
    return current != value


def apply(page, *, fields: dict, relations: dict, tags: list[str] | None) -> bool:
    """Sets what differs on `page` (in memory); True when anything did."""
    changed = False
    for name, value in fields.items():
        if _differs(page, name, value):
            field = page._meta.get_field(name)
            setattr(page, name, json.dumps(value) if isinstance(field, StreamField) else value)
            changed = True
    for relation, rows in relations.items():
        keys = rows[0].keys() if rows else ()
        current = [
            {key: getattr(obj, key) for key in keys} for obj in getattr(page, relation).all()
        ]
        if current != rows:
            model = page._meta.get_field(relation).related_model
            setattr(page, relation, [model(**row) for row in rows])
            changed = True
    if tags is not None and sorted(page.tags.names()) != sorted(tags):
        page.tags.set(tags)
        changed = True
    return changed


def _publish(page) -> None:
    page.save_revision().publish()


def ensure_child(
    parent, model, *, slug: str, fields: dict, relations: dict | None = None, tags=None
) -> tuple[Page, str]:
    """The `model` page with `slug` under `parent`: (page, "created" | "updated" | "unchanged")."""
    relations = relations or {}
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        if Page.objects.child_of(parent).filter(slug=slug).exists():
            raise CommandError(f"{parent.url_path}{slug}/ exists and is not a {model.__name__}.")
        page = model(slug=slug, locale_id=parent.locale_id)
        apply(page, fields=fields, relations=relations, tags=None)
        parent.add_child(instance=page)
        if tags:
            page.tags.set(tags)
        _publish(page)
        return page, "created"
    changed = apply(page, fields=fields, relations=relations, tags=tags)
    if changed or not page.live or page.has_unpublished_changes:
        _publish(page)
        return page, "updated"
    return page, "unchanged"


def ensure_translation(
    page, locale, *, fields: dict, relations: dict | None = None, tags=None
) -> tuple[Page, str]:
    """The translation of `page` into `locale` (Wagtail's simple translation: a copy edited in
    the other language), with `fields` written over the copied ones.

    Copied as Page.copy_for_translation does, but with the translated slug from the start: a
    slug changed after the copy would leave redirects from URLs nobody ever used.
    """
    translated = page.get_translation_or_none(locale)
    state = "unchanged"
    if translated is None:
        parent = page.get_parent()
        if not parent.is_root():
            parent = parent.get_translation_or_none(locale)
            if parent is None:
                raise CommandError(f"Translate the parent of {page.url_path} first.")
        translated = page.copy(
            to=parent,
            update_attrs={"locale": locale, "slug": fields.get("slug", page.slug)},
            copy_revisions=False,
            keep_live=False,
            reset_translation_key=False,
            log_action="wagtail.copy_for_translation",
        ).specific
        state = "created"
    changed = apply(translated, fields=fields, relations=relations or {}, tags=tags)
    if changed or not translated.live or translated.has_unpublished_changes:
        _publish(translated)
        state = "created" if state == "created" else "updated"
    return translated, state
