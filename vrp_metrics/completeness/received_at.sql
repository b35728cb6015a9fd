-- When each owed return first arrived: the earliest load, among the batches in force,
-- that covers the measure and period (a later batch replacing it does not make it late).
--
-- Inputs: the in-force CTEs and `owed` (measure_code, kind, scale, period_type,
-- period_start), registered by completeness/due.py.
SELECT
    o.measure_code,
    o.period_type,
    o.period_start,
    least(
        (SELECT min(b.loaded_at) FROM measure_row AS m
           JOIN active_batch USING (batch_id) JOIN batch AS b USING (batch_id)
          WHERE m.measure_code = o.measure_code AND m.period_type = o.period_type
            AND m.period_start = o.period_start),
        (SELECT min(b.loaded_at) FROM reading_cover AS r
           JOIN active_batch USING (batch_id) JOIN batch AS b USING (batch_id)
          WHERE o.scale IS NOT NULL AND r.scale = o.scale AND r.quarter_start = o.period_start),
        (SELECT min(b.loaded_at) FROM tracker_row AS t
           JOIN active_batch USING (batch_id) JOIN batch AS b USING (batch_id)
          WHERE o.kind = 'tracker_green_pct' AND t.period_start = o.period_start)
    ) AS received_at
FROM owed AS o
