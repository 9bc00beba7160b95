"""What every app's thin views share: turning a service's refusal into a form error or a message, and the
"validate, call one service, redirect" step of an action page."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from mayoral_office.errors import ServiceError


def add_service_error(form, exc: ServiceError) -> None:
    """Show a service's refusal on the form: on its field when the form has that field, else in the summary."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def form_action(
    request,
    form,
    do: Callable[[dict], object],
    *,
    success: str | Callable[[object], str],
    redirect_to: str | Callable[[object], str],
    template: str,
    context: dict | None = None,
) -> HttpResponse:
    """GET shows the form; a valid POST calls `do(cleaned_data)` (one service call). A refusal shows on the form
    with nothing saved; success flashes `success` and redirects."""
    if request.method == "POST" and form.is_valid():
        try:
            result = do(form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)
    return render(request, template, {"form": form, **(context or {})})


def post_action(
    request,
    do: Callable[[], object],
    *,
    success: str | Callable[[object], str],
    redirect_to: str,
    redirect_on_error: str | None = None,
):
    """A one-button POST (acknowledge, restart the clock): call the service, flash the outcome, go back."""
    try:
        result = do()
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect(redirect_on_error or redirect_to)
    messages.success(request, success(result) if callable(success) else success)
    return redirect(redirect_to)
