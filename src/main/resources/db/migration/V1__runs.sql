-- Runs and their steps. Every state change of the engine is one transaction on these tables.
-- Secret parameter values are never stored: parameters_json holds "(secret, set)" in their place.

-- Run numbers come from a counter row rather than a sequence: the same SQL works on H2 and PostgreSQL.
CREATE TABLE run_counter (
    last_number BIGINT NOT NULL
);
INSERT INTO run_counter (last_number) VALUES (0);

CREATE TABLE run (
    id                 VARCHAR(32)   NOT NULL PRIMARY KEY,
    procedure_id       VARCHAR(128)  NOT NULL,
    procedure_version  INTEGER       NOT NULL,
    procedure_text     VARCHAR(1000000)          NOT NULL,
    parameters_json    VARCHAR(100000)          NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    current_index      INTEGER       NOT NULL,
    requester_platform VARCHAR(16)   NOT NULL,
    requester_id       VARCHAR(128)  NOT NULL,
    requester_name     VARCHAR(256)  NOT NULL,
    channel            VARCHAR(256)  NOT NULL,
    thread_ref         VARCHAR(256),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX run_status ON run (status);

CREATE TABLE step_record (
    run_id       VARCHAR(32)   NOT NULL REFERENCES run (id),
    step_index   INTEGER       NOT NULL,
    step_id      VARCHAR(128)  NOT NULL,
    state        VARCHAR(24)   NOT NULL,
    attempt      INTEGER       NOT NULL,
    actor_name   VARCHAR(256),
    started_at   TIMESTAMP WITH TIME ZONE,
    finished_at  TIMESTAMP WITH TIME ZONE,
    exit_code    INTEGER,
    output       VARCHAR(200000),
    note         VARCHAR(4000),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, step_index)
);

CREATE INDEX step_record_state ON step_record (state);
