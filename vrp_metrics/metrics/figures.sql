-- Every measure's figure for every quarter and financial year with data (DESIGN.md §4),
-- with its comparator and target (the RAG status is decided from them in vrp_metrics/rag.py).
--
-- Inputs: the in-force CTEs (store/effective.sql, as at $as_at), the working-group record
-- figures (records/quarter_figures.sql: `record_figure`) and `catalogue_measure`,
-- the catalogue's measures registered by metrics/figures.py (one row per measure, with
-- the scale's single area filled in and the year target worked out).

-- step: financial-year start of each aggregate row, and its figure by kind
return_figure AS (
    SELECT
        e.measure_code,
        e.period_type,
        e.period_start,
        CASE WHEN c.kind IN ('percentage', 'pct_improved')
             THEN 100.0 * e.numerator / e.denominator
             ELSE e.value END AS value,
        CASE WHEN c.kind IN ('percentage', 'pct_improved') THEN e.numerator END AS numerator,
        CASE WHEN c.kind IN ('percentage', 'pct_improved') THEN e.denominator END AS denominator,
        CASE WHEN c.kind = 'pct_improved' THEN e.denominator
             WHEN c.kind = 'mean_change' THEN e.cohort_size END AS cohort_size,
        'return' AS source,
        [e.batch_id] AS batch_ids
    FROM effective_measure AS e
    JOIN catalogue_measure AS c USING (measure_code)
    WHERE c.kind <> 'tracker_green_pct'
),
-- step: number each participant's readings per scale and area, earliest first, and keep
--       the later ones: each puts its participant in the cohort of its quarter and year
--       (the baseline, their earliest reading, comes with it from the same window)
follow_up AS (
    SELECT
        scale, area, participant_ref, score, batch_id,
        row_number() OVER by_participant AS n,
        first_value(score) OVER by_participant AS baseline_score,
        first_value(batch_id) OVER by_participant AS baseline_batch,
        CAST(date_trunc('quarter', reading_date) AS DATE) AS quarter_start,
        make_date(year(reading_date) - CASE WHEN month(reading_date) < 4 THEN 1 ELSE 0 END, 4, 1)
            AS year_start
    FROM effective_reading
    -- participant_ref first: the sort behind the window tells rows apart sooner by it
    WINDOW by_participant AS (
        PARTITION BY participant_ref, scale, area
        ORDER BY reading_date, batch_id, source_row
    )
    QUALIFY n > 1
),
-- step: each cohort member's change since baseline, from their latest reading in the
--       period (= their latest on or before its end)
member_change AS (
    SELECT scale, area, 'quarter' AS period_type, quarter_start AS period_start,
           max_by(score, n) - any_value(baseline_score) AS change,
           any_value(baseline_batch) AS baseline_batch
    FROM follow_up
    GROUP BY scale, area, participant_ref, quarter_start
    UNION ALL
    SELECT scale, area, 'year', year_start,
           max_by(score, n) - any_value(baseline_score),
           any_value(baseline_batch)
    FROM follow_up
    GROUP BY scale, area, participant_ref, year_start
),
-- step: the batches of the readings dated in each period that are not a baseline (each
--       such reading puts its participant in the period's cohort)
period_batch AS (
    SELECT scale, area, 'quarter' AS period_type, quarter_start AS period_start,
           list(DISTINCT batch_id) AS batch_ids
    FROM follow_up
    GROUP BY scale, area, quarter_start
    UNION ALL
    SELECT scale, area, 'year', year_start, list(DISTINCT batch_id)
    FROM follow_up
    GROUP BY scale, area, year_start
),
-- step: each cohort's size, mean change, and how many moved up or down
cohort_figure AS (
    SELECT
        scale, area, period_type, period_start,
        avg(change) AS mean_change,
        count(*) FILTER (WHERE change > 0) AS went_up,
        count(*) FILTER (WHERE change < 0) AS went_down,
        count(*) AS cohort_n,
        list(DISTINCT baseline_batch) AS baseline_batches
    FROM member_change
    GROUP BY scale, area, period_type, period_start
),
-- step: cohort figures for each readings-derived measure; the batches are those of the
--       cohort's readings in the period and of its members' baselines
readings_figure AS (
    SELECT
        c.measure_code,
        f.period_type,
        f.period_start,
        CASE WHEN c.kind = 'mean_change' THEN f.mean_change
             WHEN c.scale_direction = 'up' THEN 100.0 * f.went_up / f.cohort_n
             ELSE 100.0 * f.went_down / f.cohort_n
        END AS value,
        CASE WHEN c.kind = 'pct_improved' AND c.scale_direction = 'up' THEN f.went_up
             WHEN c.kind = 'pct_improved' THEN f.went_down END AS numerator,
        CASE WHEN c.kind = 'pct_improved' THEN f.cohort_n END AS denominator,
        f.cohort_n AS cohort_size,
        'readings' AS source,
        list_sort(list_distinct(list_concat(b.batch_ids, f.baseline_batches))) AS batch_ids
    FROM cohort_figure AS f
    JOIN period_batch AS b USING (scale, area, period_type, period_start)
    JOIN catalogue_measure AS c ON c.scale = f.scale AND c.area = f.area
    WHERE c.frequency = 'quarterly' OR f.period_type = 'year'
),
-- step: the Partnership Data Tracker's % green for each quarter
tracker_figure AS (
    SELECT
        c.measure_code,
        'quarter' AS period_type,
        t.period_start,
        100.0 * count(*) FILTER (WHERE t.rag_status = 'green') / count(*) AS value,
        count(*) FILTER (WHERE t.rag_status = 'green') AS numerator,
        count(*) AS denominator,
        CAST(NULL AS BIGINT) AS cohort_size,
        'tracker' AS source,
        list_sort(list_distinct(list(t.batch_id))) AS batch_ids
    FROM effective_tracker AS t
    CROSS JOIN catalogue_measure AS c
    WHERE c.kind = 'tracker_green_pct'
    GROUP BY c.measure_code, t.period_start
),
-- step: quarter figures — an aggregate row takes precedence over readings
quarter_figure AS (
    SELECT * FROM return_figure WHERE period_type = 'quarter'
    UNION ALL
    SELECT r.* FROM readings_figure AS r
    WHERE r.period_type = 'quarter'
      AND NOT EXISTS (
          SELECT 1 FROM return_figure AS f
          WHERE f.measure_code = r.measure_code
            AND f.period_type = 'quarter'
            AND f.period_start = r.period_start)
    UNION ALL
    SELECT * FROM tracker_figure
    UNION ALL
    SELECT * FROM record_figure
),
-- step: quarterly measures' years from their quarters, by the kind's rule
year_from_quarters AS (
    SELECT
        q.measure_code,
        'year' AS period_type,
        make_date(year(q.period_start) - CASE WHEN month(q.period_start) < 4 THEN 1 ELSE 0 END, 4, 1)
            AS period_start,
        CASE
            WHEN c.kind = 'count' AND c.year_aggregation = 'latest' THEN max_by(q.value, q.period_start)
            WHEN c.kind = 'count' THEN sum(q.value)
            WHEN c.kind IN ('percentage', 'pct_improved')
                THEN 100.0 * sum(q.numerator) / nullif(sum(q.denominator), 0)
            WHEN c.kind = 'mean_change'
                THEN sum(q.value * q.cohort_size) / nullif(sum(q.cohort_size), 0)
            WHEN c.kind IN ('tracker_green_pct', 'crest_readiness')
                THEN max_by(q.value, q.period_start)
        END AS value,
        CASE WHEN c.kind IN ('percentage', 'pct_improved') THEN sum(q.numerator)
             WHEN c.kind IN ('tracker_green_pct', 'crest_readiness')
                THEN max_by(q.numerator, q.period_start) END
            AS numerator,
        CASE WHEN c.kind IN ('percentage', 'pct_improved') THEN sum(q.denominator)
             WHEN c.kind IN ('tracker_green_pct', 'crest_readiness')
                THEN max_by(q.denominator, q.period_start) END
            AS denominator,
        CASE WHEN c.kind IN ('mean_change', 'pct_improved') THEN sum(q.cohort_size) END
            AS cohort_size,
        CASE WHEN count(DISTINCT q.source) = 1 THEN any_value(q.source)
             ELSE 'return+readings' END AS source,
        list_sort(list_distinct(flatten(list(q.batch_ids)))) AS batch_ids,
        bool_or(q.source = 'return') AS has_return
    FROM quarter_figure AS q
    JOIN catalogue_measure AS c USING (measure_code)
    WHERE c.frequency = 'quarterly'
    GROUP BY q.measure_code, c.kind, c.year_aggregation, 3
),
-- step: year figures — a readings-derived measure with no aggregate row that year
--       takes the whole year's cohort from readings; annual measures come as returned
year_figure AS (
    SELECT y.* EXCLUDE (has_return)
    FROM year_from_quarters AS y
    JOIN catalogue_measure AS c USING (measure_code)
    WHERE c.scale IS NULL OR y.has_return
    UNION ALL
    SELECT r.* FROM readings_figure AS r
    WHERE r.period_type = 'year'
      AND NOT EXISTS (
          SELECT 1 FROM year_from_quarters AS y
          WHERE y.measure_code = r.measure_code AND y.period_start = r.period_start AND y.has_return)
    UNION ALL
    SELECT f.* FROM return_figure AS f
    JOIN catalogue_measure AS c USING (measure_code)
    WHERE f.period_type = 'year' AND c.frequency = 'annual'
),
-- step: every figure, with how many quarters a year figure is built from
figure AS (
    SELECT f.*,
        CASE WHEN f.period_type = 'quarter' THEN 1
             WHEN c.frequency = 'annual' THEN NULL
             ELSE (SELECT count(*) FROM quarter_figure AS q
                   WHERE q.measure_code = f.measure_code
                     AND q.period_start >= f.period_start
                     AND q.period_start < f.period_start + INTERVAL 12 MONTH)
        END AS quarters
    FROM (SELECT * FROM quarter_figure UNION ALL SELECT * FROM year_figure) AS f
    JOIN catalogue_measure AS c USING (measure_code)
),
-- step: compare — the comparator period, the target for the period type
compared AS (
    SELECT
        f.*,
        c.polarity, c.kind, c.frequency, c.year_aggregation,
        CASE WHEN f.period_type = 'quarter' THEN c.target ELSE c.year_target END AS target,
        c.target_tolerance, c.change_tolerance,
        p.period_start AS comparator_start,
        p.value AS comparator_value,
        p.quarters AS comparator_quarters
    FROM figure AS f
    JOIN catalogue_measure AS c USING (measure_code)
    LEFT JOIN figure AS p
      ON p.measure_code = f.measure_code
     AND p.period_type = f.period_type
     AND p.period_start = CAST(
         CASE WHEN f.period_type = 'quarter' AND c.compare_to = 'previous_period'
              THEN f.period_start - INTERVAL 3 MONTH
              ELSE f.period_start - INTERVAL 12 MONTH END AS DATE)
),
-- step: mark a summed count's year (its part year cannot be compared with a whole year
--       or a target); the RAG status is decided from these columns by vrp_metrics/rag.py
classified AS (
    SELECT
        *,
        period_type = 'year' AND kind = 'count' AND frequency = 'quarterly'
            AND year_aggregation = 'sum' AS summed_year,
        value - comparator_value AS change
    FROM compared
)
SELECT
    measure_code,
    CAST(year(period_start) - CASE WHEN month(period_start) < 4 THEN 1 ELSE 0 END AS VARCHAR)
        || '/' || lpad(CAST((year(period_start) + CASE WHEN month(period_start) < 4 THEN 0 ELSE 1 END) % 100 AS VARCHAR), 2, '0')
        || CASE WHEN period_type = 'quarter'
                THEN ' Q' || CAST((month(period_start) + 8) % 12 // 3 + 1 AS VARCHAR)
                ELSE '' END AS period,
    period_type,
    period_start,
    value,
    numerator,
    denominator,
    cohort_size,
    target,
    target_tolerance,
    change_tolerance,
    polarity,
    summed_year,
    comparator_start,
    comparator_value,
    comparator_quarters,
    change,
    source,
    batch_ids,
    quarters
FROM classified
ORDER BY measure_code, period_type, period_start
