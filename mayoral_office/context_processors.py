from django.conf import settings

from mayoral_office.access import sections_for


def office(request):
    user = getattr(request, "user", None)
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "nav_sections": sections_for(user) if user is not None and user.is_authenticated else [],
    }
