"""Producer stories and certificates' issuing bodies in two languages (catalog/translation.py):
the text already written is the Vietnamese one, copied into the _vi columns so that existing
databases keep showing it; English starts empty (pages fall back)."""

import catalog.fields
from django.db import migrations, models
from django.db.models import F

STORY_FIELDS = ("story_history", "story_people", "story_village", "story_raw_material", "story_culture")


def copy_into_vietnamese(apps, schema_editor):
    apps.get_model("catalog", "Producer").objects.update(
        **{f"{name}_vi": F(name) for name in STORY_FIELDS}
    )
    apps.get_model("catalog", "Certificate").objects.update(issuing_body_vi=F("issuing_body"))


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0006_portal_roles_pending_certificates'),
    ]

    operations = [
        migrations.AddField(
            model_name='certificate',
            name='issuing_body_en',
            field=models.CharField(max_length=255, null=True, verbose_name='issuing body'),
        ),
        migrations.AddField(
            model_name='certificate',
            name='issuing_body_vi',
            field=models.CharField(max_length=255, null=True, verbose_name='issuing body'),
        ),
        migrations.AddField(
            model_name='producer',
            name='story_culture_en',
            field=catalog.fields.SanitisedHTMLField(blank=True, null=True, verbose_name='culture'),
        ),
        migrations.AddField(
            model_name='producer',
            name='story_culture_vi',
            field=catalog.fields.SanitisedHTMLField(blank=True, null=True, verbose_name='culture'),
        ),
        migrations.AddField(
            model_name='producer',
            name='story_history_en',
            field=catalog.fields.SanitisedHTMLField(blank=True, null=True, verbose_name='history'),
        ),
        migrations.AddField(
            model_name='producer',
            name='story_history_vi',
            field=catalog.fields.SanitisedHTMLField(blank=True, null=True, verbose_name='history'),
        ),
        migrations.AddField(
            model_name='producer',
            name='story_people_en',
            field=catalog.fields.SanitisedHTMLField(blank=True, null=True, verbose_name='the people'),
        ),
        migrations.AddField(
            model_name='producer',
            name='story_people_vi',
            field=catalog.fields.SanitisedHTMLField(blank=True, null=True, verbose_name='the people'),
        ),
        migrations.AddField(
            model_name='producer',
            name='story_raw_material_en',
            field=catalog.fields.SanitisedHTMLField(blank=True, null=True, verbose_name='raw-material area'),
        ),
        migrations.AddField(
            model_name='producer',
            name='story_raw_material_vi',
            field=catalog.fields.SanitisedHTMLField(blank=True, null=True, verbose_name='raw-material area'),
        ),
        migrations.AddField(
            model_name='producer',
            name='story_village_en',
            field=catalog.fields.SanitisedHTMLField(blank=True, null=True, verbose_name='the village'),
        ),
        migrations.AddField(
            model_name='producer',
            name='story_village_vi',
            field=catalog.fields.SanitisedHTMLField(blank=True, null=True, verbose_name='the village'),
        ),
        migrations.RunPython(copy_into_vietnamese, migrations.RunPython.noop),
    ]
