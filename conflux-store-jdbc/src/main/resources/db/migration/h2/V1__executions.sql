-- Executions are kept as the events applied to them (the interpreter replays them to rebuild an execution),
-- plus what the API reads: the history, and a row per execution with how it ended.
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
    definition         CHARACTER LARGE OBJECT NOT NULL,
    input              CHARACTER LARGE OBJECT NOT NULL,
    output             CHARACTER LARGE OBJECT,
    error              CHARACTER LARGE OBJECT,
    cause              CHARACTER LARGE OBJECT,
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

CREATE TABLE execution_events (
    execution_arn VARCHAR(1024) NOT NULL,
    seq           INT           NOT NULL,
    event         CHARACTER LARGE OBJECT NOT NULL,
    PRIMARY KEY (execution_arn, seq)
);

CREATE TABLE history_events (
    execution_arn VARCHAR(1024) NOT NULL,
    id            BIGINT        NOT NULL,
    event         CHARACTER LARGE OBJECT NOT NULL,
    PRIMARY KEY (execution_arn, id)
);
