"""Loads today's 34 provinces and 3,321 communes from the vietnam-provinces package.
Re-running updates names in place (a later package release may rename a unit)."""

from django.db import migrations


def load_places(apps, schema_editor):
    from vietnam_provinces import Province as SourceProvince
    from vietnam_provinces import Ward as SourceWard

    Province = apps.get_model("catalog", "Province")
    Commune = apps.get_model("catalog", "Commune")
    Province.objects.bulk_create(
        [
            Province(
                code=int(p.code),
                name=p.name,
                codename=p.codename,
                division_type=p.division_type.value,
            )
            for p in SourceProvince.iter_all()
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "codename", "division_type"],
    )
    Commune.objects.bulk_create(
        [
            Commune(
                code=int(w.code),
                name=w.name,
                codename=w.codename,
                division_type=w.division_type.value,
                province_id=int(w.province_code),
            )
            for w in SourceWard.iter_all()
        ],
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "codename", "division_type", "province"],
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(load_places, migrations.RunPython.noop)]
