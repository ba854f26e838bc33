"""Product titles, descriptions and category names in two languages (shop/catalogue/
translation.py): the text already written is the Vietnamese one, copied into the _vi columns
so that existing databases keep showing it; English starts empty (pages fall back)."""

import catalog.fields
from django.db import migrations, models
from django.db.models import F


def copy_into_vietnamese(apps, schema_editor):
    apps.get_model("catalogue", "Product").objects.update(
        title_vi=F("title"), description_vi=F("description")
    )
    apps.get_model("catalogue", "Category").objects.update(name_vi=F("name"))


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0033_typed_html_sanitised_images_validated'),
    ]

    operations = [
        migrations.AddField(
            model_name='category',
            name='name_en',
            field=models.CharField(db_index=True, max_length=255, null=True, verbose_name='Name'),
        ),
        migrations.AddField(
            model_name='category',
            name='name_vi',
            field=models.CharField(db_index=True, max_length=255, null=True, verbose_name='Name'),
        ),
        migrations.AddField(
            model_name='product',
            name='description_en',
            field=catalog.fields.SanitisedHTMLField(blank=True, null=True, verbose_name='Description'),
        ),
        migrations.AddField(
            model_name='product',
            name='description_vi',
            field=catalog.fields.SanitisedHTMLField(blank=True, null=True, verbose_name='Description'),
        ),
        migrations.AddField(
            model_name='product',
            name='title_en',
            field=models.CharField(blank=True, max_length=255, null=True, verbose_name='Title'),
        ),
        migrations.AddField(
            model_name='product',
            name='title_vi',
            field=models.CharField(blank=True, max_length=255, null=True, verbose_name='Title'),
        ),
        migrations.RunPython(copy_into_vietnamese, migrations.RunPython.noop),
    ]
