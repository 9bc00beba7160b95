from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = "Casework"

    def ready(self):
        from casework import background, chases, dashboard, demo, header_search, selectors, volume
        from casework.models import Case, CaseType
        from casework.services import case_recalculate_for_closure_day
        from mayoral_office import choices, registry
        from mayoral_office.access import is_directorate_contact, office_roles, office_staff

        registry.register_section(
            registry.Section(
                app_label="casework",
                label="Casework",
                description="Correspondence and cases, target times, drafting for signature.",
                url_name="casework:index",
                allowed=lambda user: office_roles(user) or is_directorate_contact(user),
                order=10,
            )
        )
        for provider in header_search.providers(lambda user: office_roles(user) or is_directorate_contact(user)):
            registry.register_search_provider(provider)
        registry.register_directory_history(header_search.directory_history)  # a stakeholder's page
        registry.register_home_summary(selectors.home_work)
        registry.register_deadline_recalculator(case_recalculate_for_closure_day)
        registry.register_demo_seeder(registry.DemoSeeder("casework", demo.seed, order=10))
        registry.register_volume_seeder(registry.VolumeSeeder("casework", volume.seed, order=10))
        registry.register_record_history(Case, Case.objects.visible_to)
        registry.register_background_provider(background.case_lines)  # a briefing pack's background
        for kind in chases.KINDS:  # what the daily digests chase
            registry.register_chase_kind(kind)
        registry.register_dashboard_panel(
            registry.DashboardPanel("casework", "casework", "Casework", dashboard.tables, office_staff, order=10)
        )
        registry.register_member_view(dashboard.member_view)
        choices.register(CaseType)  # the filter panels' case types, kept between requests
