"""Loading today's provinces and communes from the vietnam-provinces package."""

from vietnam_provinces import Province as SourceProvince
from vietnam_provinces import Ward as SourceWard


def load_places(Province, Commune) -> None:
    """Creates or renames every province and commune; takes the model classes so the data
    migration can pass its historical models. Idempotent."""
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
