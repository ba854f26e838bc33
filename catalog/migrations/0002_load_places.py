"""Loads today's 34 provinces and 3,321 communes from the vietnam-provinces package.
Re-running updates names in place (a later package release may rename a unit)."""

from django.db import migrations


def load_places(apps, schema_editor):
    from catalog.places import load_places as load

    load(apps.get_model("catalog", "Province"), apps.get_model("catalog", "Commune"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(load_places, migrations.RunPython.noop)]
