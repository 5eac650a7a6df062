from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Text
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-27T21:39:40:510026"
VERSION = "1.38.0"
DESCRIPTION = "append-only audit table (triggers); key-value store for login throttling"


# The audit log is append-only at the database level: UPDATE, DELETE (and on
# PostgreSQL TRUNCATE) of hearing_audit_entry fail for every connection of the
# application, so a bug or a stolen application session cannot rewrite history.
# Someone with DDL rights can still drop the triggers; the hash chain
# (`hearing audit verify`) is what detects that kind of tampering.
AUDIT_APPEND_ONLY_MESSAGE = "hearing_audit_entry is append-only"

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS hearing_audit_entry_no_update
    BEFORE UPDATE ON hearing_audit_entry
    BEGIN SELECT RAISE(ABORT, '{AUDIT_APPEND_ONLY_MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS hearing_audit_entry_no_delete
    BEFORE DELETE ON hearing_audit_entry
    BEGIN SELECT RAISE(ABORT, '{AUDIT_APPEND_ONLY_MESSAGE}'); END""",
]

POSTGRES_TRIGGERS = [
    f"""CREATE OR REPLACE FUNCTION hearing_audit_entry_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{AUDIT_APPEND_ONLY_MESSAGE}' USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql""",
    """DROP TRIGGER IF EXISTS hearing_audit_entry_no_change ON hearing_audit_entry""",
    """CREATE TRIGGER hearing_audit_entry_no_change
    BEFORE UPDATE OR DELETE ON hearing_audit_entry
    FOR EACH ROW EXECUTE FUNCTION hearing_audit_entry_append_only()""",
    """DROP TRIGGER IF EXISTS hearing_audit_entry_no_truncate ON hearing_audit_entry""",
    """CREATE TRIGGER hearing_audit_entry_no_truncate
    BEFORE TRUNCATE ON hearing_audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION hearing_audit_entry_append_only()""",
]


async def _append_only_audit() -> None:
    from piccolo.engine import engine_finder

    engine = engine_finder()
    assert engine is not None
    statements = SQLITE_TRIGGERS if engine.engine_type == "sqlite" else POSTGRES_TRIGGERS
    for statement in statements:
        await engine.run_ddl(statement)


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="hearing_core", description=DESCRIPTION
    )

    manager.add_raw(_append_only_audit)

    manager.add_table(
        class_name="StoreEntry",
        tablename="hearing_store_entry",
        schema=None,
        columns=None,
    )

    manager.add_column(
        table_class_name="StoreEntry",
        tablename="hearing_store_entry",
        column_name="key",
        db_column_name="key",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 255,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": True,
            "index": True,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="StoreEntry",
        tablename="hearing_store_entry",
        column_name="value",
        db_column_name="value",
        column_class_name="Text",
        column_class=Text,
        params={
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="StoreEntry",
        tablename="hearing_store_entry",
        column_name="expires_at",
        db_column_name="expires_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager
