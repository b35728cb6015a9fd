-- Schema version 2: the audit log (DESIGN §7).
--
-- Append-only: every write, and every write a role refused, adds one entry in the same
-- transaction as the change it records; nothing in the product updates or deletes one.

-- step: one row per audited action, in the order they happened
CREATE TABLE audit_entry (
    entry       INTEGER PRIMARY KEY,
    "at"        TIMESTAMP NOT NULL,    -- UTC ("at" is a keyword of DuckDB)
    actor       VARCHAR NOT NULL,      -- identity: email, preferred_username or sub
    roles       VARCHAR NOT NULL,      -- as ActingUser.role_names(), comma-separated
    action      VARCHAR NOT NULL,      -- sign_in | load | withdraw | commentary | …
    object      VARCHAR NOT NULL,      -- what it touched: "batch 7 (file.csv, sha256 …)"
    outcome     VARCHAR NOT NULL,      -- done | refused
    detail      VARCHAR NOT NULL,      -- the reason of a refusal; other facts
    before_text VARCHAR,               -- for edits: the text before
    after_text  VARCHAR                -- for edits: the text after
);
