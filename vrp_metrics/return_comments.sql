-- The partners' comments on the measure return rows in force, one per measure and period.

-- step: the rows in force that carry a comment
SELECT measure_code, period_type, period_start, comment
FROM effective_measure
WHERE comment IS NOT NULL AND trim(comment) <> ''
