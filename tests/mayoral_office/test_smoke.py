import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_page_shows_the_role_and_links_to_each_app(client, officer_a):
    client.force_login(officer_a)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Cabinet Support Officer" in body
    for app in ["casework", "diary", "briefings", "decisions", "procurement"]:
        assert reverse(f"{app}:index") in body
