"""Date arithmetic in SQL that reads the same on PostgreSQL and SQLite (which keeps dates as text)."""

from sqlalchemy import Date, Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import expression


class DaysBetween(expression.FunctionElement):
    """later − earlier in whole days, for two dates, in SQL (PostgreSQL subtracts dates; SQLite
    keeps them as text and needs julianday)."""
    type = Integer()
    inherit_cache = True


@compiles(DaysBetween)
def _days_between_default(element, compiler, **kw):
    later, earlier = list(element.clauses)
    return f"({compiler.process(later, **kw)} - {compiler.process(earlier, **kw)})"


@compiles(DaysBetween, "sqlite")
def _days_between_sqlite(element, compiler, **kw):
    later, earlier = list(element.clauses)
    return f"CAST(julianday({compiler.process(later, **kw)}) - julianday({compiler.process(earlier, **kw)}) AS INTEGER)"


class AddDays(expression.FunctionElement):
    """a date + a whole number of days, in SQL (SQLite keeps dates as text: date(…, '+n days'))."""
    type = Date()
    inherit_cache = True


@compiles(AddDays)
def _add_days_default(element, compiler, **kw):
    day, days = list(element.clauses)
    return f"({compiler.process(day, **kw)} + {compiler.process(days, **kw)})"


@compiles(AddDays, "sqlite")
def _add_days_sqlite(element, compiler, **kw):
    day, days = list(element.clauses)
    days = compiler.process(days, **kw)  # printf would read NULL as 0
    return f"CASE WHEN {days} IS NOT NULL THEN date({compiler.process(day, **kw)}, printf('%+d days', {days})) END"
