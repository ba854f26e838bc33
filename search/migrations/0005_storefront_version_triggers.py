"""A second CatalogVersion row (id 2) for what storefront fragments show beyond search
answers: stock levels, pictures, batches, quality certifications and product groups.
Kept apart from row 1 because every order changes stock, and search answers (cached under
row 1 alone) do not depend on it; cached fragments are keyed on both rows."""

from django.db import migrations

# table: the columns whose UPDATE bumps (None: any column)
WATCHED = {
    "partner_stockrecord": "num_in_stock, num_allocated",
    "catalogue_productimage": None,
    "catalog_batch": None,
    "catalog_qualitycertification": None,
    "catalogue_category": None,
    "catalogue_productcategory": None,
}
BUMP = (
    "INSERT INTO search_catalogversion (id, version, epoch) VALUES (2, 1, {random}) "
    "ON CONFLICT (id) DO UPDATE SET version = search_catalogversion.version + 1"
)


def _name(table):
    return f"search_bump_shown_{table}"


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = []
    if vendor == "postgresql":
        bump = BUMP.format(random="(random() * 9e15)::bigint")
        statements.append(
            "CREATE OR REPLACE FUNCTION search_bump_storefront_version() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {bump}; RETURN NULL; END $$"
        )
        for table, columns in WATCHED.items():
            update = f"UPDATE OF {columns}" if columns else "UPDATE"
            statements += [
                f"CREATE TRIGGER {_name(table)} AFTER INSERT OR DELETE OR {update} ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION search_bump_storefront_version()",
                f"CREATE TRIGGER {_name(table)}_truncate AFTER TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION search_bump_storefront_version()",
            ]
    elif vendor == "sqlite":
        bump = BUMP.format(random="abs(random())")
        for table, columns in WATCHED.items():
            for event in ["INSERT", "DELETE", f"UPDATE OF {columns}" if columns else "UPDATE"]:
                statements.append(
                    f"CREATE TRIGGER {_name(table)}_{event.split()[0].lower()} AFTER {event} "
                    f"ON {table} BEGIN {bump}; END"
                )
    else:
        raise RuntimeError(f"No storefront-version triggers for {vendor}: pages would be stale.")
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in WATCHED:
        if vendor == "postgresql":
            for name in (_name(table), f"{_name(table)}_truncate"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        else:
            for event in ("insert", "delete", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {_name(table)}_{event}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS search_bump_storefront_version()")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_catalog_version"),
        ("catalog", "0005_producer_story_sanitised_photo_validated"),
        ("catalogue", "0033_typed_html_sanitised_images_validated"),
        ("partner", "0007_partneraddress_code"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
