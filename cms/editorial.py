"""Who edits which province: a group of editors and a group of moderators per province page,
each limited to that province's pages (in every language), and a moderation workflow on that
subtree: an editor submits, a moderator of the same province publishes.

`province_editorial_setup` is idempotent; the admin runs it when a province page is created
or translated (cms/wagtail_hooks.py), and load_demo runs it for the demo's provinces.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
MODERATOR_PAGE_PERMISSIONS = (*EDITOR_PAGE_PERMISSIONS, "publish_page", "lock_page", "unlock_page")
# Pictures and documents go into the province's own collection.
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
# Into the CMS at all, and the "Translate" action that makes the English copy of a page.
GLOBAL_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("simple_translation", "submit_translation"),
)


@dataclass(frozen=True)
class ProvinceEditorial:
    editors: Group
    moderators: Group
    workflow: Workflow
    collection: Collection


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _names(province) -> dict:
    # Stored once, so always in the site's language whatever the admin's is.
    with translation.override(settings.LANGUAGE_CODE):
        place = {"province": province.short_name}
        return {
            "editors": _("%(province)s editors") % place,
            "moderators": _("%(province)s moderators") % place,
            "workflow": _("%(province)s moderation") % place,
            "task": _("%(province)s moderator approval") % place,
        }


@transaction.atomic
def province_editorial_setup(*, province_page) -> ProvinceEditorial:
    """The groups, permissions, picture collection and workflow of `province_page`'s province,
    applied to the page and each of its translations."""
    names = _names(province_page.province)
    editors, _created = Group.objects.get_or_create(name=names["editors"])
    moderators, _created = Group.objects.get_or_create(name=names["moderators"])
    for group in (editors, moderators):
        group.permissions.add(*(_permission(*perm) for perm in GLOBAL_PERMISSIONS))

    pages = list(province_page.get_translations(inclusive=True))
    for group, codenames in (
        (editors, EDITOR_PAGE_PERMISSIONS),
        (moderators, MODERATOR_PAGE_PERMISSIONS),
    ):
        for page in pages:
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=_permission("wagtailcore", codename)
                )

    collection = _collection(province_page.province.short_name)
    for group in (editors, moderators):
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )

    workflow, _created = Workflow.objects.get_or_create(name=names["workflow"])
    task = GroupApprovalTask.objects.filter(name=names["task"]).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=names["task"])
    task.groups.set([moderators])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return ProvinceEditorial(
        editors=editors, moderators=moderators, workflow=workflow, collection=collection
    )


def _collection(name: str) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)
