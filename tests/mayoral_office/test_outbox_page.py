"""The outbox page of the Head of Mayor's Office: every email with its delivery, filtered by status, kind and a search,
counts per status, a page per email (with what a chase digest carried), and Retry and Abandon as audited services.
Nobody else opens it."""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from mayoral_office import mailer, outbox, selectors
from mayoral_office.errors import PermissionDenied, ServiceError
from mayoral_office.models import ChaseEntry, Notification
from tests.mayoral_office.factories import WardFactory
from tests.query_counts import SIGNED_IN

pytestmark = pytest.mark.django_db
S = Notification.Status


def _email(status=S.SENT, *, to="resident@example.org", subject="Your letter", kind="casework.letter", **extra):
    """An outbox row as the mailer leaves it (written directly: no send is started)."""
    return Notification.objects.create(
        to=[to], subject=subject, body=f"Dear resident,\n\n{subject}.\n", status=status, kind=kind, **extra
    )


@pytest.fixture
def emails(clock):
    made = {
        "sent": _email(S.SENT, subject="Reply about parking", sent_at=timezone.now(), attempts=1),
        "failed": _email(
            S.FAILED,
            to="tenant@example.org",
            subject="Repairs update",
            attempts=2,
            last_error="The mail server could not be reached (ConnectionRefusedError: refused)",
            next_attempt_at=timezone.now() + timedelta(minutes=2),
        ),
        "abandoned": _email(S.ABANDONED, subject="Old invitation", kind="diary.change", attempts=6),
        "pending": _email(S.PENDING, subject="Queued notice", kind="diary.change"),
        "bounced": _email(S.BOUNCED, to="gone@example.org", subject="Bounced reply", bounce_reason="550 No such user"),
    }
    clock.shift(minutes=1)
    made["newest"] = _email(S.SENT, subject="Newest of all", kind="chase.digest", sent_at=timezone.now())
    return made


def _page(client, **params):
    response = client.get(reverse("outbox"), params)
    assert response.status_code == 200
    return response.content.decode()


def _subjects(body: str) -> list[str]:
    """The subjects of the list's rows, in the order shown."""
    import re

    return re.findall(r'href="/outbox/\d+/">([^<]+)</a>', body)


# --- Who may open it ----------------------------------------------------------------------------------------------
def test_only_those_who_configure_the_office_open_the_outbox(client, officer_a, emails):
    client.force_login(officer_a)
    email = emails["failed"]
    assert client.get(reverse("outbox")).status_code == 403
    assert client.get(reverse("outbox-detail", args=[email.pk])).status_code == 403
    assert client.post(reverse("outbox-retry", args=[email.pk])).status_code == 403
    assert client.post(reverse("outbox-abandon", args=[email.pk])).status_code == 403
    assert Notification.objects.get(pk=email.pk).status == S.FAILED
    client.logout()
    assert client.get(reverse("outbox")).status_code == 302  # to sign in


def test_the_footer_links_to_the_outbox_for_the_head_only(client, head, officer_a):
    client.force_login(head)
    assert f'href="{reverse("outbox")}"' in client.get(reverse("audit-trail")).content.decode()
    client.force_login(officer_a)
    assert f'href="{reverse("outbox")}"' not in client.get(reverse("home")).content.decode()


# --- The list -----------------------------------------------------------------------------------------------------
def test_the_list_is_newest_first_with_counts_per_status(client, head, emails):
    client.force_login(head)
    body = _page(client)
    subjects = _subjects(body)
    assert subjects[0] == "Newest of all" and len(subjects) == 6
    for status, count in [("pending", 1), ("sending", 0), ("sent", 2), ("failed", 1), ("abandoned", 1)]:
        assert f'data-status="{status}"><a class="govuk-link" href="?status={status}">{count}<' in body
    assert "Queued" in body and "Bounced" in body  # the statuses by their names


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "failed"}, ["Repairs update"]),
        ({"status": "pending"}, ["Queued notice"]),  # "queued" on the page
        ({"status": "bounced"}, ["Bounced reply"]),
        ({"kind": "diary.change"}, ["Queued notice", "Old invitation"]),
        ({"q": "TENANT@example"}, ["Repairs update"]),  # the recipient's address, any case
        ({"q": "parking"}, ["Reply about parking"]),  # the subject
        ({"q": "gone@example.org", "status": "sent"}, []),
    ],
)
def test_filters_by_status_kind_and_a_search_on_address_or_subject(client, head, emails, params, expected):
    client.force_login(head)
    assert _subjects(_page(client, **params)) == expected


def test_the_kinds_offered_are_those_the_outbox_holds_and_a_bad_filter_is_a_message(client, head, emails):
    client.force_login(head)
    body = _page(client)
    assert '<option value="diary.change">diary.change</option>' in body
    assert '<option value="chase.digest">chase.digest</option>' in body
    bad = _page(client, status="lost", kind="no.such.kind")
    assert "There is a problem with the filters" in bad and _subjects(bad) == []


def test_the_list_is_paginated(client, head, clock):
    for i in range(30):
        _email(subject=f"Email {i:02d}")
    client.force_login(head)
    first = _page(client)
    assert len(_subjects(first)) == 25 and "Showing 1 to 25 of 30" in first
    second = _page(client, page=2)
    assert len(_subjects(second)) == 5


# --- One email ----------------------------------------------------------------------------------------------------
def test_the_email_page_shows_its_delivery_and_body(client, head, emails):
    client.force_login(head)
    email = emails["failed"]
    body = client.get(reverse("outbox-detail", args=[email.pk])).content.decode()
    for text in [
        "tenant@example.org",
        "Repairs update",
        "Failed",
        "2 of 6",
        "The mail server could not be reached",
        "Not before",
        "Not sent",
        "Dear resident,<br><br>Repairs update.",
    ]:
        assert text in body, text
    assert 'data-action="outbox.retry"' in body and 'data-action="outbox.abandon"' in body


@pytest.mark.parametrize(
    ("name", "buttons"),
    [
        ("failed", {"outbox.retry", "outbox.abandon"}),
        ("abandoned", {"outbox.retry"}),
        ("pending", {"outbox.abandon"}),
        ("sent", set()),
        ("bounced", set()),
    ],
)
def test_the_buttons_follow_the_state(client, head, emails, name, buttons):
    client.force_login(head)
    body = client.get(reverse("outbox-detail", args=[emails[name].pk])).content.decode()
    shown = {action for action in ("outbox.retry", "outbox.abandon") if f'data-action="{action}"' in body}
    assert shown == buttons
    assert outbox.available_actions(head, emails[name]) == buttons


def test_an_unknown_or_impossible_email_id_is_not_found(client, head):
    client.force_login(head)
    for pk in ["999999", "abc", "1" * 40, "²"]:
        assert client.get(reverse("outbox-detail", args=[pk])).status_code == 404


def _digest_with_items(recipient, n: int) -> Notification:
    digest = _email(S.SENT, to=recipient.email, subject="Your work for Wednesday", kind="chase.digest")
    ward_type = ContentType.objects.get_for_model(WardFactory._meta.model)
    for i in range(n):
        ward = WardFactory()
        ChaseEntry.objects.create(
            kind="test.kind",
            regarding_type=ward_type,
            regarding_id=str(ward.pk),
            recipient=recipient,
            stage=ChaseEntry.Stage.OVERDUE if i % 2 else ChaseEntry.Stage.LEAD,
            day=date(2026, 12, 2),
            due_on=date(2026, 11, 20) + timedelta(days=i % 5),
            notification=digest,
        )
    return digest


def test_a_chase_digest_lists_the_items_it_carried(client, head, officer_a, clock):
    digest = _digest_with_items(officer_a, 2)
    client.force_login(head)
    body = client.get(reverse("outbox-detail", args=[digest.pk])).content.decode()
    assert "What it chased (2)" in body
    assert "Escalated to team lead" in body and "Chased" in body
    assert "20 November 2026" in body and "Mayor&#x27;s Office · ward" in body


def test_a_long_digest_lists_the_items_due_soonest_and_says_how_many_it_carried(
    client, head, officer_a, clock, monkeypatch
):
    monkeypatch.setattr(selectors, "CHASE_LINES_SHOWN", 3)
    digest = _digest_with_items(officer_a, 7)
    client.force_login(head)
    body = client.get(reverse("outbox-detail", args=[digest.pk])).content.decode()
    assert "What it chased (7)" in body and "It carried 7 items; the 3 due soonest are listed." in body
    assert body.count("November 2026") == 3 and "22 November 2026" not in body  # 20, 20, 21: the soonest due


# --- Retry and Abandon --------------------------------------------------------------------------------------------
def test_retry_queues_a_failed_email_again_keeps_its_attempts_and_sends_it_after_the_commit(
    head, emails, clock, mailoutbox, django_capture_on_commit_callbacks
):
    email = emails["failed"]
    with django_capture_on_commit_callbacks() as callbacks:
        retried = outbox.notification_retry(actor=head, notification=email)
        assert retried.status == S.PENDING and retried.attempts == 2
        assert abs((retried.next_attempt_at - clock.now()).total_seconds()) < 60
    assert len(callbacks) == 1 and mailoutbox == []  # nothing is sent before the commit
    callbacks[0]()
    email.refresh_from_db()
    assert email.status == S.SENT and email.attempts == 3
    assert [m.subject for m in mailoutbox] == ["Repairs update"]
    entry = LogEntry.objects.get(object_pk=str(email.pk), content_type__model="notification")
    assert entry.actor == head and entry.changes_dict["status"] == ["Failed", "Queued"]
    assert "sent again" in entry.additional_data["note"]


def test_an_abandoned_email_gets_one_more_try(head, emails, django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "tests.mayoral_office.test_outbox_page.RefusingBackend"
    email = emails["abandoned"]
    with django_capture_on_commit_callbacks(execute=True):
        outbox.notification_retry(actor=head, notification=email)
    email.refresh_from_db()
    assert email.status == S.ABANDONED and email.attempts == 7 and "refused" in email.last_error


class RefusingBackend:
    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("refused by the test")


def test_abandon_stops_a_queued_or_failed_email_for_good(head, emails):
    for name in ("pending", "failed"):
        abandoned = outbox.notification_abandon(actor=head, notification=emails[name])
        assert abandoned.status == S.ABANDONED and abandoned.next_attempt_at is None
    assert mailer.sweep() == 0 and not mailer.deliver(emails["pending"])
    entry = LogEntry.objects.filter(object_pk=str(emails["failed"].pk), content_type__model="notification").get()
    assert entry.actor == head and entry.changes_dict["status"] == ["Failed", "Abandoned"]
    assert "abandoned" in entry.additional_data["note"]


@pytest.mark.parametrize("name", ["sent", "pending", "bounced"])
def test_only_a_failed_or_abandoned_email_is_retried(head, emails, name):
    with pytest.raises(ServiceError, match="Only a failed or abandoned email can be sent again: this one is"):
        outbox.notification_retry(actor=head, notification=emails[name])
    assert not LogEntry.objects.filter(content_type__model="notification").exists()


@pytest.mark.parametrize("name", ["sent", "abandoned", "bounced"])
def test_only_a_queued_or_failed_email_is_abandoned(head, emails, name):
    with pytest.raises(ServiceError, match="Only a queued or failed email can be abandoned: this one is"):
        outbox.notification_abandon(actor=head, notification=emails[name])


def test_a_stale_page_is_told_the_state_now(head, emails):
    """The page showed "failed", but the sweep has since sent it: the service checks the row as it is now."""
    email = emails["failed"]
    Notification.objects.filter(pk=email.pk).update(status=S.SENT)
    with pytest.raises(ServiceError, match="this one is 'sent'"):
        outbox.notification_retry(actor=head, notification=email)


def test_only_the_office_configurers_retry_or_abandon(officer_a, emails):
    with pytest.raises(PermissionDenied):
        outbox.notification_retry(actor=officer_a, notification=emails["failed"])
    with pytest.raises(PermissionDenied):
        outbox.notification_abandon(actor=officer_a, notification=emails["failed"])


def test_the_buttons_post_to_the_services_and_say_what_happened(client, head, emails, mailoutbox):
    client.force_login(head)
    failed, sent = emails["failed"], emails["sent"]
    detail = reverse("outbox-detail", args=[failed.pk])
    assert client.get(reverse("outbox-retry", args=[failed.pk])).status_code == 405
    response = client.post(reverse("outbox-abandon", args=[failed.pk]), follow=True)
    assert response.redirect_chain == [(detail, 302)]
    assert "The email is abandoned" in response.content.decode()
    response = client.post(reverse("outbox-retry", args=[failed.pk]), follow=True)
    assert "queued and will be sent again" in response.content.decode()
    response = client.post(reverse("outbox-abandon", args=[sent.pk]), follow=True)
    assert "Only a queued or failed email can be abandoned" in response.content.decode()
    assert Notification.objects.get(pk=sent.pk).status == S.SENT


# --- Queries ------------------------------------------------------------------------------------------------------
LIST_QUERIES = SIGNED_IN + [
    "the counts per status and the kinds held, in one grouped query (also the list's total: no count of its own)",
    "the page's keys, in the list's order",
    "the page of emails, without their bodies and attachments",
]
FILTERED_LIST_QUERIES = SIGNED_IN + [
    "the counts per status and the kinds held, in one grouped query",
    "the paginator's count of the filtered emails",
    "the page's keys, in the list's order",
    "the page of emails",
]
DETAIL_QUERIES = SIGNED_IN + [
    "the email with its recipient",
    "the chase items it carried, with their record types",
]


@pytest.mark.parametrize(("params", "queries"), [({}, LIST_QUERIES), ({"status": "sent"}, FILTERED_LIST_QUERIES)])
def test_the_list_runs_its_pinned_queries_at_3_and_at_30_rows(
    client, head, clock, django_assert_num_queries, params, queries
):
    client.force_login(head)
    kinds = ["casework.letter", "diary.change", "chase.digest"]
    for total in (3, 30):
        while Notification.objects.count() < total:
            n = Notification.objects.count()
            _email(status=[S.SENT, S.FAILED, S.PENDING][n % 3], kind=kinds[n % 3], subject=f"Email {n}")
        client.get(reverse("outbox"), params)  # warm the caches a running server has
        with django_assert_num_queries(len(queries)):
            assert client.get(reverse("outbox"), params).status_code == 200


def test_the_email_page_runs_its_pinned_queries_whatever_a_digest_carried(
    client, head, officer_a, clock, django_assert_num_queries
):
    client.force_login(head)
    for items in (3, 30):
        digest = _digest_with_items(officer_a, items)
        url = reverse("outbox-detail", args=[digest.pk])
        client.get(url)
        with django_assert_num_queries(len(DETAIL_QUERIES)):
            assert f"What it chased ({items})" in client.get(url).content.decode()
