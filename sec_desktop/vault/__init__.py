"""The encrypted vault: an in-memory SQLite database saved as one AES-256-GCM file.

Nothing readable ever reaches the disk. See `vault.Vault` for the entry point and
`format` for the file layout.
"""
