"""`make run` for a newcomer: the seed is quiet, the demo logins come last and alone once the server listens, on
the port asked for, and a page the user may not see is the service's own "Page not found"."""

from io import StringIO

import pytest
from django.core.management import call_command

from mayoral_office.management.commands.rundemo import Command as RunDemo

pytestmark = pytest.mark.django_db


def test_the_quiet_seed_prints_nothing_and_the_server_prints_the_logins_last(small_demo, mailoutbox):
    seed_output = StringIO()
    call_command("seed_demo", verbosity=0, stdout=seed_output)
    assert seed_output.getvalue() == ""
    command = RunDemo(stdout=StringIO())
    command.addr, command.use_ipv6, command._raw_ipv6 = "127.0.0.1", False, False
    command.protocol = "http"
    command.on_bind(8765)
    lines = command.stdout.getvalue().rstrip().splitlines()
    logins = [line for line in lines if line.startswith("  ") and "@eastbridge.gov.uk" in line]
    assert len(logins) >= 10
    assert lines[-len(logins) :] == logins  # the logins are the last thing printed
    assert "Open http://127.0.0.1:8765/ and sign in" in lines[-len(logins) - 1]
    assert any("head.office@eastbridge.gov.uk" in line and "Head of Mayor's Office" in line for line in logins)
    assert any("(Housing and Regeneration)" in line for line in logins)
    assert "kept in the outbox, not sent: http://127.0.0.1:8765/outbox/" in command.stdout.getvalue()


def test_a_record_the_user_may_not_see_is_the_services_own_page_not_found(client, officer_b, member_a):
    from tests.casework.factories import CaseFactory

    case = CaseFactory(member=member_a)
    client.force_login(officer_b)
    response = client.get(case.get_absolute_url())
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and "URLconf" not in body
