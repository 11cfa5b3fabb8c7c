from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import directus_orm


def _static_exports() -> list[tuple[str, str]]:
    """Return (module, name) of each import in the package's TYPE_CHECKING block.

    That block is what mypy, IDEs and mkdocstrings see; the tests check that the
    runtime gives the same objects.
    """
    tree = ast.parse(Path(directus_orm.__file__).read_text())
    blocks = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    ]
    return [
        (node.module, alias.name)
        for block in blocks
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.module is not None
        for alias in node.names
    ]


STATIC_EXPORTS = _static_exports()


def _fresh(statement: str) -> dict[str, list[str]]:
    """Run ``statement`` in a new interpreter; return its modules and dir(package)."""
    code = (
        f"{statement}\n"
        "import json, sys\n"
        "package = sys.modules['directus_orm']\n"
        "print(json.dumps({'dir': dir(package), 'modules': sorted(sys.modules)}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def _own_modules(modules: list[str]) -> set[str]:
    return {name for name in modules if name.partition(".")[0] == "directus_orm"}


def test_static_imports_are_the_public_names() -> None:
    static = [name for _, name in STATIC_EXPORTS]
    assert sorted(static) == sorted(set(static))
    assert {*static, "__version__"} == set(directus_orm.__all__)


@pytest.mark.parametrize(
    ("module", "name"), STATIC_EXPORTS, ids=[name for _, name in STATIC_EXPORTS]
)
def test_public_name_is_the_object_of_its_defining_module(
    module: str, name: str
) -> None:
    defined = getattr(importlib.import_module(module), name)
    assert getattr(directus_orm, name) is defined


def test_public_classes_show_as_directus_orm() -> None:
    classes = [
        value
        for name in directus_orm.__all__
        if isinstance(value := getattr(directus_orm, name), type)
    ]
    assert classes
    assert {cls.__module__ for cls in classes} == {"directus_orm"}


def test_dir_lists_every_public_name() -> None:
    assert set(directus_orm.__all__) <= set(dir(directus_orm))


def test_unknown_attribute_raises_attribute_error() -> None:
    name = "NoSuchName"
    with pytest.raises(
        AttributeError, match=r"^module 'directus_orm' has no attribute 'NoSuchName'$"
    ):
        getattr(directus_orm, name)
    assert not hasattr(directus_orm, name)


def test_star_import_binds_every_public_name() -> None:
    namespace: dict[str, object] = {}
    exec("from directus_orm import *", namespace)
    for name in directus_orm.__all__:
        assert namespace[name] is getattr(directus_orm, name)


def test_import_loads_only_the_version() -> None:
    fresh = _fresh("import directus_orm")
    assert _own_modules(fresh["modules"]) == {"directus_orm", "directus_orm._version"}
    assert "httpx" not in fresh["modules"]
    assert "pydantic" not in fresh["modules"]


def test_dir_lists_names_not_imported_yet_without_importing_them() -> None:
    fresh = _fresh("import directus_orm")
    assert set(directus_orm.__all__) <= set(fresh["dir"])
    assert _own_modules(fresh["modules"]) == {"directus_orm", "directus_orm._version"}


def test_common_import_leaves_schema_cli_and_testing_unloaded() -> None:
    fresh = _fresh("from directus_orm import Directus, DirectusModel, F")
    loaded = _own_modules(fresh["modules"])
    assert {"directus_orm._client", "directus_orm._models"} <= loaded
    for module in ("directus_orm.schema", "directus_orm._cli", "directus_orm.testing"):
        assert module not in loaded


def test_first_use_shows_the_exceptions_it_loaded_as_directus_orm() -> None:
    # The caller never names ForbiddenError, but a call can raise it: its traceback
    # should read directus_orm.ForbiddenError.
    statement = (
        "from directus_orm import Directus\n"
        "from directus_orm._exceptions import ForbiddenError\n"
        "assert ForbiddenError.__module__ == 'directus_orm', ForbiddenError.__module__"
    )
    _fresh(statement)
