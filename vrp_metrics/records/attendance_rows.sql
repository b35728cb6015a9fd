-- A working group's attendance rows in force: one per meeting and agency.
SELECT meeting_date, agency, attendance
FROM effective_meeting
WHERE group_code = $group
ORDER BY meeting_date, agency
