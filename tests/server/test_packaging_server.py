"""`pip install .` gives a working project: a wheel with every module, migration and command,
installed into a fresh virtualenv, migrates a new database from outside the checkout. The demo
app (invented content, `load_demo`) belongs to the source tree and is not in the wheel."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*command, **kwargs):
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def test_a_plain_install_migrates_a_new_database(tmp_path):
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", str(venv))
    python = venv / "bin" / "python"
    # A copy of the checkout, so that nothing in the working tree (an editable install, a
    # stale build folder) can stand in for what the wheel carries.
    source = tmp_path / "source"
    run("git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(source))
    run(str(python), "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(source))
    wheel = next(tmp_path.glob("newsroom-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for module in Path(ROOT, "articles", "migrations").glob("0*.py"):
        assert f"articles/migrations/{module.name}" in names
    for command in ("ensure_admin", "backup", "restore"):
        assert f"articles/management/commands/{command}.py" in names
    assert "newsroom/settings.py" in names
    top_level = {name.split("/")[0] for name in names if ".dist-info/" not in name}
    assert top_level == {"articles", "newsroom"}  # no demo package

    run(str(python), "-m", "pip", "install", "--quiet", str(wheel))
    elsewhere = tmp_path / "run"
    elsewhere.mkdir()
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_SECRET_KEY": "packaging-test-only",
        "NEWSROOM_VAR_DIR": str(elsewhere / "var"),
        "HOME": str(tmp_path),
    }
    run(str(venv / "bin" / "django-admin"), "migrate", "--noinput", cwd=elsewhere, env=env)
    shown = run(
        str(venv / "bin" / "django-admin"), "showmigrations", "articles", cwd=elsewhere, env=env
    )
    applied = [line for line in shown.stdout.splitlines() if line.strip().startswith("[X]")]
    assert len(applied) == len(list(Path(ROOT, "articles", "migrations").glob("0*.py")))
    # The settings leave the demo app out where it is not installed: no load_demo here.
    commands = run(str(venv / "bin" / "django-admin"), "help", "--commands", cwd=elsewhere, env=env)
    assert "ensure_admin" in commands.stdout.split()
    assert "load_demo" not in commands.stdout.split()
