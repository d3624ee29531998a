"""docs/architecture.md matches the code: its packages, its layers and the package faces."""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path

import pytest

import cipherwire
from cipherwire import errors

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
PACKAGES = sorted(p.name for p in (ROOT / "cipherwire").iterdir() if (p / "__init__.py").is_file())


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_the_page_lists_every_package() -> None:
    """The package table names each subpackage of cipherwire/, and no other."""
    listed = re.findall(r"^\| `(\w+)/` \|", PAGE, flags=re.M)
    assert sorted(listed) == PACKAGES


def test_the_page_draws_the_contracted_layers() -> None:
    """The layers drawn on the page are the layers contract in pyproject.toml."""
    (layers,) = [c["layers"] for c in _contracts() if c["type"] == "layers"]
    block = PAGE.split("## Who may import whom", 1)[1].split("```text\n", 1)[1].split("```")[0]
    drawn = [line.split(" | ") for line in block.strip().splitlines()]
    assert isinstance(layers, list)
    contracted = [[m.removeprefix("cipherwire.") for m in layer.split(" | ")] for layer in layers]
    assert drawn == contracted


def test_every_package_is_in_a_layer() -> None:
    """No subpackage escapes the layers contract (strategies.py stands outside on purpose)."""
    (layers,) = [c["layers"] for c in _contracts() if c["type"] == "layers"]
    assert isinstance(layers, list)
    layered = {m.removeprefix("cipherwire.") for layer in layers for m in layer.split(" | ")}
    assert set(PACKAGES) | {"errors"} == layered


@pytest.mark.parametrize("package", PACKAGES)
def test_every_package_has_a_face(package: str) -> None:
    """Each subpackage's __init__ exports its API in __all__, and every name exists."""
    module = importlib.import_module(f"cipherwire.{package}")
    names = getattr(module, "__all__", None)
    assert names, f"cipherwire.{package} exports nothing"
    for name in names:
        assert hasattr(module, name), f"cipherwire.{package}.{name}"


def test_every_error_is_exported_from_the_top() -> None:
    """Each error class in cipherwire.errors is importable from cipherwire itself."""
    classes = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, errors.CipherwireError)
    }
    assert classes <= set(cipherwire.__all__)
    assert all(getattr(cipherwire, name) is getattr(errors, name) for name in classes)


def test_every_leaf_error_is_also_a_builtin() -> None:
    """Each error below CipherwireError also subclasses a builtin a caller would catch."""
    for name in errors.__all__:
        cls = getattr(errors, name)
        if cls is errors.CipherwireError:
            continue
        builtins = [b for b in cls.__mro__ if b.__module__ == "builtins" and b is not object]
        assert any(b is not Exception and b is not BaseException for b in builtins), name


def test_version() -> None:
    """cipherwire.__version__ is the installed distribution's version."""
    from importlib.metadata import version

    assert cipherwire.__version__ == version("cipherwire")
