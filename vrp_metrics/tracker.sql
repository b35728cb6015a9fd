-- The Partnership Data Tracker rows in force: one row per data source and quarter.
-- $period_start keeps one quarter (NULL keeps every quarter).

-- step: the in-force tracker rows, optionally for one quarter
tracker_in_force AS (
    SELECT data_source, agency, period, period_start, rag_status, barrier, next_action,
           source_row
    FROM effective_tracker
    WHERE $period_start IS NULL OR period_start = CAST($period_start AS DATE)
)
-- step: in the order of each quarter's return
SELECT data_source, agency, period, period_start, rag_status, barrier, next_action
FROM tracker_in_force
ORDER BY period_start, source_row
