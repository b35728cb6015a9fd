-- The store's latest change (load, withdrawal or commentary): what, when and its number.
SELECT revision, action, done_at
FROM revision
ORDER BY revision DESC
LIMIT 1
