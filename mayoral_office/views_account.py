"""Pages about the signed-in user's own account (besides sign-in and two-factor, in views.py)."""

from django.views.decorators.http import require_http_methods

from mayoral_office import selectors, services
from mayoral_office.forms import EmailSettingsForm
from mayoral_office.views_support import form_action


@require_http_methods(["GET", "POST"])
def email_settings(request):
    """Whether the user is also emailed at once about new items; the digest and escalations always go."""
    form = EmailSettingsForm(
        request.POST if request.method == "POST" else None, initial={"chase_alerts": request.user.chase_alerts}
    )

    def do(data):
        return services.user_set_chase_alerts(actor=request.user, user=request.user, alerts=data["chase_alerts"])

    return form_action(
        request,
        form,
        do,
        success="Your email settings are saved.",
        redirect_to="email-settings",
        template="mayoral_office/email_settings.html",
        context={"rules": selectors.chase_rules()},
    )
