from django.db import migrations


def add_vietnam(apps, schema_editor):
    Country = apps.get_model("address", "Country")
    Country.objects.get_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "printable_name": "Việt Nam",
            "name": "Cộng hoà Xã hội Chủ nghĩa Việt Nam",
            "is_shipping_country": True,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("address", "0008_useraddress_province_commune")]

    operations = [migrations.RunPython(add_vietnam, migrations.RunPython.noop)]
