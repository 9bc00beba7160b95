"""Full-text search index over a case's search document (subject, summary, body, correspondent), PostgreSQL only.
The expression matches casework.selectors.search_cases exactly, so the planner can use it."""

from django.db import migrations

INDEX_NAME = "casework_case_search_gin"


def _index():
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    return GinIndex(SearchVector("search_document", config="english"), name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("casework", "Case"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("casework", "Case"), _index())


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
