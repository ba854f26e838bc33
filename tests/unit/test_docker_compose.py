"""The production stack as docker-compose.yml and the Dockerfile describe it (no Docker needed).

What an operator would hit on `docker compose up`: a missing service or healthcheck, web
and worker on different images or settings, a database URL pointing at the wrong
database, a volume that was never declared, a setting production.py requires that
compose never passes, or a server/worker command that does not exist.
"""

import ast
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
SERVICES = {"web", "worker", "postgres", "elasticsearch", "redis"}
APP_ENV = (
    "DJANGO_SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
)
# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}
INTERPOLATION = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def environment(service):
    """A service's environment as a dict, whether written as a mapping or a list."""
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return {name: "" if value is None else str(value) for name, value in env.items()}


def resolve(value, shell_env=None):
    """Compose's variable interpolation; a required variable that is unset raises."""
    shell_env = shell_env or {}

    def substitute(match):
        name, op, arg = match["name"], match["op"], match["arg"]
        if name in shell_env and (shell_env[name] or op is None or not op.startswith(":")):
            return shell_env[name]
        if op and op.endswith("?"):
            raise LookupError(f"{name}: {arg}")
        return arg if op else ""

    return INTERPOLATION.sub(substitute, value)


def command_text(command):
    return " ".join(command) if isinstance(command, list) else command


def env_reads_without_default(path):
    """Names read by env("X"), env.list("X"), env.db("X")... calls that have no default=."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        is_env = (isinstance(func, ast.Name) and func.id == "env") or (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "env"
        )
        has_default = any(keyword.arg == "default" for keyword in node.keywords)
        if (
            is_env
            and not has_default
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
    return names


def dockerfile_instructions():
    """(INSTRUCTION, arguments) pairs of the Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, arguments = line.partition(" ")
            instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def test_the_five_services_exist(services):
    assert set(services) >= SERVICES


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_every_service_has_a_healthcheck(services, name):
    healthcheck = services[name].get("healthcheck")
    assert healthcheck, f"{name} has no healthcheck"
    assert not healthcheck.get("disable", False)
    test = healthcheck["test"]
    assert test not in (["NONE"], "NONE")
    assert command_text(test).strip()


def test_web_and_worker_run_the_same_image_with_the_same_environment(services):
    web, worker = services["web"], services["worker"]
    assert web.get("build") is not None
    assert web.get("build") == worker.get("build")
    assert web.get("image") == worker.get("image")
    assert environment(web) == environment(worker)


@pytest.mark.parametrize("name", ["web", "worker"])
def test_web_and_worker_get_the_production_settings_and_services(services, name):
    env = environment(services[name])
    assert env.get("DJANGO_SETTINGS_MODULE") == "shop.settings.production"
    missing = [variable for variable in APP_ENV if not env.get(variable)]
    assert not missing, f"{name} lacks {missing}"
    assert resolve(env["ELASTICSEARCH_URL"]).startswith("http://elasticsearch:")
    assert urlsplit(resolve(env["REDIS_URL"])).hostname == "redis"
    assert resolve(env["SEARCH_BACKEND"]) == "elasticsearch"


def test_compose_refuses_to_start_without_a_secret_key(services):
    secret = environment(services["web"])["DJANGO_SECRET_KEY"]
    with pytest.raises(LookupError, match="DJANGO_SECRET_KEY"):
        resolve(secret)
    assert resolve(secret, {"DJANGO_SECRET_KEY": "s3cret"}) == "s3cret"


def test_default_allowed_hosts_answer_on_localhost(services):
    hosts = resolve(environment(services["web"])["ALLOWED_HOSTS"]).split(",")
    assert {"localhost", "127.0.0.1"} <= set(hosts)


def test_database_url_points_at_the_postgres_service(services):
    url = urlsplit(resolve(environment(services["web"])["DATABASE_URL"]))
    postgres = environment(services["postgres"])
    assert url.scheme in {"postgres", "postgresql", "pgsql"}
    assert url.hostname == "postgres"
    assert (url.port or 5432) == 5432
    assert url.username == resolve(postgres["POSTGRES_USER"])
    assert url.password == resolve(postgres["POSTGRES_PASSWORD"])
    assert url.path.lstrip("/") == resolve(postgres.get("POSTGRES_DB", postgres["POSTGRES_USER"]))


def test_elasticsearch_is_version_8_single_node(services):
    elasticsearch = services["elasticsearch"]
    image, _, tag = elasticsearch["image"].rpartition(":")
    assert image.endswith("elasticsearch/elasticsearch")
    assert tag.split(".")[0] == "8", tag
    env = environment(elasticsearch)
    assert env.get("discovery.type") == "single-node"
    assert env.get("xpack.security.enabled") == "false"  # the app connects over plain HTTP


def test_named_volumes_are_declared(compose, services):
    declared = set(compose.get("volumes") or {})
    used = set()
    for service in services.values():
        for volume in service.get("volumes", []):
            source = volume["source"] if isinstance(volume, dict) else volume.split(":")[0]
            if not source.startswith((".", "/", "~")):  # bind mounts need no declaration
                used.add(source)
    assert used <= declared, f"undeclared volumes: {used - declared}"
    assert {"pgdata", "esdata", "media"} <= used


def test_data_lives_in_volumes(services):
    def targets(name):
        return {
            volume["target"] if isinstance(volume, dict) else volume.split(":")[1]
            for volume in services[name].get("volumes", [])
        }

    assert "/var/lib/postgresql/data" in targets("postgres")
    assert "/usr/share/elasticsearch/data" in targets("elasticsearch")
    media_root = resolve(environment(services["web"])["MEDIA_ROOT"])
    assert media_root in targets("web")
    assert media_root in targets("worker")  # tasks may write files shoppers then see


@pytest.mark.parametrize("dependency", ["postgres", "redis", "elasticsearch"])
def test_web_waits_for_healthy_backing_services(services, dependency):
    depends_on = services["web"]["depends_on"]
    assert depends_on[dependency]["condition"] == "service_healthy"


def test_worker_starts_after_the_database_is_ready(services):
    depends_on = services["worker"]["depends_on"]
    conditions = {name: spec.get("condition") for name, spec in depends_on.items()}
    assert "service_healthy" in (conditions.get("web"), conditions.get("postgres"))


def test_web_migrates_then_serves_shop_wsgi_on_the_published_port(services):
    web = services["web"]
    command = command_text(web["command"])
    assert "migrate --noinput" in command
    assert command.index("migrate") < command.index("gunicorn")
    assert "shop.wsgi:application" in command
    assert "0.0.0.0:8000" in command
    assert any(str(port).endswith(":8000") for port in web["ports"])
    assert "http://127.0.0.1:8000/" in command_text(web["healthcheck"]["test"])


def test_worker_runs_the_database_task_worker(services):
    assert command_text(services["worker"]["command"]).split()[-1] == "db_worker"
    assert get_commands().get("db_worker") == "django_tasks_db"


def test_every_setting_production_requires_is_given_to_web(services):
    settings_dir = ROOT / "shop" / "settings"
    required = env_reads_without_default(settings_dir / "production.py")
    required |= env_reads_without_default(settings_dir / "base.py")
    assert {"DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"} <= required
    env = environment(services["web"])
    missing = sorted(name for name in required if not env.get(name))
    assert not missing, f"production.py requires {missing}, docker-compose.yml does not set it"


def test_dockerfile_serves_shop_wsgi_as_a_non_root_user():
    instructions = dockerfile_instructions()
    keywords = [keyword for keyword, _ in instructions]
    assert instructions[0][0] == "FROM" and "python:3.11" in instructions[0][1]

    cmd = json.loads(next(args for keyword, args in instructions if keyword == "CMD"))
    assert cmd[0] == "gunicorn"
    target = next(arg for arg in cmd if ":application" in arg)
    module = target.split(":")[0]
    assert module == "shop.wsgi"
    assert (ROOT / Path(*module.split("."))).with_suffix(".py").exists()
    assert "0.0.0.0:8000" in cmd
    assert ("EXPOSE", "8000") in instructions

    users = [args for keyword, args in instructions if keyword == "USER"]
    assert users and users[-1] not in {"root", "0"}
    assert keywords.index("USER") < keywords.index("CMD")


def test_dockerfile_installs_from_the_lock_and_prepares_static_files():
    runs = [args for keyword, args in dockerfile_instructions() if keyword == "RUN"]
    assert any("pip install" in run and "-c requirements.lock" in run for run in runs)
    collectstatic = next(run for run in runs if "collectstatic" in run)
    for variable in ("DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
        assert f"{variable}=" in collectstatic  # dummy values for the build step only
    if list(ROOT.glob("locale/*/LC_MESSAGES/django.po")):
        assert any("compile" in run and "django.po" in run for run in runs)


def test_dockerignore_keeps_local_data_and_secrets_out_of_the_image():
    ignored = {
        line.strip().rstrip("/")
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    expected = {".venv", ".git", ".env", "db.sqlite3", "media", "staticfiles", ".test-media"}
    assert expected <= ignored
    assert any("__pycache__" in pattern for pattern in ignored)
