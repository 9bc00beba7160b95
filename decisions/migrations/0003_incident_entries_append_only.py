"""Incident log entries are append-only in the database itself (docs/decisions/0007-incident-log-append-only.md).

PostgreSQL (production): a row trigger refuses every UPDATE and DELETE of an entry, whoever runs it, the app's own
role included, unless the table's owner disables the trigger first (and then the hash chain shows the change:
`manage.py verify_incident_logs`). Django's test flush on PostgreSQL is a TRUNCATE, which fires no row trigger.

SQLite (development and the first CI pass): a trigger refuses UPDATE. DELETE is not refused there: Django empties a
SQLite test database between transactional tests with `DELETE FROM` every table, in no fixed order, and a row
trigger cannot tell that from a deletion by hand. A deleted entry still shows as a gap in the sequence or a broken
chain when the log is verified."""

from django.db import migrations

TABLE = "decisions_incidententry"
MESSAGE = "incident log entries are append-only"

PG_FUNCTION = "decisions_incidententry_append_only"
PG_TRIGGER = "decisions_incidententry_append_only"
PG_CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}: % of entry % refused (write a correction instead)', TG_OP, OLD.id
            USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    f"DROP TRIGGER IF EXISTS {PG_TRIGGER} ON {TABLE}",
    f"""
    CREATE TRIGGER {PG_TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()
    """,
]
PG_DROP = [f"DROP TRIGGER IF EXISTS {PG_TRIGGER} ON {TABLE}", f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()"]

SQLITE_UPDATE_TRIGGER = "decisions_incidententry_no_update"
SQLITE_CREATE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {SQLITE_UPDATE_TRIGGER} BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE refused (write a correction instead)'); END
    """,
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {SQLITE_UPDATE_TRIGGER}"]


def statements(vendor: str, *, create: bool) -> list[str]:
    """The SQL that adds (or removes) the triggers on this database; none on a database without them."""
    if vendor == "postgresql":
        return PG_CREATE if create else PG_DROP
    if vendor == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    return []


def _run(create: bool):
    def run(apps, schema_editor):
        for sql in statements(schema_editor.connection.vendor, create=create):
            schema_editor.execute(sql, None)  # no parameters: PL/pgSQL uses % itself

    return run


class Migration(migrations.Migration):
    dependencies = [("decisions", "0002_seed_bodies_and_stages")]

    operations = [migrations.RunPython(_run(True), _run(False), elidable=False)]
