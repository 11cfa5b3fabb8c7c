"""Directus schema: the Fields, Collections and Relations APIs, and model generation."""

from __future__ import annotations

from directus_orm.schema._check import Difference, DifferenceKind
from directus_orm.schema._collections_api import CollectionsAPI, RelationsAPI
from directus_orm.schema._fields_api import FIELD_TYPES, FieldsAPI
from directus_orm.schema._objects import (
    CollectionInfo,
    CollectionMeta,
    CollectionSchema,
    FieldInfo,
    FieldMeta,
    FieldSchema,
    RelationInfo,
    RelationMeta,
    RelationSchema,
)
from directus_orm.schema._render import render_models
from directus_orm.schema._service import SchemaAPI

__all__ = [
    "FIELD_TYPES",
    "CollectionInfo",
    "CollectionMeta",
    "CollectionSchema",
    "CollectionsAPI",
    "Difference",
    "DifferenceKind",
    "FieldInfo",
    "FieldMeta",
    "FieldSchema",
    "FieldsAPI",
    "RelationInfo",
    "RelationMeta",
    "RelationSchema",
    "RelationsAPI",
    "SchemaAPI",
    "render_models",
]
