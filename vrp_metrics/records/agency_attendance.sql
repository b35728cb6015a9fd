-- Per member agency and quarter: the group's meetings held while it was a member, and how
-- many it attended (DESIGN §9: "per Specified Authority the share of meetings it
-- attended"). An agency a meeting record leaves out counts as not attending.
--
-- Inputs: the in-force CTEs and `record_member` (group_code, agency, authority, joined,
-- left), registered by records/figures.py.

-- step: the group's meetings
meeting AS (
    SELECT DISTINCT group_code, meeting_date FROM effective_meeting WHERE group_code = $group
),
-- step: each meeting with the agencies that were members on its date
owed AS (
    SELECT m.meeting_date, r.agency, r.authority
    FROM meeting AS m
    JOIN record_member AS r USING (group_code)
    WHERE (r.joined IS NULL OR r.joined <= m.meeting_date)
      AND (r."left" IS NULL OR m.meeting_date <= r."left")
),
-- step: whether each was present
attended AS (
    SELECT o.*, coalesce(e.attendance = 'Present', false) AS present
    FROM owed AS o
    LEFT JOIN effective_meeting AS e
      ON e.group_code = $group AND e.meeting_date = o.meeting_date AND e.agency = o.agency
)
SELECT
    agency,
    any_value(authority) AS authority,
    CAST(date_trunc('quarter', meeting_date) AS DATE) AS period_start,
    count(*) AS meetings,
    count(*) FILTER (WHERE present) AS attended,
    100.0 * count(*) FILTER (WHERE present) / count(*) AS share
FROM attended
GROUP BY agency, 3
ORDER BY 3, agency
