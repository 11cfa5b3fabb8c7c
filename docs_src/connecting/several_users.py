"""Several users on one connection: one ``httpx.AsyncClient``, one client per user."""

from __future__ import annotations

import asyncio
import uuid

import httpx

from directus_orm import Directus
from directus_orm.testing import DirectusServer, LocalDirectus


async def main(server: DirectusServer) -> dict[str, object]:
    """Add an editor, then talk as the admin and as the editor over one connection."""
    url, token = server.url, server.token
    editor_email = f"editor-{uuid.uuid4().hex[:6]}@example.com"
    async with Directus(url, token=token) as admin:
        role = (await admin.me())["role"]
        users = admin.collection("directus_users")
        editor = await users.create(
            {"email": editor_email, "password": "editor-pw", "role": role}
        )
        try:
            # --8<-- [start:example]
            async with httpx.AsyncClient() as connection:
                as_admin = await Directus(url, token=token, connection=connection)
                as_editor = await Directus(
                    url, email=editor_email, password="editor-pw", connection=connection
                )
                who = [(await d.me())["email"] for d in (as_admin, as_editor)]
                print(who)  # ['admin@example.com', 'editor-…@example.com']
                await as_editor.logout()
                await as_editor.close()  # does not close a connection it was given
                await as_admin.close()
                still_open = not connection.is_closed
            # --8<-- [end:example]
        finally:
            await users.delete(editor["id"])
    return {"who": who, "editor": editor_email, "still_open": still_open}


if __name__ == "__main__":
    with LocalDirectus() as local:
        asyncio.run(main(local.server))
