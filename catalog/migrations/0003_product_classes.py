from django.db import migrations


def create_product_classes(apps, schema_editor):
    from catalog.product_classes import ensure_product_classes

    ensure_product_classes(
        apps.get_model("catalogue", "ProductClass"), apps.get_model("catalogue", "Option")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_load_places"),
        ("catalogue", "0032_category_exclude_from_menu_category_long_description"),
    ]

    operations = [migrations.RunPython(create_product_classes, migrations.RunPython.noop)]
