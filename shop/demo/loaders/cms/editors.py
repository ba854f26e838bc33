"""Each demo province's editorial groups and moderation workflow (cms.editorial), and demo
accounts for a province editor and moderator: created once, passwords never reset."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.editorial import province_editorial_setup


def load_editors(specs: list[dict], *, province_pages: dict) -> list[str]:
    groups = {
        name: province_editorial_setup(province_page=page) for name, page in province_pages.items()
    }
    lines = [
        f"Province editorial groups: {len(groups)} provinces, each with editors, moderators "
        "and a moderation workflow"
    ]
    User = get_user_model()
    for spec in specs:
        editorial = groups[spec["province"]]
        group: Group = getattr(editorial, spec["role"])
        user = User._default_manager.filter(username=spec["username"]).first()
        if user is None:
            user = User._default_manager.create_user(
                spec["username"],
                spec["email"],
                spec["password"],
                first_name=spec["first_name"],
                last_name=spec["last_name"],
            )
            state = "created"
        else:
            state = "already there, password left as it was"
        user.groups.add(group)
        role = spec["role"].removesuffix("s")
        login = f"{spec['username']} / {spec['password']}"
        lines.append(f"CMS {role}: {login} ({group.name}; {state})")
    return lines
