-- How many keys of batch $batch_id are now owned by a later batch (0 = still fully in force).
SELECT
    (SELECT count(*)
       FROM measure_row AS m
       JOIN measure_cover AS c USING (measure_code, period_type, period_start)
      WHERE m.batch_id = $batch_id AND c.batch_id <> $batch_id)
  + (SELECT count(*)
       FROM reading_cover AS rc
       JOIN reading_owner AS o USING (scale, quarter_start)
      WHERE rc.batch_id = $batch_id AND o.batch_id <> $batch_id)
  + (SELECT count(*)
       FROM (SELECT DISTINCT period_start FROM tracker_row WHERE batch_id = $batch_id) AS t
       JOIN tracker_cover AS c USING (period_start)
      WHERE c.batch_id <> $batch_id) AS superseded
