-- The latest key updates and decisions per working group and period, optionally for
-- one group or period; a group whose latest version is empty has none.

-- step: rank each group-period's versions, newest first
WITH ranked AS (
    SELECT *, row_number() OVER (PARTITION BY working_group, period ORDER BY revision DESC) AS version
    FROM key_update
    WHERE ($working_group IS NULL OR working_group = $working_group)
      AND ($period IS NULL OR period = $period)
)
-- step: keep the latest non-empty version
SELECT working_group, period, body, author, author_name, written_at
FROM ranked
WHERE version = 1 AND body <> ''
ORDER BY working_group, period
