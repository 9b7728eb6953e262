package io.conflux.functions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /conflux/v1/logs}: function logs for {@code conflux logs}. Filters: {@code function},
 * {@code execution} (an execution ARN), {@code state}, {@code requestId}; {@code after} continues after a line;
 * {@code wait} (milliseconds, at most 20000) waits for new lines when there are none yet (follow mode). Answers
 * {@code {"lines": [...], "last": N}}: a follower passes {@code last} as {@code after} next time.
 */
final class LogsApi {
    static final String PATH = "/conflux/v1/logs";
    private static final long MAX_WAIT = 20_000;

    private final LogStore logs;

    LogsApi(LogStore logs) {
        this.logs = logs;
    }

    void register(RoutesConfig r) {
        r.get(PATH, this::handle);
    }

    private void handle(Context ctx) throws InterruptedException {
        long after = parse(ctx.queryParam("after"), -1);
        if (after < 0) {
            after = 0;
        }
        int limit = (int) Math.min(10_000, parse(ctx.queryParam("limit"), 1000));
        long wait = Math.min(MAX_WAIT, parse(ctx.queryParam("wait"), 0));
        LogStore.Query q = new LogStore.Query(ctx.queryParam("function"), ctx.queryParam("execution"),
                ctx.queryParam("state"), ctx.queryParam("requestId"), after, limit);
        List<LogLine> lines = logs.read(q, wait);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("lines");
        long last = after;
        for (LogLine l : lines) {
            ObjectNode o = arr.addObject();
            o.put("seq", l.seq());
            o.put("timestamp", l.timestamp().toString());
            o.put("function", l.function());
            o.put("requestId", l.requestId());
            o.put("executionArn", l.executionArn());
            o.put("state", l.stateName());
            o.put("sandbox", l.sandbox());
            o.put("message", l.message());
            last = Math.max(last, l.seq());
        }
        // With nothing matching, a follower may skip ahead to the newest line of any function.
        out.put("last", lines.isEmpty() ? Math.max(after, logs.last()) : last);
        ctx.status(200).contentType("application/json").result(Json.write(out));
    }

    private static long parse(String s, long dflt) {
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
