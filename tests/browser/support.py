"""Browser-test support: Debian's Chromium through Playwright, and axe-core accessibility scans.

Use the `browser_page` fixture and `sign_in(page, live_server, user)`; call `assert_no_axe_violations(page)` on
every page a test visits. Tests are skipped, with the reason printed, when /usr/bin/chromium is not installed
(`.ci/run` installs it)."""

from pathlib import Path

from django.conf import settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.mayoral_office.factories import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"


def current_totp(device: TOTPDevice) -> str:
    import time

    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=0)
    # Avoid reusing a token already accepted in this time step (django-otp refuses replays).
    if device.last_t >= (int(time.time()) - device.t0) // device.step:
        time.sleep(device.step - (int(time.time()) - device.t0) % device.step + 1)
        token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=0)
    return f"{token:0{device.digits}d}"


def sign_in(page, live_server, user, *, password: str = PASSWORD, next_path: str = "/"):
    """Sign in through the real sign-in page, answering the two-factor step when it appears."""
    page.goto(f"{live_server.url}/sign-in/?next={next_path}")
    page.fill("#id_username", user.email)
    page.fill("#id_password", password)
    click_through(page, "main button.govuk-button")
    if "/two-factor/" in page.url and "/setup/" not in page.url:
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        page.fill("#id_token", current_totp(device))
        click_through(page, "main button.govuk-button")
    return page


def click_through(page, selector: str):
    """Click a link or a submit button and wait for the page it leads to. (A click returns as soon as the
    navigation has started, so a check made straight after it may read the old page or a half-loaded one.)"""
    with page.expect_navigation():
        page.click(selector)


def give_totp_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def assert_no_axe_violations(page, *, context: str = ""):
    # A click that follows a link or submits a form returns once the navigation has started: scan the new page only
    # when it has loaded, never the half-parsed document in between.
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]
    assert violations == [], f"axe violations on {context or page.url}:\n" + "\n".join(violations)


def mfa_required() -> bool:
    return settings.MFA_REQUIRED
