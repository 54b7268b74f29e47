"""Bulk writing into tables that the search index follows by triggers.

SQLite's FTS5 flushes what it has gathered at every statement, so a row-by-row
executemany into an indexed table leaves thousands of tiny index segments to merge:
150,000 feedback items took over forty seconds that way. Staged first in a temporary
table (in memory: temp_store=MEMORY) and moved across in one INSERT ... SELECT, the same
rows take a few seconds, and the schema's own triggers still write the index.

The staged rows go to the driver as tuples, each value converted by its column's own
type (as SQLAlchemy would), which is several times faster than a Core executemany of
150,000 dictionaries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Column, MetaData, Table, insert

from sec_desktop.demo.context import DemoContext
from sec_desktop.domain.base import Base


def insert_indexed(
    ctx: DemoContext, model: type[Base], rows: Sequence[Mapping[str, object]]
) -> None:
    """Write `rows` (each with the same keys, all columns of `model` or a part of them)."""
    if not rows:
        return
    target = Base.metadata.tables[model.__tablename__]
    columns = [target.columns[name] for name in rows[0]]
    staged = Table(
        f"staged_{target.name}",
        MetaData(),
        *(Column(column.name, column.type) for column in columns),
        prefixes=["TEMPORARY"],
    )
    connection = ctx.session.connection()
    dialect = connection.dialect
    converters = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    names = [column.name for column in columns]
    values = [
        tuple(
            value if convert is None or value is None else convert(value)
            for value, convert in zip((row[n] for n in names), converters, strict=True)
        )
        for row in rows
    ]
    staged.create(connection)
    try:
        # Names from the models only, never from outside.
        placeholders = ", ".join("?" for _ in names)
        connection.exec_driver_sql(
            f'INSERT INTO temp."{staged.name}" VALUES ({placeholders})',  # noqa: S608
            values,
        )
        connection.execute(insert(target).from_select(names, staged.select()))
    finally:
        staged.drop(connection)
