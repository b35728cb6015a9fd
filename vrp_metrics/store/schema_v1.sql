-- Schema version 1 of the VRP metrics store.
--
-- Nothing is ever deleted: every accepted file is a batch, and which rows are in force
-- is worked out from the batches (the latest batch covering a key wins; a withdrawn
-- batch stops covering anything). Every change to the store is one revision, so the
-- figures "as at" any earlier revision can be read back.

-- step: one row per change (load, withdrawal, commentary) — the audit log
CREATE TABLE revision (
    revision    INTEGER PRIMARY KEY,
    action      VARCHAR NOT NULL,      -- load | withdraw | commentary
    batch_id    INTEGER,
    done_by     VARCHAR NOT NULL,
    done_at     TIMESTAMP NOT NULL
);

-- step: one row per accepted file
CREATE TABLE batch (
    batch_id            INTEGER PRIMARY KEY,
    file_name           VARCHAR NOT NULL,
    sha256              VARCHAR NOT NULL,
    kind                VARCHAR NOT NULL,  -- measure | readings | tracker
    loaded_by           VARCHAR NOT NULL,
    loaded_at           TIMESTAMP NOT NULL,
    loaded_revision     INTEGER NOT NULL,
    rows_in_file        INTEGER NOT NULL,
    rows_loaded         INTEGER NOT NULL,
    withdrawn_revision  INTEGER,
    withdrawn_at        TIMESTAMP,
    withdrawn_by        VARCHAR
);

-- step: aggregate figures from measure returns
CREATE TABLE measure_row (
    batch_id      INTEGER NOT NULL,
    measure_code  VARCHAR NOT NULL,
    period        VARCHAR NOT NULL,
    period_start  DATE NOT NULL,
    period_type   VARCHAR NOT NULL,    -- quarter | year
    value         DOUBLE,
    numerator     BIGINT,
    denominator   BIGINT,
    cohort_size   BIGINT,
    comment       VARCHAR,
    source_row    INTEGER NOT NULL
);

-- step: pseudonymised outcome readings
CREATE TABLE reading (
    batch_id         INTEGER NOT NULL,
    participant_ref  VARCHAR NOT NULL,
    scale            VARCHAR NOT NULL,
    area             VARCHAR NOT NULL,
    reading_date     DATE NOT NULL,
    score            DOUBLE NOT NULL,
    source_row       INTEGER NOT NULL
);

-- step: which scale-quarters a readings batch covers (and so replaces)
CREATE TABLE reading_cover (
    batch_id       INTEGER NOT NULL,
    scale          VARCHAR NOT NULL,
    quarter_start  DATE NOT NULL
);

-- step: Partnership Data Tracker rows
CREATE TABLE tracker_row (
    batch_id      INTEGER NOT NULL,
    data_source   VARCHAR NOT NULL,
    agency        VARCHAR NOT NULL,
    period        VARCHAR NOT NULL,
    period_start  DATE NOT NULL,
    rag_status    VARCHAR NOT NULL,    -- green | amber | red
    barrier       VARCHAR,
    next_action   VARCHAR,
    source_row    INTEGER NOT NULL
);

-- step: working-group chairs' commentary per measure and period (latest version wins)
CREATE TABLE commentary (
    revision      INTEGER NOT NULL,
    measure_code  VARCHAR NOT NULL,
    period        VARCHAR NOT NULL,
    body          VARCHAR NOT NULL,
    author        VARCHAR NOT NULL,
    written_at    TIMESTAMP NOT NULL
);
