"""Put the models' ON DELETE rules into the database foreign keys.

Django 5.2 emulates CASCADE and SET NULL in Python and creates the database
constraint with NO ACTION. The data-model contract also wants the rule in
PostgreSQL, so rows deleted outside the ORM (psql, another service) follow it
too. After every `migrate` this re-creates any foreign key of the project's
apps whose rule differs; it is idempotent and cheap when nothing changed.
"""

from django.apps import apps
from django.db import connections, models

PROJECT_APPS = {
    "accounts",
    "payments",
    "learning",
    "assessments",
    "forum",
    "store",
    "analytics",
}
RULES = {models.CASCADE: "c", models.SET_NULL: "n"}
RULE_SQL = {"c": "CASCADE", "n": "SET NULL"}


def wanted_rules():
    """Yield (table, column, ref_table, ref_column, rule code) for each FK."""
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or not model._meta.managed:
            continue
        for field in model._meta.local_fields:
            if not isinstance(field, models.ForeignKey) or not field.db_constraint:
                continue
            rule = RULES.get(field.remote_field.on_delete)
            if rule is None:
                continue
            target = field.target_field
            yield (
                model._meta.db_table,
                field.column,
                target.model._meta.db_table,
                target.column,
                rule,
            )


def apply_foreign_key_rules(sender=None, using="default", **kwargs):
    if sender is not None and getattr(sender, "label", None) != "core":
        return
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table, column, ref_table, ref_column, rule in wanted_rules():
            cursor.execute(
                """
                SELECT con.conname, con.confdeltype
                FROM pg_constraint con
                JOIN pg_class rel ON rel.oid = con.conrelid
                JOIN pg_attribute att ON att.attrelid = rel.oid AND att.attnum = con.conkey[1]
                WHERE con.contype = 'f' AND rel.relname = %s AND att.attname = %s
                  AND array_length(con.conkey, 1) = 1
                """,
                [table, column],
            )
            for name, current in cursor.fetchall():
                if current == rule:
                    continue
                qn = connection.ops.quote_name
                cursor.execute(
                    f"ALTER TABLE {qn(table)} DROP CONSTRAINT {qn(name)}, "
                    f"ADD CONSTRAINT {qn(name)} FOREIGN KEY ({qn(column)}) "
                    f"REFERENCES {qn(ref_table)} ({qn(ref_column)}) "
                    f"ON DELETE {RULE_SQL[rule]} DEFERRABLE INITIALLY DEFERRED"
                )
