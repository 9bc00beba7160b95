"""A small local SMTP server on a thread (Python's socketserver; aiosmtpd is not installed), for tests that send
through Django's real SMTP backend: it speaks enough of RFC 5321 for smtplib (EHLO/HELO, MAIL, RCPT, DATA, RSET,
NOOP, QUIT), keeps every message it accepts, refuses the recipients in `refuse` with a 550, and the next `fail_next`
messages with a 451 (a temporary failure)."""

from __future__ import annotations

import email
import email.policy
import socketserver
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Received:
    mail_from: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.data, policy=email.policy.default)


@dataclass
class MailState:
    messages: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address -> the 550 text
    fail_next: int = 0  # refuse this many messages with "451 try again later" (a server failing for a while)


def _address(argument: str) -> str:
    value = argument.split(":", 1)[1].strip()
    value = value.split(" ", 1)[0]  # drop ESMTP parameters (SIZE=, BODY=)
    return value.strip("<>")


class _Handler(socketserver.StreamRequestHandler):
    def _reply(self, text: str) -> None:
        self.wfile.write(text.encode("ascii") + b"\r\n")

    def handle(self) -> None:
        state: MailState = self.server.state
        self._reply("220 localhost test SMTP server")
        mail_from, recipients = "", []
        while line := self.rfile.readline():
            command = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = command[:4].upper()
            if verb == "EHLO":
                self._reply("250-localhost\r\n250-8BITMIME\r\n250 SIZE 10485760")
            elif verb == "HELO" or verb == "NOOP":
                self._reply("250 OK")
            elif verb == "MAIL":
                mail_from, recipients = _address(command), []
                self._reply("250 OK")
            elif verb == "RCPT":
                address = _address(command)
                if address.lower() in state.refuse:
                    self._reply(f"550 5.1.1 {state.refuse[address.lower()]}")
                else:
                    recipients.append(address)
                    self._reply("250 OK")
            elif verb == "DATA":
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                if state.fail_next > 0:
                    state.fail_next -= 1
                    self._reply("451 4.3.0 Try again later")
                    continue
                state.messages.append(Received(mail_from, recipients, b"".join(lines)))
                self._reply("250 OK: queued")
            elif verb == "RSET":
                mail_from, recipients = "", []
                self._reply("250 OK")
            elif verb == "QUIT":
                self._reply("221 Bye")
                return
            else:
                self._reply("502 Command not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def local_smtp_server():
    """Serve on 127.0.0.1 on a free port; yields (port, state)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.state = MailState()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], server.state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def use_smtp(settings, port: int) -> None:
    """Point Django's real SMTP backend at the local server."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
