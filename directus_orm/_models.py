"""``DirectusModel``: a pydantic model that saves, deletes and refreshes itself."""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING, Any, ClassVar, cast

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from directus_orm import _exceptions
from directus_orm._config import DirectusConfig
from directus_orm._exceptions import ConfigurationError
from directus_orm._manager import ManagerDescriptor
from directus_orm._response import (
    UNCHANGED,
    load_rows,
    own_private,
    snapshot_of,
    unshared,
)

if TYPE_CHECKING:
    from typing import Self

    from directus_orm._client import Directus
    from directus_orm._types import Item, JSONValue, PrimaryKey

_set = object.__setattr__


@dataclasses.dataclass(frozen=True, slots=True)
class ModelMeta:
    """Where a model lives: its collection and primary key field."""

    collection: str
    primary_key: str


class DirectusModel(BaseModel):
    """A Directus item as a pydantic model, with a manager and active-record methods.

    ```python
    class Product(DirectusModel):
        model_config = DirectusConfig(collection="products")
        id: int | None = None
        name: str
        price: float = 0

    directus.bind(Product)
    product = await Product.objects.create(name="pen", price=1.5)
    product.price = 2.0
    await product.save()          # PATCH {"price": 2.0}
    await product.delete()
    ```

    Each subclass gets its own ``DoesNotExist`` and ``MultipleObjectsReturned``.
    """

    model_config = DirectusConfig(validate_assignment=True, populate_by_name=True)

    objects: ClassVar[ManagerDescriptor] = ManagerDescriptor()
    """The model's ``Manager``: ``Product.objects.filter(...)`` (class only)."""

    DoesNotExist: ClassVar[type[_exceptions.DoesNotExist]] = _exceptions.DoesNotExist
    """Raised by ``get()`` and writes to a missing item; one subclass per model."""

    MultipleObjectsReturned: ClassVar[type[_exceptions.MultipleObjectsReturned]] = (
        _exceptions.MultipleObjectsReturned
    )
    """Raised by ``get()`` when several items match; one subclass per model."""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        qualname = cls.__qualname__
        for name in ("DoesNotExist", "MultipleObjectsReturned"):
            parent = getattr(cls, name)
            error = type(name, (parent,), {"__module__": cls.__module__})
            error.__qualname__ = f"{qualname}.{name}"
            error.__doc__ = f"{parent.__doc__} ({cls.__name__})"
            setattr(cls, name, error)

    # -- state kept beside the fields ----------------------------------------------
    # The client an instance came through and its snapshot of the server's values live
    # in ``__pydantic_private__``, but are not pydantic private attributes: those make
    # pydantic run Python code for every row it validates. Rows loaded together share
    # one private dict whose snapshot is UNCHANGED, meaning "my ``__dict__``": with
    # validate_assignment, pydantic gives an instance a new ``__dict__`` on every
    # assignment and never edits it, so it stays as loaded until the first one (see
    # ``_attach``). Any write to the state gives the instance its own dict first.

    @property
    def _client(self) -> Directus | None:
        private = self.__pydantic_private__
        return None if private is None else private.get("_client")

    @_client.setter
    def _client(self, client: Directus | None) -> None:
        own_private(self)["_client"] = client

    @property
    def _snapshot(self) -> dict[str, object] | None:
        private = self.__pydantic_private__
        snapshot = None if private is None else private.get("_snapshot")
        return self.__dict__ if snapshot is UNCHANGED else snapshot

    @_snapshot.setter
    def _snapshot(self, snapshot: dict[str, object] | None) -> None:
        own_private(self)["_snapshot"] = snapshot

    def __setattr__(self, name: str, value: Any) -> None:
        own_private(self, create=False)  # before the ``__dict__`` as loaded goes
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        own_private(self, create=False)
        _set(self, "__dict__", dict(self.__dict__))  # deleting edits it in place
        super().__delattr__(name)

    def __eq__(self, other: object) -> bool:
        # pydantic compares ``__pydantic_private__`` too: compare snapshots, not
        # the UNCHANGED marker.
        if isinstance(other, DirectusModel):
            own_private(self, create=False)
            own_private(other, create=False)
        return super().__eq__(other)

    def __copy__(self) -> Self:
        return unshared(super().__copy__())

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        return unshared(super().__deepcopy__(memo))

    # -- identity --------------------------------------------------------------------

    @property
    def pk(self) -> PrimaryKey | None:
        """The primary key value, or ``None`` before the first save."""
        value = getattr(self, _pk_attribute(type(self)))
        return cast("PrimaryKey | None", value)

    @property
    def changed_fields(self) -> set[str]:
        """Fields (Directus keys) that ``save()`` would send."""
        if self._snapshot is None:
            return {
                key
                for key in payload(self, None)
                if key != model_meta(type(self)).primary_key
            }
        changed = set()
        for name, info in type(self).model_fields.items():
            if self.__dict__.get(name) != self._snapshot.get(name):
                changed.add(info.alias or name)
        return changed

    def _client_or_bound(self) -> Directus:
        client = self._client or bound_client(type(self))
        if client is None:
            name = type(self).__name__
            raise _exceptions.ModelNotBoundError(
                f"{name} is not bound to a client: call directus.bind({name})"
            )
        return client

    # -- persistence -----------------------------------------------------------------

    async def save(self) -> Self:
        """Create the item, or PATCH only the fields changed since load or last save.

        A save with nothing changed sends nothing.

        Raises:
            DoesNotExist: The item was deleted on the server (Directus answers 204 to a
                PATCH of a missing key, which would silently lose the edit).
        """
        from directus_orm import _instances

        await _instances.save_instance(self, self._client_or_bound())
        return self

    async def delete(self) -> None:
        """Delete the item on the server.

        Raises:
            DoesNotExist: It was not there (already deleted, or never saved).
        """
        from directus_orm import _instances

        await _instances.delete_instance(self, self._client_or_bound())

    async def refresh(self) -> Self:
        """Reload every field from the server and forget unsaved changes.

        Raises:
            DoesNotExist: The item is gone.
        """
        pk = self.pk
        if pk is None:
            raise type(self).DoesNotExist(f"{type(self).__name__} was never saved")
        fresh = await type(self).objects.using(self._client_or_bound()).get(pk)
        self._load(fresh.__dict__)
        return self

    def _load(self, values: dict[str, object]) -> None:
        """Take ``values`` (validated field values) as the server's state."""
        # A new dict, not update(): the old one may be a snapshot (see snapshot_of).
        _set(self, "__dict__", {**self.__dict__, **values})
        own_private(self)["_snapshot"] = snapshot_of(self)


def model_meta(model: type[DirectusModel]) -> ModelMeta:
    """Return the collection and primary key of a model.

    Raises:
        ConfigurationError: The model has no ``collection`` in its ``model_config``.
    """
    config = model.model_config
    collection = config.get("collection")
    if not isinstance(collection, str) or not collection:
        raise ConfigurationError(
            f"{model.__name__} has no collection: set "
            "model_config = DirectusConfig(collection='...')"
        )
    primary_key = config.get("primary_key", "id")
    if not isinstance(primary_key, str):
        raise ConfigurationError(f"{model.__name__}: primary_key must be a str")
    return ModelMeta(collection, primary_key)


def _pk_attribute(model: type[DirectusModel]) -> str:
    key = model_meta(model).primary_key
    for name, info in model.model_fields.items():
        if name == key or info.alias == key:
            return name
    raise ConfigurationError(f"{model.__name__} has no primary key field {key!r}")


def bind_model(model: type[DirectusModel], client: Directus) -> None:
    """Make ``client`` the one ``model.objects`` uses."""
    model_meta(model)
    _pk_attribute(model)
    model.__directus_client__ = client  # type: ignore[attr-defined]


def bound_client(model: type[DirectusModel]) -> Directus | None:
    """Return the client bound to ``model`` (or to a base class), if any."""
    return cast("Directus | None", getattr(model, "__directus_client__", None))


def from_server(model: type[DirectusModel], row: Item, client: Directus) -> Any:
    """Validate a row from the server into ``model``, remembering client and state."""
    return load_rows(model, [row], client)[0]


def payload(instance: DirectusModel, names: set[str] | None) -> Item:
    """Return the JSON body for ``instance``: all set fields, or only ``names``.

    Related models are sent as their primary keys, never as nested objects (which
    Directus would take as nested creates or updates). Unset fields that are still
    ``None`` are left out so the server's defaults apply.
    """
    body: Item = {}
    fields_set = instance.__pydantic_fields_set__
    values = instance.__dict__
    for name, key in _keys(type(instance)):
        value = values.get(name)
        if names is None:
            if value is None and name not in fields_set:
                continue
        elif key not in names:
            continue
        body[key] = _jsonable(value)
    return body


@functools.cache
def _keys(model: type[DirectusModel]) -> tuple[tuple[str, str], ...]:
    """Return (attribute, Directus key) of every field of ``model``."""
    return tuple(
        (name, info.alias or name) for name, info in model.model_fields.items()
    )


def _jsonable(value: object) -> JSONValue:
    if value is None or type(value) in _JSON_SCALARS:
        return cast("JSONValue", value)
    if isinstance(value, DirectusModel):
        return _jsonable(value.pk)
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    result: JSONValue = to_jsonable_python(value, by_alias=True)
    return result


_JSON_SCALARS = frozenset({str, int, float, bool})
