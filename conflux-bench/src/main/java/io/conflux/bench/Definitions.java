package io.conflux.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.Asl;
import io.conflux.asl.ParseResult;
import io.conflux.asl.expr.Json;
import io.conflux.asl.model.StateMachine;

/** The benchmark workflows, generated. */
final class Definitions {
    private Definitions() {}

    static StateMachine parse(ObjectNode def) {
        ParseResult r = Asl.parse(Json.write(def));
        if (!r.isValid()) {
            throw new IllegalStateException("Expected a valid benchmark definition, but: "
                    + r.invalidDefinitionMessage());
        }
        return r.machine();
    }

    /** {@code n} Pass states in a row; with {@code jsonata}, each computes {@code $states.input + 0}-style output. */
    static StateMachine passChain(int n, boolean jsonata) {
        ObjectNode def = Json.object();
        def.put("StartAt", "S0");
        if (jsonata) {
            def.put("QueryLanguage", "JSONata");
        }
        ObjectNode states = def.putObject("States");
        for (int i = 0; i < n; i++) {
            ObjectNode s = states.putObject("S" + i);
            s.put("Type", "Pass");
            if (jsonata) {
                s.put("Output", "{% $states.input %}");
            }
            if (i + 1 < n) {
                s.put("Next", "S" + (i + 1));
            } else {
                s.put("End", true);
            }
        }
        return parse(def);
    }

    /** An inline Map over {@code $.items} whose iterator is one Pass state. */
    static StateMachine passMap() {
        ObjectNode def = Json.object();
        def.put("StartAt", "M");
        ObjectNode m = def.putObject("States").putObject("M");
        m.put("Type", "Map");
        m.put("ItemsPath", "$.items");
        ObjectNode p = m.putObject("ItemProcessor");
        p.putObject("ProcessorConfig").put("Mode", "INLINE");
        p.put("StartAt", "P");
        p.putObject("States").putObject("P").put("Type", "Pass").put("End", true);
        m.put("End", true);
        return parse(def);
    }

    /** {@code n} Task states in a row on the Lambda-style function {@code inc}: x -> x + 1. */
    static StateMachine taskChain(int n) {
        ObjectNode def = Json.object();
        def.put("StartAt", "T0");
        ObjectNode states = def.putObject("States");
        for (int i = 0; i < n; i++) {
            ObjectNode s = states.putObject("T" + i);
            s.put("Type", "Task");
            s.put("Resource", "arn:aws:lambda:us-east-1:000000000000:function:inc");
            if (i + 1 < n) {
                s.put("Next", "T" + (i + 1));
            } else {
                s.put("End", true);
            }
        }
        return parse(def);
    }

    /** 1,000 parallel tasks (a Map over the items, unlimited concurrency) and a join. */
    static StateMachine fanOut() {
        ObjectNode def = Json.object();
        def.put("StartAt", "Fan");
        ObjectNode states = def.putObject("States");
        ObjectNode m = states.putObject("Fan");
        m.put("Type", "Map");
        m.put("ItemsPath", "$.items");
        ObjectNode p = m.putObject("ItemProcessor");
        p.putObject("ProcessorConfig").put("Mode", "INLINE");
        p.put("StartAt", "Inc");
        p.putObject("States").putObject("Inc").put("Type", "Task")
                .put("Resource", "arn:aws:lambda:us-east-1:000000000000:function:inc").put("End", true);
        m.put("End", true);
        return parse(def);
    }

    /** One task that fails twice then succeeds, retried without a meaningful backoff. */
    static StateMachine retry() {
        ObjectNode def = Json.object();
        def.put("StartAt", "Flaky");
        ObjectNode t = def.putObject("States").putObject("Flaky");
        t.put("Type", "Task");
        t.put("Resource", "arn:aws:lambda:us-east-1:000000000000:function:flaky");
        ArrayNode retry = t.putArray("Retry");
        ObjectNode r = retry.addObject();
        r.putArray("ErrorEquals").add("States.ALL");
        r.put("IntervalSeconds", 1);
        r.put("MaxAttempts", 5);
        r.put("BackoffRate", 1.0);
        t.put("End", true);
        return parse(def);
    }

    /** One task that waits for a callback with its token. */
    static StateMachine callback() {
        ObjectNode def = Json.object();
        def.put("StartAt", "Wait");
        ObjectNode t = def.putObject("States").putObject("Wait");
        t.put("Type", "Task");
        t.put("Resource", "arn:aws:states:::conflux:callback.waitForTaskToken");
        t.putObject("Parameters").put("token.$", "$$.Task.Token");
        t.put("End", true);
        return parse(def);
    }
}
