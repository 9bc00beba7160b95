"""A private Dovecot IMAP server for the email intake tests: Debian's dovecot (package dovecot-imapd), started in the
foreground with a configuration of its own (`dovecot -F -c`) on 127.0.0.1 and a free unprivileged port, plaintext
sign-in allowed (loopback only, no SSL), users from a passwd-file, Maildirs, its base_dir, state and log all under a
temporary folder; stopped at the end. It neither needs nor touches a system Dovecot (port 143, /etc/dovecot).

Without the dovecot binary the tests skip with the reason, unless REQUIRE_IMAP=1 (set by .ci/run): then they fail.
"""

from __future__ import annotations

import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

PASSWORD = "intake-test-password"
SBIN = ("/usr/sbin", "/usr/local/sbin", "/sbin")

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
instance_name = mo-intake-test-{port}
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = {uid}
last_valid_uid = {uid}
mail_location = maildir:{root}/mail/%u
mail_uid = {uid}
mail_gid = {gid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
protocol imap {{
  mail_max_userip_connections = 50
}}
"""


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or shutil.which("dovecot", path=os.pathsep.join(SBIN))


def require_dovecot() -> str:
    binary = dovecot_binary()
    if binary is None:
        reason = "The email intake tests need Debian's dovecot (apt-get install dovecot-imapd)"
        if os.environ.get("REQUIRE_IMAP") == "1":
            pytest.fail(f"{reason}; REQUIRE_IMAP=1 is set, so they may not be skipped")
        pytest.skip(reason)
    return binary


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ImapServer:
    host: str
    port: int
    root: Path

    def connect(self, user: str) -> imaplib.IMAP4:
        imap = imaplib.IMAP4(self.host, self.port, timeout=10)
        imap.login(user, PASSWORD)
        return imap

    def deliver(self, user: str, raw: bytes, folder: str = "INBOX") -> None:
        """Deliver a message to a user's mailbox (IMAP APPEND), unread."""
        imap = self.connect(user)
        try:
            typ, data = imap.append(folder, "", imaplib.Time2Internaldate(time.time()), raw)
            assert typ == "OK", data
        finally:
            imap.logout()

    def flags(self, user: str) -> list[bytes]:
        """Each message's flags in the user's INBOX."""
        imap = self.connect(user)
        try:
            imap.select("INBOX")
            typ, data = imap.fetch("1:*", "(FLAGS)")
            return [item for item in data if item] if typ == "OK" else []
        finally:
            imap.logout()

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""


@contextmanager
def dovecot_server(users: tuple[str, ...] = ("mayor", "cabinet")):
    """A running Dovecot with these users (password PASSWORD), in a temporary folder removed afterwards (not
    pytest's tmp_path: its parent folders are private to the user running the tests, and Dovecot's processes that
    serve the mail run as another user when that is root). The port is a free one, tried again if another process
    (CI runs two passes of the suite at once) takes it first."""
    binary = require_dovecot()
    root = Path(tempfile.mkdtemp(prefix="mo-imap-"))
    process = None
    try:
        for _attempt in range(3):
            process, server, failure = _start(binary, root, users)
            if not failure:
                break
        else:
            pytest.fail(failure)
        yield server
    finally:
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(root, ignore_errors=True)


def _start(binary: str, root: Path, users: tuple[str, ...]) -> tuple[subprocess.Popen, ImapServer, str]:
    """Dovecot started on a free port, and "" once it answers; or why it did not start."""
    port = _free_port()
    # Dovecot serves mail as an unprivileged user: the one running the tests, or nobody when that is root.
    account = pwd.getpwuid(os.getuid()) if os.getuid() != 0 else pwd.getpwnam("nobody")
    group = account.pw_gid
    for sub in ("run", "state", "mail", "home"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    if os.getuid() == 0:
        for sub in ("mail", "home", "state"):
            os.chown(root / sub, account.pw_uid, group)
        os.chmod(root, 0o755)
    (root / "passwd").write_text("".join(f"{user}:{{PLAIN}}{PASSWORD}\n" for user in users))
    config = root / "dovecot.conf"
    names = {"user": account.pw_name, "group": grp.getgrgid(group).gr_name, "uid": account.pw_uid, "gid": group}
    config.write_text(CONFIG.format(root=root, port=port, **names))
    process = subprocess.Popen(  # noqa: S603 (our own configuration)
        [binary, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    server = ImapServer("127.0.0.1", port, root)
    return process, server, _wait_until_listening(server, process)


def _wait_until_listening(server: ImapServer, process: subprocess.Popen) -> str:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"dovecot stopped at start (exit {process.returncode}):\n{server.log()}"
        try:
            with socket.create_connection((server.host, server.port), timeout=1) as sock:
                if sock.recv(100).startswith(b"* OK"):
                    return ""
        except OSError:
            time.sleep(0.05)
    process.kill()
    process.wait()
    return f"dovecot did not answer on {server.host}:{server.port} within 15 seconds\n{server.log()}"
