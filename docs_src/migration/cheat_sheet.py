"""Every call of the py_directus cheat sheet, run with directus-orm.

The calls are written as the cheat sheet writes them; only the collection of the
aggregation calls is the docs' catalog instead of ``products``/``transactions``, and
the keys of updates and deletes are the ones the server gave.
"""

from __future__ import annotations

import asyncio

import httpx

from directus_orm import (
    Agg,
    AggregationOperators,
    Directus,
    DirectusConfig,
    DirectusModel,
    F,
)
from directus_orm.testing import DirectusServer, LocalDirectus
from docs_src.catalog import COLLECTION, catalog


# --8<-- [start:models]
class Role(DirectusModel):
    """A Directus role (``directus_roles``)."""

    model_config = DirectusConfig(collection="directus_roles")

    id: str | None = None
    name: str | None = None


class User(DirectusModel):
    """A Directus user, as the cheat sheet declares it."""

    model_config = DirectusConfig(collection="directus_users")

    id: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    avatar: str | None = None
    description: str | None = None
    email: str | None = None
    role: str | Role | None = None
    status: str | None = None
    title: str | None = None
    token: str | None = None


# --8<-- [end:models]


async def main(server: DirectusServer) -> dict[str, object]:
    """Run the cheat sheet top to bottom; return what each step gave."""
    url, email, password, token = (
        server.url,
        server.email,
        server.password,
        server.token,
    )
    seen: dict[str, object] = {}

    # --8<-- [start:login]
    directus = await Directus(url, email=email, password=password)
    await directus.refresh()
    await directus.logout()
    await directus.close()

    directus = await Directus(url, token=token)
    await directus.close()

    async with Directus(url, email, password) as directus:
        await directus.login()
        await directus.start_cache()
        seen["me"] = (await directus.me())["email"]

    async with await Directus(url, email, password) as directus:
        seen["me again"] = (await directus.me())["email"]
    # --8<-- [end:login]

    # --8<-- [start:users]
    connection = httpx.AsyncClient()
    directus1 = await Directus(url, token=token, connection=connection)
    directus2 = await Directus(
        url, email=email, password=password, connection=connection
    )
    seen["two users"] = [(await d.me())["email"] for d in (directus1, directus2)]
    await directus2.logout()
    await connection.aclose()
    # --8<-- [end:users]

    async with Directus(url, token=token) as directus:
        users = directus.collection("directus_users")
        before = {str(u["id"]) for u in (await users.fields("id").read()).items}
        try:
            # --8<-- [start:create]
            created = await directus.collection("directus_users").create(
                [
                    {"first_name": "John", "last_name": "Doe"},
                    {"first_name": "Jane", "last_name": "Doe"},
                ]
            )
            # Models work too (py_directus takes dicts only).
            jean = await directus.collection(User).create(User(first_name="Jean-Luc"))
            # --8<-- [end:create]
            john_id, jane_id = created[0]["id"], created[1]["id"]

            # --8<-- [start:read]
            users = directus.collection("directus_users")
            response = await users.filter(first_name="John").read()
            if response.item:  # None when nothing matched
                print(response.item["first_name"])  # John
            print(len(response.items))  # 1

            does = await users.filter(first_name="John").filter(last_name="Doe").read()
            either = await users.filter(
                (F(first_name="John") | F(first_name="Jane")) & F(last_name="Doe")
            ).read()
            not_john = await users.filter(
                ~F(first_name="John") & F(last_name="Doe")
            ).read()
            ordered = (
                await users.sort("first_name", asc=True)
                .sort("last_name", asc=False)
                .read()
            )
            ten = await users.limit(10).read()
            found = await users.search("John").read()
            names = await users.fields("first_name", "last_name").read()
            counted = await users.include_count().read()
            grouped = await users.group_by("first_name", "last_name").read()
            # --8<-- [end:read]
            seen["read"] = response.item["first_name"] if response.item else None
            seen["does"] = [u["first_name"] for u in does.items]
            seen["either"] = sorted(str(u["first_name"]) for u in either.items)
            seen["not john"] = [u["first_name"] for u in not_john.items]
            seen["ordered"] = [u["first_name"] for u in ordered.items]
            seen["ten"] = len(ten.items)
            seen["search"] = [u["first_name"] for u in found.items]
            seen["fields"] = sorted(names.items[0])
            seen["total_count"] = counted.total_count
            seen["grouped"] = sorted(
                (g["first_name"] or "", g["last_name"] or "") for g in grouped.items
            )

            # --8<-- [start:models_read]
            jane = await directus.collection(User).filter(first_name="Jane").read()
            print(jane.item.first_name if jane.item else None)  # Jane
            as_dict = jane.item_as_dict()
            as_models = (await users.filter(last_name="Doe").read()).items_as(User)
            one_model = (await users.filter(first_name="John").read()).item_as(User)
            # --8<-- [end:models_read]
            seen["model"] = jane.item
            seen["as_dict"] = as_dict["first_name"] if as_dict else None
            seen["as_models"] = sorted(u.first_name or "" for u in as_models)
            seen["one_model"] = one_model

            # --8<-- [start:update]
            await users.update(john_id, {"first_name": "Red", "last_name": "John"})
            await users.update(
                [john_id, jane_id],
                [
                    {"first_name": "Jean-Luc"},
                    {"first_name": "Jane", "last_name": "Doe"},
                ],
            )  # one PATCH, one change per item
            jean.title = "Captain"
            await directus.collection(User).update(jean.id, jean)  # a model
            # --8<-- [end:update]
            after = await users.filter(id__in=[john_id, jane_id, jean.id]).read()
            seen["updated"] = sorted(
                (str(u["first_name"]), str(u["last_name"] or ""), str(u["title"] or ""))
                for u in after.items
            )

            # --8<-- [start:delete]
            await users.delete(john_id)
            await users.delete([jane_id])
            await directus.collection(User).delete(jean)  # a model
            # --8<-- [end:delete]
            seen["left"] = (
                await users.filter(id__in=[john_id, jane_id, jean.id]).read()
            ).items
        finally:
            now = {str(u["id"]) for u in (await users.fields("id").read()).items}
            if now - before:
                await users.delete(sorted(now - before))

        async with catalog(directus):
            # --8<-- [start:aggregate]
            products = directus.collection(COLLECTION)
            count = await products.aggregate().read()
            count_star = await products.aggregate(count="*").read()
            chained = (
                await products.aggregate(countDistinct="id")
                .aggregate(sum="price")
                .read()
            )
            agg_count = await products.aggregate(
                Agg(operator=AggregationOperators.Count)
            ).read()  # AttributeError in py_directus
            amount_agg = Agg(operator=AggregationOperators.Sum, fields="price")
            summed = await products.aggregate(amount_agg).read()
            # --8<-- [end:aggregate]
            seen["aggregate"] = [
                count.items,
                count_star.items,
                chained.items,
                agg_count.items,
                summed.items,
            ]
    return seen


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
