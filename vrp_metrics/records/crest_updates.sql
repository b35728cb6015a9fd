-- A working group's Crest tracker updates in force, oldest first.
SELECT recommendation, status, as_of, evidence, batch_id
FROM effective_crest
WHERE group_code = $group
ORDER BY recommendation, as_of
