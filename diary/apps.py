from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "diary"

    def ready(self):
        from diary import background, chases, demo, header_search, member_view, personal_data, policy, selectors, volume
        from diary.models import Engagement, Invitation
        from mayoral_office import registry

        registry.register_section(
            registry.Section(
                app_label="diary",
                label="Diary",
                description="Members' engagements, invitations and week-ahead packs.",
                url_name="diary:index",
                allowed=lambda user: policy.allows(user, "diary.view"),
                order=20,
            )
        )
        for provider in header_search.providers(lambda user: policy.allows(user, "diary.view")):
            registry.register_search_provider(provider)
        registry.register_directory_history(header_search.directory_history)  # a stakeholder's page
        registry.register_home_summary(selectors.home_work)
        registry.register_member_view(member_view.member_view)
        registry.register_demo_seeder(registry.DemoSeeder("diary", demo.seed, order=20))
        registry.register_demo_seeder(registry.DemoSeeder("diary guests", demo.seed_directory_guests, order=21))
        registry.register_volume_seeder(registry.VolumeSeeder("diary", volume.seed, order=20))
        registry.register_personal_data_provider(personal_data.personal_data)  # the subject access pack
        registry.register_background_provider(background.engagement_lines)  # a briefing pack's background
        registry.register_record_history(Engagement, selectors.engagements_with_readable_history)
        registry.register_record_history(Invitation, Invitation.objects.visible_to)
        for kind in chases.KINDS:  # what the daily digests chase
            registry.register_chase_kind(kind)
