-- The cluster (conflux-cluster): Batch and ECS resources, jobs and tasks, one JSON document each.
CREATE TABLE cluster_objects (
    kind VARCHAR(32) NOT NULL,
    id VARCHAR(512) NOT NULL,
    body CLOB NOT NULL,
    PRIMARY KEY (kind, id)
);
