from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "briefings"

    def ready(self):
        from briefings import background, chases, dashboard, demo, header_search, policy, volume
        from briefings.models import Commission, Pack, Passage
        from briefings.selectors import diary, home
        from briefings.services import follow
        from mayoral_office import registry
        from mayoral_office.access import office_staff

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
        for provider in header_search.providers(policy.may_open):
            registry.register_search_provider(provider)
        registry.register_home_summary(home.home_work)
        registry.register_member_view(dashboard.member_view)
        registry.register_dashboard_panel(
            registry.DashboardPanel("briefings", "briefings", "Briefings", dashboard.tables, office_staff, order=25)
        )
        registry.register_badges("diary.engagement", diary.engagement_badges)  # the pack status in the diary
        registry.register_badges("decisions.meeting", diary.meeting_badges)  # and on a meeting's page
        registry.register_background_provider(background.previous_packs)
        if hasattr(follow, "packs_follow_record"):
            registry.register_change_listener("diary.engagement", follow.packs_follow_record)
            registry.register_change_listener("decisions.meeting", follow.packs_follow_record)
            registry.register_deadline_recalculator(follow.packs_recalculate_for_closure_day)
        # after the diary and decisions, whose engagements and meetings the packs are for
        registry.register_demo_seeder(registry.DemoSeeder("briefings", demo.seed, order=35))
        registry.register_volume_seeder(registry.VolumeSeeder("briefings", volume.seed, order=35))
        for model in (Pack, Commission, Passage):
            registry.register_record_history(model, model.objects.visible_to)  # each record's History page
        for kind in chases.KINDS:  # what the daily digests chase
            registry.register_chase_kind(kind)
