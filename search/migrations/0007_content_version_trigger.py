"""A third CatalogVersion row (id 3) that the database bumps whenever a Wagtail page
changes (saved, published, unpublished, moved, deleted): the home page's cached sections
(fairs, stories, provinces, section tiles) are keyed on it with the storefront version.
Specific page tables need no trigger of their own: publishing writes wagtailcore_page."""

from django.db import migrations

TABLE = "wagtailcore_page"
BUMP = (
    "INSERT INTO search_catalogversion (id, version, epoch) VALUES (3, 1, {random}) "
    "ON CONFLICT (id) DO UPDATE SET version = search_catalogversion.version + 1"
)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        bump = BUMP.format(random="(random() * 9e15)::bigint")
        statements = [
            "CREATE OR REPLACE FUNCTION search_bump_content_version() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {bump}; RETURN NULL; END $$",
            f"CREATE TRIGGER search_bump_content_{TABLE} AFTER INSERT OR DELETE OR UPDATE "
            f"ON {TABLE} FOR EACH STATEMENT EXECUTE FUNCTION search_bump_content_version()",
            f"CREATE TRIGGER search_bump_content_{TABLE}_truncate AFTER TRUNCATE ON {TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION search_bump_content_version()",
        ]
    elif vendor == "sqlite":
        bump = BUMP.format(random="abs(random())")
        statements = [
            f"CREATE TRIGGER search_bump_content_{TABLE}_{event.lower()} AFTER {event} "
            f"ON {TABLE} BEGIN {bump}; END"
            for event in ("INSERT", "DELETE", "UPDATE")
        ]
    else:
        raise RuntimeError(f"No content-version triggers for {vendor}: pages would be stale.")
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in (f"search_bump_content_{TABLE}", f"search_bump_content_{TABLE}_truncate"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {TABLE}")
        schema_editor.execute("DROP FUNCTION IF EXISTS search_bump_content_version()")
    else:
        for event in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS search_bump_content_{TABLE}_{event}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_storefront_sort_indexes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
