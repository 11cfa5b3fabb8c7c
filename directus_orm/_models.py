"""``DirectusModel``: a pydantic model that saves, deletes and refreshes itself."""

from __future__ import annotations

import copy
import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar, cast

from pydantic import BaseModel, PrivateAttr
from pydantic_core import to_jsonable_python

from directus_orm import _exceptions
from directus_orm._config import DirectusConfig
from directus_orm._exceptions import ConfigurationError
from directus_orm._manager import ManagerDescriptor

if TYPE_CHECKING:
    from typing import Self

    from directus_orm._client import Directus
    from directus_orm._types import Item, JSONValue, PrimaryKey


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

    _client: Directus | None = PrivateAttr(default=None)
    _snapshot: dict[str, object] | None = PrivateAttr(default=None)

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
        from directus_orm import _writes

        await _writes.save_instance(self, self._client_or_bound())
        return self

    async def delete(self) -> None:
        """Delete the item on the server.

        Raises:
            DoesNotExist: It was not there (already deleted, or never saved).
        """
        from directus_orm import _writes

        await _writes.delete_instance(self, self._client_or_bound())

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
        self.__dict__.update(values)
        self._snapshot = _snapshot_of(self)


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
    instance = model.model_validate(row)
    instance._client = client
    instance._snapshot = _snapshot_of(instance)
    return instance


def _snapshot_of(instance: DirectusModel) -> dict[str, object]:
    # Lists and dicts are copied so that in-place edits show up as changes.
    return {
        key: copy.deepcopy(value) if isinstance(value, list | dict) else value
        for key, value in instance.__dict__.items()
    }


def payload(instance: DirectusModel, names: set[str] | None) -> Item:
    """Return the JSON body for ``instance``: all set fields, or only ``names``.

    Related models are sent as their primary keys, never as nested objects (which
    Directus would take as nested creates or updates). Unset fields that are still
    ``None`` are left out so the server's defaults apply.
    """
    body: Item = {}
    fields_set = instance.model_fields_set
    for name, info in type(instance).model_fields.items():
        key = info.alias or name
        value = instance.__dict__.get(name)
        if names is None:
            if value is None and name not in fields_set:
                continue
        elif key not in names:
            continue
        body[key] = _jsonable(value)
    return body


def _jsonable(value: object) -> JSONValue:
    if isinstance(value, DirectusModel):
        return _jsonable(value.pk)
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    result: JSONValue = to_jsonable_python(value, by_alias=True)
    return result
