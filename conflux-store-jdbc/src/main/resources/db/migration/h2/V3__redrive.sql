-- RedriveExecution: how often an execution was redriven and when last, for DescribeExecution and ListExecutions
-- (whose redriveFilter selects on the count). The redrive itself is an event in the execution's log.
ALTER TABLE executions ADD COLUMN redrive_count INT DEFAULT 0 NOT NULL;
ALTER TABLE executions ADD COLUMN redrive_time VARCHAR(40);
