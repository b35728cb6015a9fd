-- The latest period each source of figures has in force: a measure's own return rows,
-- a scale's (and area's) readings, and the data tracker. One row per source.

-- step: the latest quarter and the latest year of each measure's return rows
measure_latest AS (
    SELECT
        'measure' AS source,
        measure_code AS name,
        NULL AS area,
        period_type,
        max(period_start) AS period_start
    FROM effective_measure
    GROUP BY measure_code, period_type
),
-- step: the latest quarter with a reading in force, per scale and area
reading_latest AS (
    SELECT
        'readings' AS source,
        scale AS name,
        area,
        'quarter' AS period_type,
        CAST(date_trunc('quarter', max(reading_date)) AS DATE) AS period_start
    FROM effective_reading
    GROUP BY scale, area
),
-- step: the latest quarter of the data tracker in force
tracker_latest AS (
    SELECT
        'tracker' AS source,
        'tracker' AS name,
        NULL AS area,
        'quarter' AS period_type,
        max(period_start) AS period_start
    FROM effective_tracker
    HAVING count(*) > 0
)
SELECT * FROM measure_latest
UNION ALL SELECT * FROM reading_latest
UNION ALL SELECT * FROM tracker_latest
ORDER BY source, name, area, period_type
