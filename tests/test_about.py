from __future__ import annotations

from sec_desktop.about import shipped_components


def test_every_runtime_dependency_is_listed_with_a_licence() -> None:
    components = {c.name.lower().replace("_", "-"): c for c in shipped_components()}
    for name in (
        "pyside6-essentials",
        "pyside6-addons",
        "shiboken6",
        "sqlalchemy",
        "alembic",
        "cryptography",
        "reportlab",
        "platformdirs",
    ):
        assert name in components, name
        assert components[name].licence, name
        assert components[name].version, name
    assert "LGPL" in components["pyside6-essentials"].licence
    assert "MIT" in components["sqlalchemy"].licence


def test_development_tools_are_not_listed_as_shipped() -> None:
    names = {c.name.lower() for c in shipped_components()}
    assert not names & {"pytest", "pytest-qt", "hypothesis", "mypy", "ruff", "pyinstaller"}
    assert "sec-desktop" not in names


def test_licence_names_are_short() -> None:
    # A licence field holding the full licence text is reduced to a pointer.
    assert all(len(c.licence) <= 80 for c in shipped_components())
