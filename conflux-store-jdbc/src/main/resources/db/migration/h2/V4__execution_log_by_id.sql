-- The log is keyed by a number per execution instead of its ARN. Stores hand out these numbers in increasing blocks
-- (execution_ids gives the block), so the executions running now have the highest ones and their appends land in the
-- last pages of the log's index. Keyed by ARN, every append of a commit group touched a different page, and writing
-- those pages back cost about six times as much as the appends themselves (see docs/performance.md).
CREATE SEQUENCE execution_ids START WITH 1;
ALTER TABLE executions ADD COLUMN id BIGINT;
UPDATE executions SET id = NEXT VALUE FOR execution_ids;
ALTER TABLE executions ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX executions_by_id ON executions (id);

CREATE TABLE execution_entries (
    execution_id  BIGINT NOT NULL,
    seq           INT    NOT NULL,
    last_event_id BIGINT NOT NULL,
    entry         VARBINARY(1000000000) NOT NULL,
    PRIMARY KEY (execution_id, seq)
);
INSERT INTO execution_entries (execution_id, seq, last_event_id, entry)
    SELECT e.id, l.seq, l.last_event_id, l.entry FROM execution_log l JOIN executions e ON e.arn = l.execution_arn;
DROP TABLE execution_log;
ALTER TABLE execution_entries RENAME TO execution_log;
