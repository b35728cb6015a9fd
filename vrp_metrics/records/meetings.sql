-- A working group's meetings in force, oldest first: format, host and attendance counts.
SELECT
    group_code,
    meeting_date,
    CAST(date_trunc('quarter', meeting_date) AS DATE) AS period_start,
    any_value(format) AS format,
    any_value(host_agency) AS host_agency,
    count(*) FILTER (WHERE attendance = 'Present') AS present,
    count(*) FILTER (WHERE attendance = 'Apologies') AS apologies,
    count(*) FILTER (WHERE attendance = 'Absent') AS absent,
    count(*) AS places,
    any_value(batch_id) AS batch_id
FROM effective_meeting
WHERE group_code = $group
GROUP BY group_code, meeting_date
ORDER BY meeting_date
