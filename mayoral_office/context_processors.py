from django.conf import settings

from mayoral_office import registry


def office(request):
    user = getattr(request, "user", None)
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "nav_sections": registry.sections_for(user),
        "nav_dashboard": user is not None and user.is_authenticated and bool(registry.dashboard_panels(user)),
    }
