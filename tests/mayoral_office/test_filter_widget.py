"""The filter panels write their selects directly (faster than Django's per-option templates): the HTML must be
the same as Django's Select widget gives, chosen option included, with the GOV.UK classes."""

import pytest
from django.test import RequestFactory
from django.test.html import parse_html

from casework.filters import CaseFilter
from casework.models import Case
from mayoral_office.templatetags.office import govuk_widget

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "params", [{}, {"status": "drafting", "member": "2", "ward": "3"}, {"member": "not-a-number", "status": "nope"}]
)
def test_the_selects_are_what_django_writes(params, head):
    request = RequestFactory().get("/", params)
    request.user = head
    form = CaseFilter(params, queryset=Case.objects.all(), request=request).form
    form.is_valid()
    selects = [field for field in form if field.widget_type == "select"]
    assert len(selects) >= 6
    for field in selects:
        css = "govuk-select" + (" govuk-select--error" if field.errors else "")
        ours = parse_html(govuk_widget(field))
        django = parse_html(field.as_widget(attrs={"class": css}))
        assert ours == django, field.name
    if "status" in params and params["status"] == "drafting":
        assert '<option value="drafting" selected>' in govuk_widget(form["status"])
