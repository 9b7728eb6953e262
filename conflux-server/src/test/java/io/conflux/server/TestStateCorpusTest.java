package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.conformance.Conformance;
import io.conflux.asl.expr.Json;
import io.conflux.engine.nodes.JavaHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The TestState requests recorded against AWS ({@code conformance/test_state_cases.jsonl}, see the NOTICE there), sent
 * to the server as the recordings sent them and compared with AWS's answers: the response's members (output and
 * inspection payloads as JSON values, since the recorder parsed the JSON text of some), or the error's type and
 * message.
 */
class TestStateCorpusTest {
    /** The recordings were made in this account; the Context object shows it in ARNs. */
    private static final String ROLE = "arn:aws:iam::111111111111:role/conflux-tests";
    /** Values the recorder wrote in place of volatile data without marking them as placeholders. */
    private static final Set<String> STAND_INS = Set.of("date");

    /** Cases that cannot pass here, and why. */
    static final Map<String, String> CANNOT_PASS = Map.of(
            "v2/test_state/test_test_state_scenarios.py::TestStateCaseScenarios::test_base_lambda_service_task_state"
                    + "[INFO]#test_case_response",
            "calls the real Lambda service without a mock: the output is AWS Lambda's HTTP response metadata",
            "v2/test_state/test_test_state_scenarios.py::TestStateCaseScenarios::test_base_lambda_service_task_state"
                    + "[DEBUG]#test_case_response",
            "calls the real Lambda service without a mock: the output is AWS Lambda's HTTP response metadata",
            "v2/test_state/test_state_context_object.py::TestStateContextObject::test_state_map_context_object[ALL]"
                    + "#test_case_response",
            "AWS words the failure of an ItemsPath of $$ (a Context object that is no array) as 'Reference path "
                    + "\"$\" must point to array.', which no execution recording shows; Conflux gives the Map's own "
                    + "message");

    @Test
    void every_recorded_case_answers_as_aws_answered_but_those_that_need_aws() throws Exception {
        List<JsonNode> cases = Conformance.load("test_state_cases.jsonl");
        assertThat(cases).hasSize(123);
        // The recorded Lambda function answered {"inputData": "HelloWorld"} with "HelloWorld!"; a Java handler
        // stands in for it, as a processing node does for any function.
        JavaHandlers lambdas = new JavaHandlers().register("lambda_func_s0000001",
                (in, req) -> Json.NODES.textNode(in.path("inputData").asText() + "!"));
        Map<String, String> failed = new TreeMap<>();
        int passed = 0;
        try (TestServer t = TestServer.start(b -> b.accountId("111111111111").node(lambdas))) {
            for (JsonNode c : cases) {
                String why = check(t, c);
                if (why == null) {
                    passed++;
                } else {
                    failed.put(c.path("id").asText(), why);
                }
            }
        }
        List<String> unexpected = new ArrayList<>();
        failed.forEach((id, why) -> {
            if (!CANNOT_PASS.containsKey(id)) {
                unexpected.add(id + "\n    " + why);
            }
        });
        System.out.println("TestState corpus: " + passed + " of " + cases.size() + " pass");
        assertThat(unexpected).as(String.join("\n", unexpected)).isEmpty();
        assertThat(failed.keySet()).containsExactlyInAnyOrderElementsOf(CANNOT_PASS.keySet());
    }

    /** Null when the server answers as AWS did, else what differs. */
    private static String check(TestServer t, JsonNode c) throws Exception {
        ObjectNode body = ((ObjectNode) c.get("request")).deepCopy();
        body.put("definition", Json.write(body.get("definition")));
        if (body.has("input")) {
            body.put("input", Json.write(body.get("input")));
        }
        body.put("roleArn", ROLE);
        TestServer.Raw r = t.post("AWSStepFunctions.TestState", Json.write(body));
        JsonNode got = r.json();
        if (c.has("expected_error")) {
            JsonNode e = c.get("expected_error").get("Error");
            String type = got.path("__type").asText();
            String message = got.path("message").asText();
            if (r.status() != 400 || !type.endsWith("#" + e.path("Code").asText())
                    || !Conformance.matchesText(e.path("Message").asText(), message)) {
                return "expected " + e + ", got " + r.status() + " " + r.body();
            }
            return null;
        }
        if (r.status() != 200) {
            return "expected " + c.get("expected") + ", got " + r.status() + " " + r.body();
        }
        JsonNode expected = c.get("expected");
        Set<String> members = new java.util.TreeSet<>();
        expected.fieldNames().forEachRemaining(members::add);
        Set<String> gotMembers = new java.util.TreeSet<>();
        got.fieldNames().forEachRemaining(gotMembers::add);
        if (!members.equals(gotMembers)) {
            return "expected members " + members + ", got " + r.body();
        }
        for (String m : members) {
            if (!matches(expected.get(m), got.get(m))) {
                return "member " + m + ": expected " + expected.get(m) + ", got " + got.get(m);
            }
        }
        return null;
    }

    /** Recorded values against the response: JSON text on either side is compared as the value it holds. */
    private static boolean matches(JsonNode want, JsonNode got) {
        if (want.isObject() && got.isObject()) {
            if (!names(want).equals(names(got))) {
                return false;
            }
            for (String n : names(want)) {
                if (!matches(want.get(n), got.get(n))) {
                    return false;
                }
            }
            return true;
        }
        return Conformance.matches(Conformance.markStandIns(value(want), STAND_INS), value(got));
    }

    private static Set<String> names(JsonNode o) {
        Set<String> out = new java.util.TreeSet<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode value(JsonNode n) {
        if (n.isTextual()) {
            try {
                JsonNode parsed = Json.parse(n.asText());
                if (parsed != null && !parsed.isMissingNode()) {
                    return parsed;
                }
            } catch (Exception e) {
                // not JSON text: compare as text
            }
        }
        return n;
    }
}
