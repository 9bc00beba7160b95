import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SIGNED_IN_PAGES = [
    "home",
    "accessibility",
    "audit-trail",
    "access-log",
    "casework:index",
    "diary:index",
    "briefings:index",
    "decisions:index",
    "procurement:index",
]


def assert_strict_csp(response):
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "script-src 'self' 'nonce-" in csp
    assert "frame-ancestors 'none'" in csp


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_every_page_sends_a_strict_csp(client, head, name):
    client.force_login(head)
    response = client.get(reverse(name), follow=True)  # an app's landing page may redirect to its main view
    assert response.status_code == 200
    assert_strict_csp(response)


def test_inline_script_carries_the_nonce_of_the_header(client, head):
    client.force_login(head)
    response = client.get(reverse("home"))
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()


@pytest.mark.parametrize("path", ["/sign-in/", "/accessibility/", "/no-such-page/"])
def test_public_and_error_pages_send_a_strict_csp(client, path):
    assert_strict_csp(client.get(path))


def test_pages_cannot_be_framed(client):
    assert client.get("/sign-in/")["X-Frame-Options"] == "DENY"
