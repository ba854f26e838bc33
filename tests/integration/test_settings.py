"""Settings load in every run mode, and production refuses to start half-configured.

Each case runs in a fresh interpreter (settings are read once per process) with an
environment cleaned of anything this machine or CI may have set.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.LANGUAGE_CODE, settings.OSCAR_DEFAULT_CURRENCY, settings.DEBUG)"
)
SHOW_CACHE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default'].get('LOCATION', ''))"
)
# What docker-compose.yml gives production; a key strong enough for check --deploy.
PRODUCTION = {
    "DJANGO_SECRET_KEY": "prod-test-7Fq2xVb9LmR4sT8wZc1nK6hJ3pY5dG0aUeW-not-a-real-key",
    "ALLOWED_HOSTS": "shop.example.vn",
    "DATABASE_URL": "postgres://u:p@db:5432/x",
}
CLEARED = ("DATABASE_URL", "ALLOWED_HOSTS", "REDIS_URL", "CSRF_TRUSTED_ORIGINS")


def clean_env(settings_module, **variables):
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "SECURE_")) and name not in CLEARED
    }
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    env.update(variables)
    return env


def run(args, settings_module, **variables):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=clean_env(settings_module, **variables),
        capture_output=True,
        text=True,
        timeout=120,
    )


def show(settings_module, code=SHOW, **variables):
    return run(["-c", code], settings_module, **variables)


def skip_if_dotenv_sets(name):
    # base.py reads ROOT/.env, which would supply the variable these tests leave out.
    dotenv = ROOT / ".env"
    if dotenv.exists() and any(
        line.strip().removeprefix("export ").startswith(f"{name}=")
        for line in dotenv.read_text().splitlines()
    ):
        pytest.skip(f"{dotenv} sets {name}")


@pytest.mark.parametrize(
    ("settings_module", "debug"),
    [("shop.settings.dev", "True"), ("shop.settings.test", "False")],
)
def test_dev_and_test_settings_load_in_vietnamese_and_dong(settings_module, debug):
    result = show(settings_module)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["vi", "VND", debug]


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_a_required_variable(missing):
    skip_if_dotenv_sets(missing)
    variables = {name: value for name, value in PRODUCTION.items() if name != missing}
    result = show("shop.settings.production", **variables)
    assert result.returncode != 0
    assert missing in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_production_refuses_an_empty_allowed_hosts():
    result = show("shop.settings.production", **{**PRODUCTION, "ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_loads_with_its_variables_and_debug_off():
    result = show("shop.settings.production", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["vi", "VND", "False"]


def test_production_passes_the_deploy_checks():
    # Nothing reported; the only silenced checks are those production.py says why it silences.
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        "shop.settings.production",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (2 silenced)." in result.stdout
    silenced = show(
        "shop.settings.production",
        code=SHOW.split("print(")[0] + "print(*settings.SILENCED_SYSTEM_CHECKS)",
        **PRODUCTION,
    )
    assert silenced.stdout.split() == ["security.W008", "security.W021"]


def test_production_checks_a_kept_connection_before_reusing_it():
    # After PostgreSQL restarts, each worker reconnects rather than answer 500 on a dead
    # connection (docs/RELIABILITY.md, "PostgreSQL restarted during load").
    code = SHOW.split("print(")[0] + (
        "d = settings.DATABASES['default']; print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = show("shop.settings.production", code=code, **PRODUCTION)
    assert result.stdout.split() == ["60", "True"], result.stderr


def test_production_behind_an_https_proxy_has_no_deploy_warning():
    # What an operator sets once the site is served over HTTPS only.
    hardened = {
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
        "SECURE_HSTS_PRELOAD": "true",
    }
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        "shop.settings.production",
        **PRODUCTION,
        **hardened,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_redis_url_switches_the_cache_to_redis():
    result = show(
        "shop.settings.production",
        code=SHOW_CACHE,
        **PRODUCTION,
        REDIS_URL="redis://redis:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "shop.cache.ResilientRedisCache",
        "redis://redis:6379/0",
    ]


def test_without_redis_url_the_cache_is_local_memory():
    result = show("shop.settings.production", code=SHOW_CACHE, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.cache.backends.locmem.LocMemCache"]
