package io.conflux.store.jdbc;

/**
 * Numbers for executions, which key their logs: increasing, so that the logs being written are the last ones in the
 * index, and unique among all stores sharing the database. Each store takes a block of {@link #BLOCK} numbers from
 * the database's {@code execution_ids} sequence at a time, so numbering costs one query per block; numbers left in a
 * block when a store closes are never used.
 */
final class ExecutionIds {
    static final int BLOCK = 1024;

    private final Database db;
    private long next;
    private long end;

    ExecutionIds(Database db) {
        this.db = db;
    }

    synchronized long next() {
        if (next == end) {
            long block = nextBlock();
            next = block * BLOCK;
            end = next + BLOCK;
        }
        return next++;
    }

    private long nextBlock() {
        String sql = db.dialect() == Database.Dialect.POSTGRESQL
                ? "SELECT nextval('execution_ids')"
                : "SELECT NEXT VALUE FOR execution_ids";
        return new Sql(db).run("number executions", c -> Sql.one(c, sql, ps -> {}, rs -> rs.getLong(1)).orElseThrow());
    }
}
