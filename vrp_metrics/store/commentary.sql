-- The latest commentary per measure and period, optionally for one measure or period.

-- step: rank each measure-period's versions, newest first
WITH ranked AS (
    SELECT *, row_number() OVER (PARTITION BY measure_code, period ORDER BY revision DESC) AS version
    FROM commentary
    WHERE ($measure_code IS NULL OR measure_code = $measure_code)
      AND ($period IS NULL OR period = $period)
)
SELECT measure_code, period, body, author, written_at
FROM ranked
WHERE version = 1 AND body <> ''
ORDER BY measure_code, period
