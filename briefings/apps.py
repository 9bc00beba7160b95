from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "briefings"

    def ready(self):
        from briefings import policy
        from briefings.models import Commission, Pack, Passage
        from mayoral_office import registry

        registry.register_section(
            registry.Section(
                app_label="briefings",
                label="Briefings",
                description="Briefing and speech packs, commissions from directorates, clearance and printed packs.",
                url_name="briefings:index",
                allowed=policy.may_open,
                order=25,
            )
        )
        for model in (Pack, Commission, Passage):
            registry.register_record_history(model, model.objects.visible_to)  # each record's History page
