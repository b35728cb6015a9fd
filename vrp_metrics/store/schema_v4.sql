-- Schema version 4: working-group records (DESIGN §3, §9).
--
-- Three more kinds of batch, kept like the others: nothing is deleted, and which rows
-- are in force is worked out from the batches (store/effective.sql). A later batch
-- replaces a meeting by group and date, an action by group and reference, and a Crest
-- update by group, recommendation and date.

-- step: meeting records, one row per meeting and member agency
CREATE TABLE meeting_row (
    batch_id      INTEGER NOT NULL,
    group_code    VARCHAR NOT NULL,
    meeting_date  DATE NOT NULL,
    format        VARCHAR NOT NULL,    -- Teams | In person
    host_agency   VARCHAR,             -- in person only; as the membership spells it
    agency        VARCHAR NOT NULL,    -- as the membership spells it
    attendance    VARCHAR NOT NULL,    -- Present | Apologies | Absent
    source_row    INTEGER NOT NULL
);

-- step: actions logs, one row per action as it stood in the batch
CREATE TABLE action_row (
    batch_id      INTEGER NOT NULL,
    group_code    VARCHAR NOT NULL,
    action_ref    VARCHAR NOT NULL,
    raised_on     DATE NOT NULL,
    action        VARCHAR NOT NULL,
    owner_agency  VARCHAR NOT NULL,
    due_date      DATE NOT NULL,
    status        VARCHAR NOT NULL,    -- Open | In progress | Done | Dropped
    closed_on     DATE,
    serves        VARCHAR,
    source_row    INTEGER NOT NULL
);

-- step: Crest Advisory Readiness Tracker updates
CREATE TABLE crest_row (
    batch_id        INTEGER NOT NULL,
    group_code      VARCHAR NOT NULL,
    recommendation  VARCHAR NOT NULL,
    status          VARCHAR NOT NULL,  -- Not started | In progress | Achieved
    as_of           DATE NOT NULL,
    evidence        VARCHAR,
    source_row      INTEGER NOT NULL
);
