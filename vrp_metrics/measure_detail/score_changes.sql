-- Each cohort member's change in score for one measure and period (DESIGN.md §4), with
-- no participant reference in the result.
--
-- Inputs: the in-force CTEs (store/effective.sql, as at $as_at); $scale and $area of the
-- measure (a one-area scale's area filled in); $period_start and $period_end, the first
-- and last day of the quarter or financial year.

-- step: the measure's readings in force, numbered per participant, earliest first
--       (same-day readings: the earlier batch, then the file's row order)
measure_reading AS (
    SELECT
        participant_ref,
        reading_date,
        score,
        row_number() OVER (
            PARTITION BY participant_ref
            ORDER BY reading_date, batch_id, source_row
        ) AS n
    FROM effective_reading
    WHERE scale = $scale AND area = $area
),
-- step: the baseline is each participant's earliest reading
baseline AS (
    SELECT participant_ref, score AS baseline_score
    FROM measure_reading
    WHERE n = 1
),
-- step: the cohort — participants with a reading in the period that is not their baseline
cohort AS (
    SELECT DISTINCT participant_ref
    FROM measure_reading
    WHERE n > 1 AND reading_date BETWEEN $period_start AND $period_end
),
-- step: each participant's latest reading on or before the period's end
latest AS (
    SELECT participant_ref, max_by(score, n) AS latest_score
    FROM measure_reading
    WHERE reading_date <= $period_end
    GROUP BY participant_ref
)
-- step: change = latest − baseline, one row per cohort member
SELECT l.latest_score - b.baseline_score AS change
FROM cohort AS c
JOIN baseline AS b USING (participant_ref)
JOIN latest AS l USING (participant_ref)
ORDER BY change
