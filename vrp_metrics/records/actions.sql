-- A working group's actions in force, with whether each is open, overdue on $today, and
-- the quarter it was done in.
SELECT
    action_ref, raised_on, action, owner_agency, due_date, status, closed_on, serves,
    status IN ('Open', 'In progress') AS is_open,
    status IN ('Open', 'In progress') AND due_date < CAST($today AS DATE) AS overdue,
    CASE WHEN status = 'Done' THEN CAST(date_trunc('quarter', closed_on) AS DATE) END
        AS done_quarter_start,
    batch_id
FROM effective_action
WHERE group_code = $group
ORDER BY raised_on, action_ref
