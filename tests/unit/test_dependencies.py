"""Dependencies point one way (ARCHITECTURE.md): `catalog` imports none of `shop`, `cms`,
`search`, and `cms` never reaches into checkout, orders or payments.

Read from the source, not from a running process: every .py file is parsed and each import
resolved, wherever it sits (module top, inside a function, relative), together with the ways
Django and Oscar load code by name (`import_module`, `get_model`, `get_class`, a model field
pointing at "app_label.Model").
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What each package must not depend on: module prefixes, and app labels for loads by name.
RULES = {
    "catalog": {
        "modules": ("shop", "cms", "search"),
        "labels": ("cms", "search", "demo"),
    },
    "cms": {
        "modules": (
            "shop.checkout",
            "shop.order",
            "shop.payments",
            "oscar.apps.checkout",
            "oscar.apps.order",
            "oscar.apps.payment",
        ),
        "labels": ("checkout", "order", "payment"),
    },
}
LOADERS_BY_NAME = {"import_module", "__import__"}
OSCAR_LOADERS = {"get_model", "get_class", "get_classes", "get_profile_class"}
RELATION_FIELDS = {
    "ForeignKey",
    "OneToOneField",
    "ManyToManyField",
    "ParentalKey",
    "ParentalManyToManyField",
}


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _first_string(call: ast.Call) -> str | None:
    args = [*call.args[:1], *(k.value for k in call.keywords if k.arg in ("to", "app_label"))]
    for arg in args:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return arg.value
    return None


def dependencies(source: str, module: str, *, is_package: bool) -> Iterator[tuple[int, str, str]]:
    """(line, kind, name) for everything the source depends on: kind "module" with a dotted
    module path, or "label" with a Django app label."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, "module", alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, node.module] if node.module else parts)
            else:
                base = node.module
            yield node.lineno, "module", base
            # `from shop import demo` imports the module shop.demo.
            for alias in node.names:
                yield node.lineno, "module", f"{base}.{alias.name}"
        elif isinstance(node, ast.Call):
            name, target = _name(node.func), _first_string(node)
            if target is None:
                continue
            if name in LOADERS_BY_NAME:
                yield node.lineno, "module", target
            elif name in OSCAR_LOADERS | RELATION_FIELDS:
                # get_model("cms", "HomePage"), get_model("cms.HomePage"),
                # get_class("search.forms", ...), ForeignKey("cms.HomePage").
                yield node.lineno, "label", target.split(".")[0]


def _matches(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(f"{prefix}.") for prefix in prefixes)


def violations(package: str, root: Path = ROOT) -> list[str]:
    rule = RULES[package]
    found = []
    for path in sorted((root / package).rglob("*.py")):
        module = module_name(path, root)
        is_package = path.name == "__init__.py"
        source = path.read_text(encoding="utf-8")
        found_here = dependencies(source, module, is_package=is_package)
        for line, kind, name in sorted(found_here, key=lambda dependency: dependency[0]):
            forbidden = rule["modules"] if kind == "module" else rule["labels"]
            if _matches(name, forbidden):
                found.append(f"{path.relative_to(root)}:{line} depends on {kind} {name}")
    return found


@pytest.mark.parametrize("package", sorted(RULES))
def test_dependencies_point_one_way(package):
    assert (ROOT / package / "__init__.py").exists()
    assert violations(package) == []


def test_every_way_of_importing_is_seen(tmp_path):
    # A catalog that breaks the rule in each way a module can hide a dependency.
    demo = tmp_path / "catalog" / "demo"
    demo.mkdir(parents=True)
    (tmp_path / "catalog" / "__init__.py").write_text("")
    (demo / "__init__.py").write_text("from .. import selectors\n")
    (demo / "site.py").write_text(
        "import json\n"
        "from catalog.models import Producer\n"
        "def load():\n"
        "    from cms.models import HomePage\n"
        "    import search.indexing\n"
        "    from shop import demo\n"
        "    return importlib.import_module('search.documents')\n"
        "Page = get_model('cms', 'HomePage')\n"
        "Form = get_class('search.forms', 'SearchForm')\n"
        "page = models.ForeignKey('cms.HomePage', on_delete=models.CASCADE)\n"
        "Basket = get_model('basket', 'Basket')\n"
    )

    assert violations("catalog", root=tmp_path) == [
        "catalog/demo/site.py:4 depends on module cms.models",
        "catalog/demo/site.py:4 depends on module cms.models.HomePage",
        "catalog/demo/site.py:5 depends on module search.indexing",
        "catalog/demo/site.py:6 depends on module shop",
        "catalog/demo/site.py:6 depends on module shop.demo",
        "catalog/demo/site.py:7 depends on module search.documents",
        "catalog/demo/site.py:8 depends on label cms",
        "catalog/demo/site.py:9 depends on label search",
        "catalog/demo/site.py:10 depends on label cms",
    ]


def test_relative_imports_resolve_from_their_package():
    source = "from ..models import Producer\nfrom . import x\n"
    found = sorted(dependencies(source, "a.b.c", is_package=False))
    assert [name for _, _, name in found] == [
        "a.models",
        "a.models.Producer",
        "a.b",
        "a.b.x",
    ]
