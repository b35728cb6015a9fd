-- Every batch, newest first, with the earlier batches whose figures it replaced.

-- step: the keys each batch covers, whatever its kind
batch_key AS (
    SELECT DISTINCT batch_id, 'measure' AS kind, measure_code || '|' || period_type || '|' || period_start AS key
    FROM measure_row
    UNION ALL
    SELECT DISTINCT batch_id, 'readings', scale || '|' || quarter_start FROM reading_cover
    UNION ALL
    SELECT DISTINCT batch_id, 'tracker', CAST(period_start AS VARCHAR) FROM tracker_row
    UNION ALL
    SELECT DISTINCT batch_id, 'meeting', group_code || '|' || meeting_date FROM meeting_row
    UNION ALL
    SELECT DISTINCT batch_id, 'actions', group_code || '|' || action_ref FROM action_row
    UNION ALL
    SELECT DISTINCT batch_id, 'crest', group_code || '|' || recommendation || '|' || as_of
    FROM crest_row
),
-- step: an earlier batch sharing a key was replaced by the later one
replaced AS (
    SELECT later.batch_id, list(DISTINCT earlier.batch_id ORDER BY earlier.batch_id) AS replaced_batches
    FROM batch_key AS later
    JOIN batch_key AS earlier
      ON earlier.kind = later.kind AND earlier.key = later.key AND earlier.batch_id < later.batch_id
    GROUP BY later.batch_id
)
SELECT
    b.batch_id, b.file_name, b.kind, b.loaded_by, b.loaded_at, b.rows_in_file, b.rows_loaded,
    b.sha256, b.withdrawn_at, b.withdrawn_by,
    b.batch_id IN (SELECT batch_id FROM active_batch) AS in_force,
    coalesce(r.replaced_batches, []) AS replaced_batches
FROM batch AS b
LEFT JOIN replaced AS r USING (batch_id)
ORDER BY b.batch_id DESC
