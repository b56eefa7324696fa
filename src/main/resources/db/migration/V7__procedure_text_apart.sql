-- A run's procedure text (7 to 35 KB for the built-in procedures) is written once, when the run starts, and read
-- once per process. The run's own row changes at every step. Kept in that row, every commit of a step rewrote
-- the whole text: on H2, whose commits are written to the file before they return (issue 10), that was most of
-- the bytes written per press. Here it is apart, written once.
CREATE TABLE run_procedure (
    run_id         VARCHAR(32)      NOT NULL PRIMARY KEY REFERENCES run (id),
    procedure_text VARCHAR(1000000) NOT NULL
);

INSERT INTO run_procedure (run_id, procedure_text) SELECT id, procedure_text FROM run;

ALTER TABLE run DROP COLUMN procedure_text;
