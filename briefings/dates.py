"""Partial dates: a date plus how much of it is known (day, month or year)."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Q


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year only"


_FORMATS = {
    DatePrecision.DAY: "{d.day} {d:%b} {d.year}",
    DatePrecision.MONTH: "{d:%b} {d.year}",
    DatePrecision.YEAR: "{d.year}",
}


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or the year: printed "24 Feb 2025", "Feb 2025", "2025"."""

    date: datetime.date
    precision: str = DatePrecision.DAY

    def __str__(self):
        return _FORMATS[DatePrecision(self.precision)].format(d=self.date)

    def isoformat(self):
        """ISO 8601 truncated to what is known: 2025-02-24, 2025-02 or 2025."""
        return {
            DatePrecision.DAY: self.date.isoformat(),
            DatePrecision.MONTH: f"{self.date:%Y-%m}",
            DatePrecision.YEAR: f"{self.date:%Y}",
        }[DatePrecision(self.precision)]

    @property
    def earliest(self):
        """The first day the partial date can mean."""
        return self.date

    @property
    def latest(self):
        """The last day the partial date can mean."""
        if self.precision == DatePrecision.YEAR:
            return self.date.replace(month=12, day=31)
        if self.precision == DatePrecision.MONTH:
            next_month = self.date.replace(day=28) + datetime.timedelta(days=4)
            return next_month - datetime.timedelta(days=next_month.day)
        return self.date

    @classmethod
    def normalised(cls, date, precision):
        """The canonical stored form: a month is kept as its first day, a year as 1 January."""
        precision = DatePrecision(precision or DatePrecision.DAY)
        if precision == DatePrecision.MONTH:
            date = date.replace(day=1)
        elif precision == DatePrecision.YEAR:
            date = date.replace(month=1, day=1)
        return cls(date, precision)


class PartialDateAttribute:
    """Reads a pair of model fields `<name>` (a DateField) and `<name>_precision` as a PartialDate."""

    def __init__(self, field_name):
        self.field_name = field_name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = getattr(instance, self.field_name)
        if value is None:
            return None
        return PartialDate(value, getattr(instance, f"{self.field_name}_precision"))

    def __set__(self, instance, partial):
        if partial is None:
            setattr(instance, self.field_name, None)
            setattr(instance, f"{self.field_name}_precision", "")
        else:
            partial = PartialDate.normalised(partial.date, partial.precision)
            setattr(instance, self.field_name, partial.date)
            setattr(instance, f"{self.field_name}_precision", partial.precision)


def precision_field(verbose_name):
    """The precision half of a partial date; blank exactly when the date is."""
    return models.CharField(
        verbose_name,
        max_length=5,
        choices=DatePrecision.choices,
        blank=True,
        help_text="How much of the date is known. A month is stored as its first day, a year as 1 January.",
    )


def precision_constraint(model_name, field_name):
    """A named check: the precision is set when, and only when, the date is."""
    date_null = Q(**{f"{field_name}__isnull": True})
    no_precision = Q(**{f"{field_name}_precision": ""})
    return models.CheckConstraint(
        condition=(date_null & no_precision) | (~date_null & ~no_precision),
        name=f"{model_name}_{field_name}_precision_with_date",
        violation_error_message=f"Give a precision for the {field_name.replace('_', ' ')} date, "
        "and only when there is a date.",
    )


def normalise_partial_date(instance, field_name):
    """Fill in a missing precision (day) and move the date to the start of its month or year."""
    value = getattr(instance, field_name)
    if value is None:
        setattr(instance, f"{field_name}_precision", "")
        return
    partial = PartialDate.normalised(value, getattr(instance, f"{field_name}_precision"))
    setattr(instance, field_name, partial.date)
    setattr(instance, f"{field_name}_precision", partial.precision)
