"""The briefings app's forms: packs.py (a pack and withdrawing it), sections.py (a section's text, adding one,
moving one, uploading a paper) and commissions.py (commissioning). crispy-forms-gds, plain-English messages."""
