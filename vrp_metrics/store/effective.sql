-- The rows in force "as at" revision $as_at (NULL means now).
-- These CTEs are prefixed to every query that reads figures; see vrp_metrics/sqlfiles.py.

-- step: batches loaded by then and not withdrawn by then
active_batch AS (
    SELECT batch_id, kind
    FROM batch
    WHERE loaded_revision <= coalesce($as_at, 2147483647)
      AND (withdrawn_revision IS NULL OR withdrawn_revision > coalesce($as_at, 2147483647))
),
-- step: the latest active batch owns each measure and period
measure_cover AS (
    SELECT measure_code, period_type, period_start, max(batch_id) AS batch_id
    FROM measure_row
    JOIN active_batch USING (batch_id)
    GROUP BY measure_code, period_type, period_start
),
effective_measure AS (
    SELECT m.*
    FROM measure_row AS m
    JOIN measure_cover USING (measure_code, period_type, period_start, batch_id)
),
-- step: the latest active readings batch owns each scale and quarter its dates touch
reading_owner AS (
    SELECT scale, quarter_start, max(batch_id) AS batch_id
    FROM reading_cover
    JOIN active_batch USING (batch_id)
    GROUP BY scale, quarter_start
),
effective_reading AS (
    SELECT r.*
    FROM reading AS r
    JOIN reading_owner AS o
      ON o.batch_id = r.batch_id
     AND o.scale = r.scale
     AND o.quarter_start = CAST(date_trunc('quarter', r.reading_date) AS DATE)
),
-- step: the latest active tracker batch owns each quarter
tracker_cover AS (
    SELECT period_start, max(batch_id) AS batch_id
    FROM tracker_row
    JOIN active_batch USING (batch_id)
    GROUP BY period_start
),
effective_tracker AS (
    SELECT t.*
    FROM tracker_row AS t
    JOIN tracker_cover USING (period_start, batch_id)
),
-- step: the latest active meeting-record batch owns each meeting (group and date)
meeting_cover AS (
    SELECT group_code, meeting_date, max(batch_id) AS batch_id
    FROM meeting_row
    JOIN active_batch USING (batch_id)
    GROUP BY group_code, meeting_date
),
effective_meeting AS (
    SELECT m.*
    FROM meeting_row AS m
    JOIN meeting_cover USING (group_code, meeting_date, batch_id)
),
-- step: the latest active actions batch owns each action (group and reference)
action_cover AS (
    SELECT group_code, action_ref, max(batch_id) AS batch_id
    FROM action_row
    JOIN active_batch USING (batch_id)
    GROUP BY group_code, action_ref
),
effective_action AS (
    SELECT a.*
    FROM action_row AS a
    JOIN action_cover USING (group_code, action_ref, batch_id)
),
-- step: the latest active Crest batch owns each update (group, recommendation and date)
crest_cover AS (
    SELECT group_code, recommendation, as_of, max(batch_id) AS batch_id
    FROM crest_row
    JOIN active_batch USING (batch_id)
    GROUP BY group_code, recommendation, as_of
),
effective_crest AS (
    SELECT c.*
    FROM crest_row AS c
    JOIN crest_cover USING (group_code, recommendation, as_of, batch_id)
)
