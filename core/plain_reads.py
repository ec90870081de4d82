"""One model row read by a plain statement (issue 10).

For the few reads made on every request (the session, the signed-in user, the case row of the
cached case page), where Django's building of the query cost more than running it. The row still
comes back as a model instance, through `Model.objects.raw`, with the backend's conversions.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import connection, models


@cache
def _select(model: type[models.Model]) -> str:
    """SELECT of the model's columns from its table: the model's own names, never input."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in model._meta.concrete_fields)
    return f"SELECT {columns} FROM {quote(model._meta.db_table)}"  # noqa: S608


def first_row[M: models.Model](model: type[M], where: str, params: list[Any]) -> M | None:
    """The first row of `model` meeting `where` (SQL with %s placeholders), or None."""
    return next(iter(model._default_manager.raw(f"{_select(model)} WHERE {where}", params)), None)
