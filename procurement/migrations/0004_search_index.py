"""Full-text search indexes (PostgreSQL only) for the list's word search: mayoral_office.word_search builds the same
expression over the model's `search_words`, so the planner answers the search from the index."""

from django.db import migrations

from mayoral_office.word_search import search_index


class Migration(migrations.Migration):
    dependencies = [("procurement", "0003_head_of_office_budget_lines")]

    operations = [
        search_index("procurement", "Requisition", "procurement_req_words_gin", ("description",)),
    ]
