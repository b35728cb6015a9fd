-- Schema version 3: the chairs' key updates and decisions (DESIGN §8).
--
-- Each working group's chair raises key updates and decisions to the SVRP every
-- quarter. Kept like commentary: every version is a row, the latest is shown, and an
-- empty text clears it.

-- step: one row per version of a group's key updates for a period
CREATE TABLE key_update (
    revision      INTEGER NOT NULL,      -- the store's change counter at the save
    working_group VARCHAR NOT NULL,      -- a working-group code: TVRP, DAWG, ENG, IEO
    period        VARCHAR NOT NULL,      -- a quarter or a financial year, canonical form
    body          VARCHAR NOT NULL,      -- the chair's text as typed ('' clears it)
    author        VARCHAR NOT NULL,      -- the writer's identity (as the audit log has it)
    author_name   VARCHAR NOT NULL,      -- how the writer is shown
    written_at    TIMESTAMP NOT NULL
);
