package io.conflux.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.server.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** Functions called from workflows: callbacks, logs per execution and state, projects and references. */
class WorkflowTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static DescribeExecutionResponse run(String name, String definition, String input) {
        String sm = t.sfn.createStateMachine(b -> b.name(name).roleArn(TestServer.ROLE).definition(definition))
                .stateMachineArn();
        String arn = t.sfn.startExecution(b -> b.stateMachineArn(sm).input(input)).executionArn();
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> t.sfn.describeExecution(b -> b.executionArn(arn)),
                        d -> d.status() != ExecutionStatus.RUNNING);
    }

    @Test
    void wait_for_task_token_invokes_the_function_and_waits_for_the_token() throws Exception {
        // The function answers for itself: it calls SendTaskSuccess on this server with the token it was given.
        t.create("approver", "python3.12", "a.handler", Map.of("a.py", """
                import json, os, urllib.request
                def handler(event, context):
                    body = json.dumps({'taskToken': event['token'], 'output': json.dumps({'approved': event['who']})})
                    req = urllib.request.Request(os.environ['ENDPOINT'], body.encode(), {
                        'Content-Type': 'application/x-amz-json-1.0',
                        'X-Amz-Target': 'AWSStepFunctions.SendTaskSuccess'})
                    urllib.request.urlopen(req).read()
                    return 'sent'
                """), b -> b.environment(e -> e.variables(Map.of("ENDPOINT", t.server.endpoint() + "/"))));
        DescribeExecutionResponse r = run("callback", """
                {"StartAt":"Ask","States":{"Ask":{"Type":"Task",
                 "Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
                 "Parameters":{"FunctionName":"approver","Payload":{"token.$":"$$.Task.Token","who.$":"$.who"}},
                 "End":true}}}""", "{\"who\":\"ada\"}");
        assertThat(r.status()).as(r.error() + ": " + r.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.parse(r.output())).isEqualTo(Json.parse("{\"approved\":\"ada\"}"));
    }

    @Test
    void invocation_logs_are_kept_per_execution_and_state() throws Exception {
        t.create("shout", "python3.12", "s.handler", Map.of("s.py", """
                def handler(event, context):
                    print('shouting', event)
                    return str(event).upper()
                """));
        DescribeExecutionResponse r = run("logs", """
                {"StartAt":"One","States":{
                 "One":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:shout","Next":"Two"},
                 "Two":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                        "Parameters":{"FunctionName":"shout","Payload":{"v.$":"$"}},"End":true}}}""", "\"hi\"");
        assertThat(r.status()).as(r.error() + ": " + r.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<LogLine> one = t.service().logs().read(new LogStore.Query(null, r.executionArn(), "One", null, 0, 100), 0);
        List<LogLine> two = t.service().logs().read(new LogStore.Query(null, r.executionArn(), "Two", null, 0, 100), 0);
        assertThat(one).extracting(LogLine::message).anyMatch(m -> m.startsWith("START RequestId: "))
                .contains("shouting hi").anyMatch(m -> m.startsWith("REPORT RequestId: "));
        assertThat(two).extracting(LogLine::message).contains("shouting {'v': 'HI'}");
        assertThat(one).extracting(LogLine::requestId).doesNotContainNull().containsOnly(one.get(0).requestId());
        assertThat(two.get(0).requestId()).isNotEqualTo(one.get(0).requestId());
    }

    @Test
    void a_project_deploys_functions_and_resolves_function_references(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("fn"));
        Files.writeString(dir.resolve("fn/app.py"), "def handler(event, context):\n    return event['x'] + 1\n");
        Files.writeString(dir.resolve("conflux.yaml"), """
                functions:
                  plus:
                    runtime: python3.12
                    handler: app.handler
                    code: fn
                    timeout: 5
                    reservedConcurrency: 4
                    idleTtl: 5m
                stateMachines:
                  add:
                    definition:
                      StartAt: Plus
                      States:
                        Plus:
                          Type: Task
                          Resource: arn:aws:states:::lambda:invoke
                          Parameters: {FunctionName: "${function:plus}", "Payload.$": "$"}
                          OutputPath: $.Payload
                          Next: Again
                        Again: {Type: Task, Resource: "${function:plus}", Parameters: {"x.$": "$"}, End: true}
                """);
        Project p = Project.read(dir.resolve("conflux.yaml"), t.server.projectSections());
        assertThat(t.server.deploy(p)).contains("function plus: created", "state machine add: created");
        assertThat(t.server.deploy(p)).contains("function plus: unchanged", "state machine add: unchanged");
        FunctionSpec spec = t.service().get("plus").orElseThrow();
        assertThat(spec.reservedConcurrency()).isEqualTo(4);
        assertThat(spec.idleTtl()).isEqualTo(Duration.ofMinutes(5));
        String definition = t.sfn.describeStateMachine(b -> b.stateMachineArn(
                "arn:aws:states:us-east-1:111111111111:stateMachine:add")).definition();
        assertThat(definition).contains("arn:aws:lambda:us-east-1:111111111111:function:plus")
                .doesNotContain("${function:");
        String arn = t.sfn.startExecution(b -> b.stateMachineArn(
                "arn:aws:states:us-east-1:111111111111:stateMachine:add").input("{\"x\":1}")).executionArn();
        DescribeExecutionResponse r = await().atMost(Duration.ofSeconds(30)).until(
                () -> t.sfn.describeExecution(b -> b.executionArn(arn)), d -> d.status() != ExecutionStatus.RUNNING);
        assertThat(r.output()).isEqualTo("3");

        Files.writeString(dir.resolve("fn/app.py"), "def handler(event, context):\n    return event['x'] + 10\n");
        assertThat(t.server.deploy(p)).contains("function plus: updated (new code)");
        JsonNode again = Json.parse(new String(t.functions.invoke("plus", "{\"x\":1}".getBytes()).payload()));
        assertThat(again.asInt()).isEqualTo(11);
    }

    @Test
    void a_project_names_every_problem_of_its_functions(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("conflux.yaml"), """
                functions:
                  bad:
                    runtime: cobol
                    handler: x.y
                    code: nowhere
                  worse:
                    handler: x.y
                    memry: 3
                """);
        Project p = Project.read(dir.resolve("conflux.yaml"), t.server.projectSections());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.server.deploy(p))
                .isInstanceOf(io.conflux.server.project.ProjectException.class)
                .satisfies(e -> assertThat(((io.conflux.server.project.ProjectException) e).problems())
                        .anyMatch(m -> m.startsWith("/functions/bad/code: "))
                        .anyMatch(m -> m.startsWith("/functions/worse/memry: unknown setting"))
                        .anyMatch(m -> m.startsWith("/functions/worse/runtime: ")));
    }
}
