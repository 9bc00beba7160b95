"""Full-text search indexes (PostgreSQL only) for the list's word search: mayoral_office.word_search builds the same
expression over the model's `search_words`, so the planner answers the search from the index."""

from django.db import migrations

from mayoral_office.word_search import search_index


class Migration(migrations.Migration):
    dependencies = [("decisions", "0004_alter_action_rag_alter_actionupdate_rag")]

    operations = [
        search_index("decisions", "Decision", "decisions_decision_words_gin", ("title", "text", "decision_maker")),
        search_index("decisions", "Action", "decisions_action_words_gin", ("description",)),
        search_index("decisions", "AgendaItem", "decisions_item_words_gin", ("title",)),
    ]
