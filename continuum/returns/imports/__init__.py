"""Migration: reading a previous system's statutory returns into people and journey records.

`common` holds what every import shares (the dry run, all-or-nothing, the report of rejections,
finding a child already migrated); each return has its own reader (`cin_census`, `ssda903`). See the
"Migrating from another system" section of docs/returns.md.
"""
