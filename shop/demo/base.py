"""What every demo loader shares: the `Demo` it is handed, its data file, and `upsert`.

A loader is a module with `load(demo: Demo) -> None`. It finds what an earlier loader made by
its natural key (a UPC, a partner code, a username), never by a primary key, so loading twice
leaves the database as loading once did.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.auth.models import AbstractBaseUser
from django.core.management.base import CommandError, OutputWrapper


@dataclass(frozen=True)
class SiteAddress:
    """The address people open the shop at (the SITE_URL setting), e.g. http://127.0.0.1:8000."""

    url: str  # no trailing slash: paths are appended to it
    hostname: str
    port: int

    @property
    def domain(self) -> str:
        """host[:port] as the Django site stores it: no port when it is the scheme's own."""
        return urlsplit(self.url).netloc

    @classmethod
    def parse(cls, url: str) -> "SiteAddress":
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CommandError(
                f"SITE_URL {url!r} is not an address like http://127.0.0.1:8000 "
                "(set it to where the shop is served)."
            )
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:
            raise CommandError(f"SITE_URL {url!r}: {error}.") from error
        return cls(url=f"{parts.scheme}://{parts.netloc}", hostname=parts.hostname, port=port)


@dataclass
class Demo:
    """Handed to each loader in turn: the options, where to report, and the administrator who
    verifies producers and signs certificates (made by the first loader)."""

    stdout: OutputWrapper
    site: SiteAddress
    images: bool = True
    admin: AbstractBaseUser | None = None  # the demo superuser, set by loaders/shop.py

    def say(self, line: str) -> None:
        self.stdout.write(line)


def read_data(path: Path) -> dict:
    """A loader's data file (JSON beside it)."""
    return json.loads(path.read_text(encoding="utf-8"))


def upsert(model, lookup: dict, values: dict):
    """The row found by its natural key, created or brought up to date. Saved only when a
    value differs, so a second load leaves even `date_updated` untouched."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save()
    return obj
