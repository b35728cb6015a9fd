-- Expected vs received returns: one row per measure and period that a partner owes.
--
-- Quarters run from the first to the latest quarter with any data in force; a
-- financial year is expected of an annual measure once its last quarter is within that
-- range. A measure counts as received when its figure's source arrived: a measure
-- return row; for readings-derived measures, readings for the scale in that quarter; for
-- the tracker measure, a tracker return for the quarter.

-- step: the quarters that data in force spans
data_quarter AS (
    SELECT period_start AS quarter_start FROM effective_measure WHERE period_type = 'quarter'
    UNION SELECT quarter_start FROM reading_owner
    UNION SELECT period_start FROM tracker_cover
),
span AS (
    SELECT min(quarter_start) AS first_q, max(quarter_start) AS last_q FROM data_quarter
),
quarter_list AS (
    SELECT CAST(q AS DATE) AS period_start
    FROM span, generate_series(span.first_q, span.last_q, INTERVAL 3 MONTH) AS t(q)
),
-- step: financial years whose last quarter lies within the span
year_list AS (
    SELECT DISTINCT make_date(
        year(period_start) - CASE WHEN month(period_start) < 4 THEN 1 ELSE 0 END, 4, 1
    ) AS period_start
    FROM quarter_list
    WHERE month(period_start) = 1
),
-- step: what each measure owes
expected AS (
    SELECT c.measure_code, c.provider, c.kind, c.scale, 'quarter' AS period_type, q.period_start
    FROM catalogue_measure AS c CROSS JOIN quarter_list AS q
    WHERE c.frequency = 'quarterly'
    UNION ALL
    SELECT c.measure_code, c.provider, c.kind, c.scale, 'year', y.period_start
    FROM catalogue_measure AS c CROSS JOIN year_list AS y
    WHERE c.frequency = 'annual'
)
-- step: received when the source of the measure's figure arrived
SELECT
    e.provider,
    CASE WHEN e.kind = 'tracker_green_pct' THEN 'Partnership Data Tracker return'
         WHEN e.scale IS NOT NULL THEN e.scale || ' readings'
         ELSE 'measure return' END AS return_name,
    e.measure_code,
    e.period_type,
    e.period_start,
    EXISTS (
        SELECT 1 FROM effective_measure AS m
        WHERE m.measure_code = e.measure_code
          AND m.period_type = e.period_type AND m.period_start = e.period_start)
    OR (e.scale IS NOT NULL AND EXISTS (
        SELECT 1 FROM reading_owner AS o
        WHERE o.scale = e.scale AND o.quarter_start = e.period_start))
    OR (e.kind = 'tracker_green_pct' AND EXISTS (
        SELECT 1 FROM tracker_cover AS t WHERE t.period_start = e.period_start))
        AS received
FROM expected AS e
ORDER BY e.provider, e.period_start, e.measure_code
