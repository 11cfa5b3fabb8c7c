"""Run every example of the documentation (``docs_src/``) against the real server.

Each test imports one example, runs its ``main`` against the session's Directus and
checks what it returned and printed. The pages include these files with
pymdownx.snippets, so a page cannot show code that does not run. Two more checks keep
the set closed: every example file is run here, and every one is included by a page.
"""

from __future__ import annotations

import ast
import importlib
import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from directus_orm import Directus
from directus_orm.testing import DirectusServer

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs_src"
DOCS = ROOT / "docs"
# Shared by several examples (and run by them), not examples of their own.
SHARED = {"docs_src/__init__.py", "docs_src/catalog.py", "docs_src/library.py"}
SNIPPET = re.compile(r'--8<--\s+"([^"]+?)(?::[\w-]+)?"')


async def run(module: str, server: DirectusServer) -> Any:
    """Import ``docs_src.<module>`` and return what its ``main(server)`` returns."""
    main: Callable[[DirectusServer], Awaitable[Any]] = importlib.import_module(
        f"docs_src.{module}"
    ).main
    return await main(server)


def names(rows: list[Any]) -> list[str]:
    return [row.name if hasattr(row, "name") else row["name"] for row in rows]


# -- the set of examples -------------------------------------------------------------


def example_files() -> list[str]:
    files = [
        path.relative_to(ROOT).as_posix()
        for path in sorted(EXAMPLES.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    ]
    return [
        path
        for path in files
        if path not in SHARED and not path.endswith("__init__.py")
    ]


def test_every_example_is_run_here() -> None:
    source = Path(__file__).read_text()
    for path in example_files():
        dotted = path.removeprefix("docs_src/").removesuffix(".py").replace("/", ".")
        named = f'"{dotted}"' in source or f'"{Path(path).name}"' in source
        assert named, f"{path} is not used by any test here"


def test_every_example_is_included_by_a_page() -> None:
    included = {
        match.group(1)
        for page in DOCS.rglob("*.md")
        for match in SNIPPET.finditer(page.read_text())
    }
    for path in example_files():
        assert path in included, f"{path} is in no page"
    for path in included:
        assert (ROOT / path).is_file(), f"a page includes {path}, which does not exist"


# -- Introduction and Quickstart -----------------------------------------------------


async def test_overview(directus_server: DirectusServer) -> None:
    found = await run("introduction.overview", directus_server)
    assert found["veg"] == ["carrot", "fennel"]
    assert (found["cheapest"].name, found["cheapest"].stock) == ("apple", 5)


async def test_quickstart(
    directus_server: DirectusServer, capsys: pytest.CaptureFixture[str]
) -> None:
    found = await run("quickstart.first_steps", directus_server)
    assert found["classics"] == ["Dune", "Neuromancer", "Hyperion"]
    assert (found["top"].title, found["top"].rating) == ("Dune", 4.7)
    assert found["left"] == ["Dune", "Neuromancer", "Hyperion"]
    assert capsys.readouterr().out.splitlines()[:2] == [
        "['Dune', 'Neuromancer', 'Hyperion']",
        "1",
    ]


async def test_readme_example(directus_server: DirectusServer) -> None:
    """The README's example runs, with the URL, token and collection swapped."""
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    assert len(blocks) == 1
    (code,) = blocks
    assert len(code.splitlines()) <= 16
    collection = f"readme_products_{uuid.uuid4().hex[:8]}"
    swapped = (
        code.replace('"http://127.0.0.1:8055"', repr(directus_server.url))
        .replace('"my-token"', repr(directus_server.token))
        .replace('"products"', repr(collection))
    )
    assert swapped.count(directus_server.token) == 1
    async with Directus(directus_server.url, token=directus_server.token) as admin:
        await admin.collections.create(
            collection,
            fields=[
                {
                    "field": "id",
                    "type": "integer",
                    "schema": {"is_primary_key": True, "has_auto_increment": True},
                },
                {"field": "name", "type": "string", "schema": {}},
                {"field": "price", "type": "float", "schema": {}},
                {"field": "stock", "type": "integer", "schema": {}},
            ],
        )
        try:
            namespace: dict[str, Any] = {"__name__": "readme_example"}
            compiled = compile(
                swapped, "README.md", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
            )
            await eval(compiled, namespace)
            rows = (await admin.collection(collection).read()).items
        finally:
            await admin.collections.delete(collection)
    assert [(row["name"], row["price"]) for row in rows] == [("pen", 2.0)]
    assert names(namespace["in_stock"]) == ["pen"]


# -- Connecting and authentication ---------------------------------------------------


async def test_static_token(directus_server: DirectusServer) -> None:
    found = await run("connecting.static_token", directus_server)
    assert found["me"] == directus_server.email
    assert found["repr"] == f"Directus({directus_server.url!r}, token=**********)"
    assert {"email": directus_server.email} in found["users"]


async def test_login(directus_server: DirectusServer) -> None:
    found = await run("connecting.login", directus_server)
    for way in ("awaited", "after refresh", "async with", "async with await"):
        assert found[way] == directus_server.email
    assert found["manual login"] == directus_server.email
    assert found["wrong password"] == (401, "INVALID_CREDENTIALS")


async def test_several_users(directus_server: DirectusServer) -> None:
    found = await run("connecting.several_users", directus_server)
    assert found["who"] == [directus_server.email, found["editor"]]
    assert found["still_open"] is True


# -- Queries ---------------------------------------------------------------------------


async def test_lookups(
    directus_server: DirectusServer, capsys: pytest.CaptureFixture[str]
) -> None:
    found = await run("queries.lookups", directus_server)
    assert len(found) == 26
    assert found["F(stock=None)"] == ["carrot"]
    assert found["F(price__between=[1, 3])"] == ["apple", "eggplant", "fennel"]
    # The page shows this file as the example's output.
    shown = (EXAMPLES / "queries" / "lookups_output.txt").read_text()
    assert capsys.readouterr().out == shown


async def test_f_objects(directus_server: DirectusServer) -> None:
    found = await run("queries.f_objects", directus_server)
    assert found["combined"] == ["apple", "banana", "carrot", "durian", "fennel"]
    assert found["combined_filter"] == (
        '{"_or":[{"price":{"_lt":1}},{"category":{"_eq":"veg"}},'
        '{"_and":[{"category":{"_eq":"fruit"}},{"stock":{"_gt":0}}]}]}'
    )
    assert found["chain_equal"] is True
    assert found["chain"] == ["apple", "durian"]
    assert found["raw"] == ["apple", "banana", "carrot", "fennel"]
    assert found["counts"] == (3, 2)
    assert found["identity"] is True


async def test_negation(directus_server: DirectusServer) -> None:
    found = await run("queries.negation", directus_server)
    assert found["compiled"] == (
        '{"_or":[{"category":{"_neq":"fruit"}},{"stock":{"_lte":0}}]}'
    )
    assert found["de_morgan"] == ["banana", "carrot", "eggplant", "fennel"]
    assert found["eq"] == ["banana", "eggplant"]
    assert found["not_eq"] == found["exclude"] == ["apple", "durian", "fennel"]
    assert found["complement"] == ["apple", "carrot", "durian", "fennel"]
    assert "_nicontains" in found["no_inverse"]


async def test_sort_and_page(directus_server: DirectusServer) -> None:
    found = await run("queries.sort_page", directus_server)
    assert found["by_price"] == ["durian", "fennel", "eggplant"]
    assert found["same"] == {"sort": "-price"}
    assert found["mixed"] == ["carrot", "fennel", "apple"]
    assert found["offset"] == ["carrot", "durian"]
    assert found["page"] == ["eggplant", "fennel"]
    assert found["first_last"] == ("apple", "fennel")
    assert found["cheapest"] == "banana"
    assert found["counts"] == (1, 2, 6)
    assert found["streamed"] == [
        "apple", "banana", "carrot", "durian", "eggplant", "fennel",
    ]  # fmt: skip


async def test_fields_alias_search(directus_server: DirectusServer) -> None:
    found = await run("queries.fields_search", directus_server)
    assert found["slim"] == [
        {"name": "apple", "price": 1.5},
        {"name": "banana", "price": 0.5},
    ]
    assert found["renamed"] == {"id": 3, "label": "carrot"}
    assert found["search"] == ["banana"]
    assert found["values"] == [{"name": "carrot"}, {"name": "fennel"}]


async def test_deep(directus_server: DirectusServer) -> None:
    found = await run("queries.deep", directus_server)
    assert found == {"Ada": ["Notes on the Engine"], "Mary": ["The Last Man"]}


# -- Aggregation -----------------------------------------------------------------------


async def test_aggregate(directus_server: DirectusServer) -> None:
    found = await run("aggregation.aggregate", directus_server)
    assert found["count"] == found["count_star"] == [{"count": 6}]
    assert found["count_field"] == [{"count": {"stock": 5}}]
    assert found["sum_avg"] == [
        {"sum": {"stock": 19}, "avg": {"price": pytest.approx(20.05 / 6)}}
    ]
    assert found["every"] == {
        "countDistinct": {"category": 2},
        "sum": {"stock": 19},
        "sumDistinct": {"stock": 19},
        "avg": {"price": pytest.approx(20.05 / 6)},
        "avgDistinct": {"stock": 4.75},
        "min": {"price": 0.5},
        "max": {"price": 12},
    }
    assert found["agg"] == {"sum": {"stock": 19, "price": 20.05}, "count": 6}
    assert found["fruit"] == [{"max": {"price": 12}}]
    assert "GraphQL" in found["count_all"]


async def test_group_by(directus_server: DirectusServer) -> None:
    found = await run("aggregation.group_by", directus_server)
    # The NULL group comes first on SQLite and last on PostgreSQL.
    assert sorted(found["per_category"], key=lambda row: str(row["category"])) == [
        {"category": None, "count": 1, "sum": {"stock": 0}},
        {"category": "fruit", "count": 3, "sum": {"stock": 12}},
        {"category": "veg", "count": 2, "sum": {"stock": 7}},
    ]
    assert found["in_stock"] == [
        {"category": "fruit", "max": {"price": 12}},
        {"category": "veg", "max": {"price": 3}},
    ]


# -- Models, saving, relations, bulk -------------------------------------------------


async def test_managers(
    directus_server: DirectusServer, capsys: pytest.CaptureFixture[str]
) -> None:
    found = await run("models.managers", directus_server)
    assert found == {
        "count": 6,
        "apple": "apple",
        "carrot": 3,
        "in_bulk": [1, 3],
        "does_not_exist": "Product.DoesNotExist",
        "using": 6,
    }
    out = capsys.readouterr().out
    assert 'no Product matches {"id":{"_eq":99}}' in out
    assert 'more than one Product matches {"category":{"_eq":"fruit"}}' in out
    assert "Product has no field 'colour'; valid fields: category, id" in out


async def test_keys_and_aliases(directus_server: DirectusServer) -> None:
    found = await run("models.keys_and_aliases", directus_server)
    assert found == {
        "pk": "PT",
        "rows": [{"code": "PT", "name": "Portugal", "population_millions": 10.4}],
        "big": ["Portugal"],
    }


async def test_change_tracking(directus_server: DirectusServer) -> None:
    found = await run("saving.change_tracking", directus_server)
    sent = [re.sub(r"docs_products_\w+", "C", line) for line in found["sent"]]
    assert sent == [
        "POST /items/C {'name': 'grape', 'price': 2.0}",
        "PATCH /items/C/7 {'price': 2.5, 'tags': ['green']}",
        "PATCH /items/C/7 {'tags': ['green', 'seedless']}",
        "DELETE /items/C [7]",
    ]
    assert found["gone"] == "Product id=2 no longer exists; the change was not saved"


async def test_update_and_delete_by_query(
    directus_server: DirectusServer, capsys: pytest.CaptureFixture[str]
) -> None:
    found = await run("saving.by_query", directus_server)
    assert found == {
        "apple": 1.75,
        "changed": ["carrot", "fennel"],
        "clearance": 2,
        "left": 0,
    }
    out = capsys.readouterr().out.splitlines()
    assert out[3:5] == ["1", "2"]
    assert out[5].endswith("no item with id in [6]")
    assert out[6].startswith("delete() on a query with no filter")
    assert out[7] == "3"


async def test_relations(directus_server: DirectusServer) -> None:
    found = await run("relations.relations", directus_server)
    assert found == {
        "moved_to": 1,
        "mary_books": [3],
        "ada_titles": ["Frankenstein", "Notes on the Engine"],
        "by_ada": ["Frankenstein", "Notes on the Engine"],
        "old": ["Ada", "Mary"],
        "modern": ["Mary"],
        "orphans": ["Anonymous Pamphlet"],
    }


async def test_bulk(directus_server: DirectusServer) -> None:
    found = await run("bulk.bulk", directus_server)
    assert found == {
        "created": [7, 8, 9, 10, 11],
        "more": [(12, "kale"), (13, "leek")],
        "leek": {"category": "veg", "stock": 4},
        "herb_prices": {1.5},
        "left": 6,
        "fig": (4.5, False),
    }


# -- Schema, generation, validation --------------------------------------------------


async def test_fields_api(directus_server: DirectusServer) -> None:
    found = await run("schema.fields_api", directus_server)
    assert found == {
        "fields": [("id", "integer"), ("sku", "string"), ("weight", "float")],
        "max_length": [32, 32],
        "note": "in grams",
        "after_delete": ["id", "sku"],
    }


async def test_collections_api(directus_server: DirectusServer) -> None:
    found = await run("schema.collections_api", directus_server)
    assert found == {"note": "Sports teams", "related": True, "gone": True}


def normalise_generated(source: str, collection: str, url: str) -> str:
    """Make generated source independent of the run (the page shows this form)."""
    suffix = collection.rsplit("_", 1)[1]
    return (
        source.replace(url, "http://127.0.0.1:8055")
        .replace(suffix, "1a2b3c4d")
        .replace(suffix.capitalize(), "1a2b3c4d".capitalize())
        .replace(re.search(r"schema hash: (\w+)", source)[1], "…")  # type: ignore[index]
    )


async def test_generate(directus_server: DirectusServer) -> None:
    from docs_src.catalog import COLLECTION

    found = await run("generation.generate", directus_server)
    assert found["product_drift"] == []
    assert [line.split(": ", 1)[1] for line in found["mismatch"]] == [
        "field missing on model: not in the model",
        "nullability mismatch: server allows null; the model cannot hold it",
    ]
    shown = (EXAMPLES / "generation" / "generated_models.txt").read_text()
    source = normalise_generated(found["source"], COLLECTION, directus_server.url)
    assert source == shown


async def test_check_in_ci(directus_server: DirectusServer, tmp_path: Path) -> None:
    """The shell lines of the Generation page: generate, check, drift exits 1."""
    from docs_src.catalog import COLLECTION, catalog

    venv_bin = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}",
        "DIRECTUS_URL": directus_server.url,
        "DIRECTUS_TOKEN": directus_server.token,
        "COLLECTION": COLLECTION,
    }

    def bash(script: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-e", str(EXAMPLES / "generation" / script)],
            cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip

    async with (
        Directus(directus_server.url, token=directus_server.token) as admin,
        catalog(admin),
    ):
        assert bash("generate.sh").returncode == 0
        assert "class DocsProducts" in (tmp_path / "models.py").read_text()
        current = bash("ci_check.sh")
        assert current.returncode == 0, current.stdout + current.stderr
        assert "1 model(s) match the server" in current.stdout
        await admin.fields.create(COLLECTION, "colour", "string")
        drifted = bash("ci_check.sh")
    assert drifted.returncode == 1, drifted.stdout + drifted.stderr
    assert "+    colour: str | None" in drifted.stdout


async def test_validation(
    directus_server: DirectusServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await run("validation.validation", directus_server) == 6
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "['price: Input should be a valid number, unable to parse string as a number']",
        "['stock: Input should be a valid integer, unable to parse string as an "
        "integer']",
        "name: 300 characters, at most 255 allowed",
        "stock: 1152921504606846976 is beyond 2**53 and would be rounded by the "
        "server's JSON",
        "colour: no such field (the server would drop it)",
        "'price__contains': Directus does not allow _contains on a float field; "
        "allowed: _between, _eq, _gt, _gte, _in, _lt, _lte, _nbetween, _neq, _nin, "
        "_nnull, _null",
        "limit must be a non-negative int or None, not -5",
    ]


# -- Reliability, testing, migration -------------------------------------------------


async def test_timeouts_and_retries(directus_server: DirectusServer) -> None:
    from directus_orm import NO_RETRY, RequestTimeoutError, RetryPolicy

    found = await run("reliability.options", directus_server)
    assert found["health"] == "ok"
    assert found["retry"] == RetryPolicy(attempts=10, total=120)
    assert found["quick_retry"] == NO_RETRY
    assert isinstance(found["timed_out"], RequestTimeoutError)


def test_testing_plugin(directus_server: DirectusServer, tmp_path: Path) -> None:
    """The Testing page's test file passes in a project of its own."""
    for name in ("test_notes.py", "pyproject.toml"):
        shutil.copy(EXAMPLES / "testing" / name, tmp_path / name)
    env = {
        **os.environ,
        "DIRECTUS_TEST_URL": directus_server.url,
        "DIRECTUS_TEST_TOKEN": directus_server.token,
    }
    env.pop("PYTEST_ADDOPTS", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


async def test_cheat_sheet(directus_server: DirectusServer) -> None:
    found = await run("migration.cheat_sheet", directus_server)
    admin = directus_server.email
    assert found["me"] == found["me again"] == admin
    assert found["two users"] == [admin, admin]
    assert found["read"] == "John"
    assert found["does"] == ["John"]
    assert found["either"] == ["Jane", "John"]
    assert found["not john"] == ["Jane"]
    assert found["search"] == ["John"]
    assert found["fields"] == ["first_name", "last_name"]
    assert ("Jane", "Doe") in found["grouped"]
    assert found["as_dict"] == "Jane"
    assert found["as_models"] == ["Jane", "John"]
    assert found["model"].first_name == "Jane"
    assert found["one_model"].first_name == "John"
    assert found["updated"] == [
        ("Jane", "Doe", ""),
        ("Jean-Luc", "", "Captain"),
        ("Jean-Luc", "John", ""),
    ]
    assert found["left"] == []
    assert found["aggregate"] == [
        [{"count": 6}],
        [{"count": 6}],
        [{"countDistinct": {"id": 6}, "sum": {"price": 20.05}}],
        [{"count": 6}],
        [{"sum": {"price": 20.05}}],
    ]


async def test_no_example_left_anything_behind(
    directus_server: DirectusServer,
) -> None:
    async with httpx.AsyncClient(
        base_url=directus_server.url,
        headers={"Authorization": f"Bearer {directus_server.token}"},
    ) as http:
        collections = (await http.get("/collections")).json()["data"]
    left = [c["collection"] for c in collections if c["collection"].startswith("docs_")]
    assert left == []
