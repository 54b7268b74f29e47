"""Synthetic demo records: a whole SEC's caseload of invented people and partners.

`generator.write_demo_records` fills an empty vault; each family of records (partners,
participants, and the records later features add) has a module of its own here and
shares one seeded `DemoContext`, so the same seed and day always give the same vault.
Nothing here resembles a real case: names come from Faker, phone numbers from Ofcom's
drama ranges, email addresses from the example domains.

Importing this package is cheap; Faker loads only with `generator`.
"""
