from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "decisions"

    def ready(self):
        from decisions import background, chases, dashboard, demo, header_search, policy, selectors, volume
        from decisions.models import Action, AgendaItem, Body, Decision, Incident, Meeting, PathwayItem, PathwayStage
        from decisions.services import pathway as pathway_services
        from mayoral_office import choices, registry
        from mayoral_office.access import office_staff

        registry.register_section(
            registry.Section(
                app_label="decisions",
                label="Decisions",
                description="Meetings and agendas, the Decision Pathway, the Forward Plan, decisions and actions.",
                url_name="decisions:index",
                allowed=policy.may_open,
                order=30,
            )
        )
        for provider in header_search.providers(policy.may_open):
            registry.register_search_provider(provider)
        registry.register_directory_history(header_search.directory_history)  # a stakeholder's page
        registry.register_home_summary(selectors.home_work)
        registry.register_deadline_recalculator(pathway_services.pathway_recalculate_for_closure_day)
        registry.register_demo_seeder(registry.DemoSeeder("decisions", demo.seed, order=30))
        registry.register_volume_seeder(registry.VolumeSeeder("decisions", volume.seed, order=30))
        choices.register(Body, PathwayStage)
        registry.register_member_view(dashboard.member_view)
        registry.register_dashboard_panel(
            registry.DashboardPanel("decisions", "decisions", "Decisions", dashboard.tables, office_staff, order=30)
        )
        registry.register_background_provider(background.decision_lines)  # a briefing pack's background
        for model in (Meeting, AgendaItem, PathwayItem, Decision, Action, Incident):
            registry.register_record_history(
                model, model.objects.visible_to
            )  # each record's History page  # the filter panels' bodies and stages, kept between requests
        for kind in chases.KINDS:  # what the daily digests chase
            registry.register_chase_kind(kind)
