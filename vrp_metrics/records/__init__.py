"""Working-group records (DESIGN §3, §9): membership, meetings and attendance, actions, the
Crest Advisory Readiness Tracker, and their figures, worked out in SQL from the rows in
force."""
