-- Functions (conflux-functions, versions 100 and up): a function's settings as JSON with the revision that changes on
-- every update (nodes sharing the database compare it to pick up changes), and deployment packages by SHA-256,
-- shared by the functions with the same code. Each node unpacks the packages it runs into its own data folder.
CREATE TABLE functions (
    name        VARCHAR(64)  PRIMARY KEY,
    revision_id VARCHAR(64)  NOT NULL,
    code_sha256 VARCHAR(64)  NOT NULL,
    spec        TEXT         NOT NULL
);
CREATE TABLE function_code (
    sha256 VARCHAR(64) PRIMARY KEY,
    zip    BYTEA       NOT NULL
);
