"""Run a real Directus server on loopback for tests and demos.

```python
from directus_orm.testing import LocalDirectus

with LocalDirectus() as directus:
    print(directus.server.url)
```

The pytest fixtures ``directus_server`` and ``directus_server_factory`` come
from the plugin in ``directus_orm.testing._plugin``, loaded automatically.
Pass ``database="postgres"`` (or set ``DIRECTUS_TEST_DB=postgres`` for the
fixtures) to run on the local PostgreSQL instead of SQLite. On the command line:
``python -m directus_orm.testing serve [--port N] [--db postgres]``.
"""

from __future__ import annotations

from directus_orm.testing._install import (
    DIRECTUS_VERSION,
    Installation,
    InstallError,
    cache_home,
    ensure_installed,
)
from directus_orm.testing._psql import PostgresError
from directus_orm.testing._server import (
    DatabaseKind,
    DirectusServer,
    LocalDirectus,
    ServerFactory,
    ServerStartError,
    free_port,
)

__all__ = [
    "DIRECTUS_VERSION",
    "DatabaseKind",
    "DirectusServer",
    "InstallError",
    "Installation",
    "LocalDirectus",
    "PostgresError",
    "ServerFactory",
    "ServerStartError",
    "cache_home",
    "ensure_installed",
    "free_port",
]

for _name in __all__:
    _member = globals()[_name]
    if isinstance(_member, type) or callable(_member):
        _member.__module__ = __name__
del _name, _member
