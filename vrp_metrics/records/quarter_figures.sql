-- The working-group record figures of each quarter (DESIGN §9), as CTEs that
-- metrics/figures.sql adds to its quarter figures so that they are rated like any other.
--
-- Inputs: the in-force CTEs (store/effective.sql) and `record_group` (one row per
-- working group with its ATT and CREST codes and how many Crest recommendations the
-- catalogue lists for it) and `crest_listed` (group_code, recommendation), registered by
-- metrics/figures.py.

-- step: attendance — the share of member-agency places filled at the quarter's meetings
attendance_figure AS (
    SELECT
        g.att_code AS measure_code,
        'quarter' AS period_type,
        CAST(date_trunc('quarter', m.meeting_date) AS DATE) AS period_start,
        100.0 * count(*) FILTER (WHERE m.attendance = 'Present') / count(*) AS value,
        count(*) FILTER (WHERE m.attendance = 'Present') AS numerator,
        count(*) AS denominator,
        CAST(NULL AS BIGINT) AS cohort_size,
        'meetings' AS source,
        list_sort(list_distinct(list(m.batch_id))) AS batch_ids
    FROM effective_meeting AS m
    JOIN record_group AS g USING (group_code)
    GROUP BY g.att_code, 3
),
-- step: the quarters Crest readiness is given for: from a group's first update to the
--       latest quarter with any record in force
record_span AS (
    SELECT max(q) AS last_q FROM (
        SELECT CAST(date_trunc('quarter', as_of) AS DATE) AS q FROM effective_crest
        UNION ALL
        SELECT CAST(date_trunc('quarter', meeting_date) AS DATE) FROM effective_meeting
    )
),
crest_quarter AS (
    SELECT c.group_code, CAST(t.q AS DATE) AS period_start,
           CAST(t.q + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE) AS period_end
    FROM (SELECT group_code, CAST(date_trunc('quarter', min(as_of)) AS DATE) AS first_q
          FROM effective_crest GROUP BY group_code) AS c,
         record_span,
         generate_series(c.first_q, record_span.last_q, INTERVAL 3 MONTH) AS t(q)
),
-- step: each listed recommendation's latest update on or before each quarter's end
crest_standing AS (
    SELECT q.group_code, q.period_start, l.recommendation,
           max_by(u.status, u.as_of) AS status,
           max_by(u.batch_id, u.as_of) AS batch_id
    FROM crest_quarter AS q
    JOIN crest_listed AS l USING (group_code)
    LEFT JOIN effective_crest AS u
      ON u.group_code = q.group_code AND u.recommendation = l.recommendation
     AND u.as_of <= q.period_end
    GROUP BY q.group_code, q.period_start, l.recommendation
),
-- step: Crest readiness — recommendations achieved of those listed, at the quarter's end
crest_figure AS (
    SELECT
        g.crest_code AS measure_code,
        'quarter' AS period_type,
        s.period_start,
        100.0 * count(*) FILTER (WHERE s.status = 'Achieved') / any_value(g.listed) AS value,
        count(*) FILTER (WHERE s.status = 'Achieved') AS numerator,
        any_value(g.listed) AS denominator,
        CAST(NULL AS BIGINT) AS cohort_size,
        'crest' AS source,
        list_sort(list_distinct(list(s.batch_id) FILTER (WHERE s.batch_id IS NOT NULL)))
            AS batch_ids
    FROM crest_standing AS s
    JOIN record_group AS g USING (group_code)
    WHERE g.listed > 0
    GROUP BY g.crest_code, s.period_start
),
record_figure AS (
    SELECT * FROM attendance_figure
    UNION ALL
    SELECT * FROM crest_figure
)
