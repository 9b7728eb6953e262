-- An execution is a row with how it was created and how it ended, plus its log: what each commit applied to it (the
-- events, which the interpreter replays to rebuild the execution) and produced (the history, which the API reads).
-- One log row per commit keeps a durable step to one insert.
CREATE TABLE executions (
    arn                VARCHAR(1024) PRIMARY KEY,
    name               VARCHAR(256)  NOT NULL,
    state_machine_arn  VARCHAR(1024) NOT NULL,
    state_machine_name VARCHAR(256)  NOT NULL,
    version_arn        VARCHAR(1024),
    alias_arn          VARCHAR(1024),
    role_arn           VARCHAR(1024),
    express            BOOLEAN       NOT NULL,
    synchronous        BOOLEAN       NOT NULL,
    status             VARCHAR(32)   NOT NULL,
    definition         VARCHAR(1000000000) NOT NULL,
    input              VARCHAR(1000000000) NOT NULL,
    output             VARCHAR(1000000000),
    error              VARCHAR(1000000000),
    cause              VARCHAR(1000000000),
    salt               VARCHAR(64)   NOT NULL,
    start_time         VARCHAR(40)   NOT NULL,
    start_nanos        BIGINT        NOT NULL,
    stop_time          VARCHAR(40),
    owner              VARCHAR(128),
    lease_until        BIGINT
);
CREATE INDEX executions_by_machine ON executions (state_machine_arn, start_nanos DESC, arn);
CREATE INDEX executions_by_version ON executions (version_arn);
CREATE INDEX executions_by_alias ON executions (alias_arn);
CREATE INDEX executions_by_status ON executions (status);

CREATE TABLE execution_log (
    execution_arn VARCHAR(1024) NOT NULL,
    seq           INT           NOT NULL,
    last_event_id BIGINT        NOT NULL,
    entry         VARCHAR(1000000000) NOT NULL,
    PRIMARY KEY (execution_arn, seq)
);
