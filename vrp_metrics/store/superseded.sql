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
      WHERE c.batch_id <> $batch_id)
  + (SELECT count(*)
       FROM (SELECT DISTINCT group_code, meeting_date FROM meeting_row WHERE batch_id = $batch_id) AS m
       JOIN meeting_cover AS c USING (group_code, meeting_date)
      WHERE c.batch_id <> $batch_id)
  + (SELECT count(*)
       FROM action_row AS a
       JOIN action_cover AS c USING (group_code, action_ref)
      WHERE a.batch_id = $batch_id AND c.batch_id <> $batch_id)
  + (SELECT count(*)
       FROM crest_row AS r
       JOIN crest_cover AS c USING (group_code, recommendation, as_of)
      WHERE r.batch_id = $batch_id AND c.batch_id <> $batch_id) AS superseded
