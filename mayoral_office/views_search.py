"""The header search's results page: the records of every kind the user may see that match, grouped by kind."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from mayoral_office import search


@require_GET
def search_page(request):
    text = " ".join(request.GET.get("q", "").split())
    error = ""
    if len(text) > search.MAX_LENGTH:
        error = f"Search for {search.MAX_LENGTH} characters or fewer"
    elif not text.isprintable():
        error = "Search for letters, numbers and punctuation only"
    elif "q" in request.GET and not text:
        error = "Enter something to search for: a name, a reference or words"
    groups = search.results(request.user, text) if text and not error else []
    context = {"q": text, "error": error, "groups": groups, "searched": bool(text and not error)}
    return render(request, "mayoral_office/search.html", context)
