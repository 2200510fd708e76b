"""On PostgreSQL, the database itself refuses overlapping tenures of a single-holder office.

A tenure's range is half-open, so a successor may start on the day the predecessor's tenure
ends (a handover), as Tenure.overlaps() allows.

SQLite has no exclusion constraints; there `Tenure.clean()` is the only guard.
"""

from django.db import migrations

CONSTRAINT = "tenure_single_holder_no_overlap"


def add_exclusion_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE briefings_tenure ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(office_id WITH =, daterange(started_on, ended_on, '[)') WITH &&) WHERE (single_holder)"
    )


def drop_exclusion_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE briefings_tenure DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("briefings", "0001_initial")]

    operations = [migrations.RunPython(add_exclusion_constraint, drop_exclusion_constraint)]
