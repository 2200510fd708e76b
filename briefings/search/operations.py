"""Migration operations for indexes only PostgreSQL has (GIN over tsvector and trigrams).

The index is part of the model state everywhere, so `makemigrations` stays quiet, but it is
created only on PostgreSQL; SQLite searches with a plain match and needs none of them.
"""

from django.db.migrations.operations import AddIndex


class AddPostgresIndex(AddIndex):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{super().describe()} (PostgreSQL only)"
