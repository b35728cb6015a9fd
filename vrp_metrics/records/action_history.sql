-- Every version of a group's actions, as each batch gave it, newest batch first; whether
-- that version is the one in force now.
SELECT
    a.action_ref, a.status, a.due_date, a.closed_on, a.owner_agency,
    a.batch_id, b.loaded_at, b.loaded_by, b.withdrawn_at,
    a.batch_id IN (SELECT batch_id FROM effective_action AS e
                   WHERE e.group_code = a.group_code AND e.action_ref = a.action_ref)
        AS in_force
FROM action_row AS a
JOIN batch AS b USING (batch_id)
WHERE a.group_code = $group
ORDER BY a.action_ref, a.batch_id DESC
