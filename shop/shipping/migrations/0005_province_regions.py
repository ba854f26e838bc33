from django.db import migrations


def load(apps, schema_editor):
    from shop.shipping.regions import load_regions

    load_regions(apps.get_model("shipping", "ProvinceRegion"), apps.get_model("catalog", "Province"))


class Migration(migrations.Migration):
    dependencies = [("shipping", "0004_rate_table"), ("catalog", "0002_load_places")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
