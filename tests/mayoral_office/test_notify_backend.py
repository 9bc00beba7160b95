"""The GOV.UK Notify email backend: one Notify email per recipient into the configured template, a refusal raised so
the outbox records it in words, attachments refused, and the settings that switch it on. Notify's HTTP API is
replaced at the edge (the `requests` session the client posts through): no request leaves the machine."""

import json
import uuid

import pytest
import requests
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, EmailMultiAlternatives
from notifications_python_client.notifications import NotificationsAPIClient

from mayoral_office import mailer, outbox
from mayoral_office.models import Notification
from mayoral_office.notify import NotifyEmailBackend, NotifyError
from tests.mayoral_office.test_settings import PRODUCTION_ENV, run_manage

SERVICE_ID, SECRET = str(uuid.uuid4()), str(uuid.uuid4())
API_KEY = f"mayors_office_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = str(uuid.uuid4())
BACKEND = "mayoral_office.notify.NotifyEmailBackend"


class FakeNotify:
    """Stands in for Notify's API behind the client's `requests` session: records each request and answers 201,
    or what `refuse` says for an address."""

    def __init__(self):
        self.requests = []
        self.refuse: dict[str, tuple[int, dict]] = {}

    def __call__(self, method, url, **kwargs):
        payload = json.loads(kwargs.get("data") or "{}")
        self.requests.append({"method": method, "url": url, "headers": kwargs["headers"], "json": payload})
        status, body = self.refuse.get(payload.get("email_address"), (201, {"id": str(uuid.uuid4())}))
        response = requests.Response()
        response.status_code = status
        response.url = url
        response._content = json.dumps(body).encode()
        response.headers["Content-Type"] = "application/json"
        return response

    @property
    def sent(self) -> list[dict]:
        return [r["json"] for r in self.requests]


@pytest.fixture
def notify(monkeypatch, settings):
    fake = FakeNotify()
    monkeypatch.setattr(requests.Session, "request", lambda session, method, url, **kw: fake(method, url, **kw))
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_TEMPLATE_ID = TEMPLATE_ID
    settings.EMAIL_BACKEND = BACKEND
    return fake


def test_each_recipient_gets_one_notify_email_from_the_template(notify):
    message = EmailMultiAlternatives(
        subject="Your case MO-2026-00042",
        body="Dear Ms Patel,\n\nWe have your letter.",
        to=["a@example.org", "b@example.org"],
        cc=["c@example.org"],
    )
    message.attach_alternative("<p>Dear Ms Patel</p>", "text/html")
    assert NotifyEmailBackend().send_messages([message]) == 1
    assert [r["email_address"] for r in notify.sent] == ["a@example.org", "b@example.org", "c@example.org"]
    for request in notify.requests:
        assert request["method"] == "POST"
        assert request["url"] == "https://api.notifications.service.gov.uk/v2/notifications/email"
        assert request["headers"]["Authorization"].startswith("Bearer ")  # a token signed with the key's secret
        assert request["json"]["template_id"] == TEMPLATE_ID
        assert request["json"]["personalisation"] == {
            "subject": "Your case MO-2026-00042",
            "body": "Dear Ms Patel,\n\nWe have your letter.",
        }


def test_the_client_is_called_as_documented(monkeypatch, settings):
    calls = []
    monkeypatch.setattr(NotificationsAPIClient, "send_email_notification", lambda self, **kw: calls.append(kw))
    backend = NotifyEmailBackend(api_key=API_KEY, template_id=TEMPLATE_ID)
    sent = backend.send_messages([EmailMessage(subject="S", body="B", to=["x@example.org"])])
    assert sent == 1
    assert calls == [
        {"email_address": "x@example.org", "template_id": TEMPLATE_ID, "personalisation": {"subject": "S", "body": "B"}}
    ]
    assert backend.send_messages([]) == 0


TEAM_ONLY = "Can't send to this recipient using a team-only API key"


def test_a_refusal_is_raised_in_words(notify):
    refusal = {"status_code": 400, "errors": [{"error": "BadRequestError", "message": TEAM_ONLY}]}
    notify.refuse["resident@example.org"] = (400, refusal)
    message = EmailMessage(subject="S", body="B", to=["resident@example.org"])
    with pytest.raises(NotifyError) as refused:
        NotifyEmailBackend().send_messages([message])
    assert str(refused.value) == (
        "GOV.UK Notify refused the email to resident@example.org "
        "(400: Can't send to this recipient using a team-only API key)"
    )
    assert NotifyEmailBackend(fail_silently=True).send_messages([message]) == 0


def test_notify_out_of_reach_is_raised(monkeypatch, settings):
    def unreachable(session, method, url, **kwargs):
        raise requests.ConnectionError("Name or service not known")

    monkeypatch.setattr(requests.Session, "request", unreachable)
    with pytest.raises(NotifyError, match=r"refused the email to x@example.org \(503: Request failed\)"):
        NotifyEmailBackend(api_key=API_KEY, template_id=TEMPLATE_ID).send_messages(
            [EmailMessage(subject="S", body="B", to=["x@example.org"])]
        )


def test_an_attachment_is_refused_not_dropped(notify):
    message = EmailMessage(subject="Invitation", body="See the invitation.", to=["x@example.org"])
    message.attach("invite.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    with pytest.raises(NotifyError, match=r"cannot send attachments \(invite.ics\)"):
        NotifyEmailBackend().send_messages([message])
    assert notify.requests == []


def test_it_needs_its_key_and_template(settings):
    settings.NOTIFY_API_KEY = ""
    settings.NOTIFY_TEMPLATE_ID = TEMPLATE_ID
    with pytest.raises(ImproperlyConfigured):
        NotifyEmailBackend()


@pytest.mark.django_db
def test_the_outbox_sends_through_notify_and_records_a_refusal(notify, django_capture_on_commit_callbacks):
    notify.refuse["gone@example.org"] = (400, {"errors": [{"message": "email_address Not a valid email address"}]})
    with django_capture_on_commit_callbacks(execute=True):
        good = outbox.queue_email(to=["resident@example.org"], subject="Your letter", body="Hello", kind="test")
        bad = outbox.queue_email(to=["gone@example.org"], subject="Your letter", body="Hello", kind="test")
        letter = outbox.queue_email(
            to=["resident@example.org"],
            subject="Letter attached",
            body="Hello",
            attachments=[{"filename": "letter.pdf", "content": b"%PDF-1.7", "mimetype": "application/pdf"}],
        )
    good, bad, letter = (Notification.objects.get(pk=n.pk) for n in (good, bad, letter))
    assert good.status == Notification.Status.SENT and good.attempts == 1
    assert bad.status == Notification.Status.FAILED and bad.will_retry
    assert "GOV.UK Notify refused the email to gone@example.org (400: email_address Not a valid" in bad.last_error
    assert letter.status == Notification.Status.FAILED and "cannot send attachments (letter.pdf)" in letter.last_error
    assert [r["email_address"] for r in notify.sent] == ["resident@example.org", "gone@example.org"]
    notify.refuse.clear()
    Notification.objects.filter(pk=bad.pk).update(next_attempt_at=None)
    assert mailer.deliver(bad)  # retried by the sweep or the Retry button: now accepted
    assert Notification.objects.get(pk=bad.pk).status == Notification.Status.SENT


# --- Settings -----------------------------------------------------------------------------------------------------
def _backend_in(env: dict) -> tuple[int, str]:
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.EMAIL_BACKEND)", env={**PRODUCTION_ENV, **env}
    )
    return result.returncode, result.stdout + result.stderr


def test_a_notify_key_switches_the_backend_and_needs_a_template():
    code, out = _backend_in({"NOTIFY_API_KEY": API_KEY, "NOTIFY_TEMPLATE_ID": TEMPLATE_ID})
    assert code == 0 and out.strip().splitlines()[-1] == BACKEND, out
    code, out = _backend_in({"NOTIFY_API_KEY": API_KEY, "NOTIFY_TEMPLATE_ID": ""})
    assert code != 0 and "NOTIFY_TEMPLATE_ID must be set when NOTIFY_API_KEY is" in out
    code, out = _backend_in({"NOTIFY_API_KEY": "", "EMAIL_URL": "smtp://relay.example.gov.uk:25"})
    assert code == 0 and out.strip().splitlines()[-1] == "django.core.mail.backends.smtp.EmailBackend", out
