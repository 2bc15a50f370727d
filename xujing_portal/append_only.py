"""Append-only event logs: one abstract model, so the claim is enforced wherever it is made.

A log row is written once (``objects.create``, ``save`` of a new row, ``bulk_create``) and
never changed or removed through the ORM: ``save`` of an existing row, ``delete``, and the
default manager's ``update``/``delete``/``bulk_update`` raise AppendOnlyError.

Deleting the row a log belongs to (a document, a message, a decision, a deadline) still
removes its log with it: the ``on_delete=CASCADE`` collector deletes through the base
manager and raw SQL deletes, not through these methods. No workflow of the portal deletes
those rows (a document is withdrawn, not deleted); a superuser in the admin or a test may.
"""

from __future__ import annotations

from typing import NoReturn

from django.core.exceptions import ValidationError
from django.db import models


class AppendOnlyError(ValidationError):
    """A write that would change or remove a row of an append-only log.

    A ValidationError, as the logs that enforced the rule before raised, so callers that
    catch one keep working."""


def _refuse(model: type[models.Model], what: str) -> NoReturn:
    raise AppendOnlyError(f"{model._meta.verbose_name}只能追加，不能{what}。", code="append_only")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs) -> NoReturn:
        _refuse(self.model, "修改")

    def delete(self) -> NoReturn:
        _refuse(self.model, "删除")

    def bulk_update(self, objs, fields, batch_size=None) -> NoReturn:
        _refuse(self.model, "修改")


class AppendOnlyModel(models.Model):
    """Base of every event log (who did what, when): rows are added, never changed."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            _refuse(type(self), "修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs) -> NoReturn:
        _refuse(type(self), "删除")
