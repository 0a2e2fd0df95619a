"""The dependency rules of DESIGN.md section 2 hold (import-linter contracts in pyproject.toml)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 6 kept, 0 broken." in result.stdout


# DESIGN.md section 2: every domain package has the same slots, so anything is found in one look.
DOMAIN_PACKAGES = ("casework", "sellers", "complaints", "ipr", "insight")
SLOTS = {
    "__init__.py",
    "models",
    "workflow.py",
    "kind.py",
    "kinds.py",
    "services",
    "views",
    "api",
    "forms",
    "jobs.py",
    "cli.py",
    "demo.py",
    "labels.py",
}
AUDIENCES = {
    "__init__.py",
    "public.py",
    "consumer.py",
    "holder.py",
    "seller.py",
    "officer.py",
    "supervisor.py",
    "admin.py",
}
KEEPS_NO_COMMIT = {"services", "views", "api", "forms", "models", "kind.py", "workflow.py"}


def _slot(path: Path) -> str:
    return (
        path.stem if path.suffix == ".py" and path.stem in {"models", "api", "forms"} else path.name
    )


def test_every_domain_package_has_the_same_slots() -> None:
    for package in DOMAIN_PACKAGES:
        entries = [path for path in (ROOT / package).iterdir() if path.name != "__pycache__"]
        stray = sorted(path.name for path in entries if _slot(path) not in SLOTS)
        assert not stray, f"{package}/ has files outside the slots of DESIGN.md §2: {stray}"
        assert {"__init__.py", "models", "services", "views"} <= {_slot(p) for p in entries}, (
            package
        )


def test_views_are_split_by_audience_with_one_blueprint_each() -> None:
    for package in DOMAIN_PACKAGES:
        views = ROOT / package / "views"
        stray = sorted(path.name for path in views.glob("*.py") if path.name not in AUDIENCES)
        assert not stray, f"{package}/views/ has modules that are not an audience: {stray}"
        for module in views.glob("*.py"):
            if module.name != "__init__.py":
                assert module.read_text().count("Blueprint(") == 1, module


def test_only_the_package_init_registers_the_package() -> None:
    for package in DOMAIN_PACKAGES:
        for module in (ROOT / package).rglob("*.py"):
            if module != ROOT / package / "__init__.py":
                assert "def init_app" not in module.read_text(), module


def test_services_and_views_never_commit() -> None:
    """One request is one transaction (core.transaction); jobs commit through core.jobs."""
    for package in DOMAIN_PACKAGES:
        for module in (ROOT / package).rglob("*.py"):
            text = module.read_text()
            assert "session.commit()" not in text and "session.rollback()" not in text, module


def test_no_test_module_imports_another() -> None:
    """Shared helpers live in tests/factories.py (and the fixtures in conftest.py)."""
    for module in (ROOT / "tests").rglob("test_*.py"):
        imports = [
            line
            for line in module.read_text().splitlines()
            if line.startswith(("from tests.", "import tests."))
        ]
        assert not [line for line in imports if ".test_" in line], module
