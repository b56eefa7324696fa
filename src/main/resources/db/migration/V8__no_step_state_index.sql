-- A step is running or awaiting an approval only while it is its run's current step, so those steps are found
-- through the active runs (index run_status) and the run's current index, not through an index on every
-- step's state. That index was one more tree written by every commit of every step (issue 10: on H2 each
-- commit is written to the file before it returns, and its cost grows with the trees it touches).
DROP INDEX step_record_state;
