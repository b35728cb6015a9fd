-- The latest batch in force whose file had exactly these bytes.
SELECT max(b.batch_id)
FROM batch AS b
JOIN active_batch USING (batch_id)
WHERE b.sha256 = $sha256
