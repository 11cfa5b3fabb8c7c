"""``Product.objects``: the class-only descriptor and the Manager it hands out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

from directus_orm._query import QuerySet
from directus_orm._types import ModelT

if TYPE_CHECKING:
    from directus_orm._models import DirectusModel


class Manager(QuerySet[ModelT]):
    """The starting QuerySet of a model: every row, through the bound client.

    Builders on a Manager return plain ``QuerySet`` objects, as in Django.
    """

    __slots__ = ()


class ManagerDescriptor:
    """Gives ``Model.objects`` on the class and refuses it on instances."""

    @overload
    def __get__(self, instance: None, owner: type[ModelT]) -> Manager[ModelT]: ...

    @overload
    def __get__(self, instance: DirectusModel, owner: type[Any]) -> Any: ...

    def __get__(
        self, instance: DirectusModel | None, owner: type[ModelT]
    ) -> Manager[ModelT]:
        if instance is not None:
            raise AttributeError(
                "Manager isn't accessible via instances; use type(obj).objects"
            )
        # A Manager is immutable and resolves its client at run time: one per class,
        # made again if the model's collection or key were changed since.
        manager = owner.__dict__.get("__directus_manager__")
        config = owner.model_config
        if (
            manager is None
            or manager.state.collection != config.get("collection")
            or manager.state.primary_key != config.get("primary_key", "id")
        ):
            manager = Manager(QuerySet.for_model(owner).state)
            type.__setattr__(owner, "__directus_manager__", manager)
        return manager
