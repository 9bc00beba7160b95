"""Signing in and permissions: Django's ModelBackend, with each user's permissions kept between requests."""

from django.contrib.auth import backends

from mayoral_office import choices


class ModelBackend(backends.ModelBackend):
    """Every page asks what the user may do: two queries a request (their own permissions and their roles'). They
    are kept in the cache under mayoral_office.choices's version, which any change to users, roles or their
    permissions replaces, so a change is in the very next request."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = choices.kept(
                f"permissions:{user_obj.pk}", lambda: super(ModelBackend, self).get_all_permissions(user_obj)
            )
        return user_obj._perm_cache
