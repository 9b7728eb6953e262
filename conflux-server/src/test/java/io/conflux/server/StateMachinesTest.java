package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineAliasResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidLoggingConfigurationException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.LogDestination;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** State machines, versions, aliases, tags and validation through the AWS SDK for Java v2. */
class StateMachinesTest {
    static final String V1 = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","Result":"v1","End":true}}}""";
    static final String V2 = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","Result":"v2","End":true}}}""";

    static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start(b -> b.random(new Random(42)));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void a_state_machine_is_created_described_updated_and_deleted() {
        CreateStateMachineResponse created = t.sfn.createStateMachine(b -> b.name("lifecycle").definition(V1)
                .roleArn(TestServer.ROLE).tags(Tag.builder().key("team").value("core").build()));
        String arn = created.stateMachineArn();
        assertThat(arn).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:lifecycle");
        assertThat(created.stateMachineVersionArn()).isNull();

        DescribeStateMachineResponse d = t.sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(d.definition()).isEqualTo(V1);
        assertThat(d.name()).isEqualTo("lifecycle");
        assertThat(d.type()).isEqualTo(StateMachineType.STANDARD);
        assertThat(d.statusAsString()).isEqualTo("ACTIVE");
        assertThat(d.roleArn()).isEqualTo(TestServer.ROLE);
        assertThat(d.loggingConfiguration().level()).isEqualTo(LogLevel.OFF);
        assertThat(d.loggingConfiguration().includeExecutionData()).isFalse();
        assertThat(d.tracingConfiguration().enabled()).isFalse();
        assertThat(d.revisionId()).as("no revision before the first update").isNull();
        assertThat(d.creationDate()).isEqualTo(created.creationDate());
        assertThat(t.sfn.listTagsForResource(b -> b.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("team").value("core").build());

        var updated = t.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(V2));
        assertThat(updated.revisionId()).isNotNull();
        DescribeStateMachineResponse after = t.sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(after.definition()).isEqualTo(V2);
        assertThat(after.revisionId()).isEqualTo(updated.revisionId());
        var same = t.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(V2));
        assertThat(same.revisionId()).as("an update that changes nothing keeps the revision")
                .isEqualTo(updated.revisionId());

        String exec = t.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        assertThat(t.awaitEnd(exec).output()).isEqualTo("\"v2\"");

        t.sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThatThrownBy(() -> t.sfn.describeStateMachine(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .hasMessageStartingWith("State Machine Does Not Exist: '" + arn + "'");
        t.sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThat(t.sfn.describeExecution(b -> b.executionArn(exec)).status())
                .as("executions outlive their state machine").isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void creating_again_with_the_same_definition_is_idempotent_and_with_another_fails() {
        CreateStateMachineResponse first = t.sfn.createStateMachine(b -> b.name("twice").definition(V1)
                .roleArn(TestServer.ROLE));
        CreateStateMachineResponse again = t.sfn.createStateMachine(b -> b.name("twice").definition(V1)
                .roleArn("arn:aws:iam::123456789012:role/other"));
        assertThat(again.stateMachineArn()).isEqualTo(first.stateMachineArn());
        assertThat(again.creationDate()).isEqualTo(first.creationDate());
        assertThatThrownBy(() -> t.sfn.createStateMachine(b -> b.name("twice").definition(V2)
                .roleArn(TestServer.ROLE)))
                .isInstanceOf(StateMachineAlreadyExistsException.class)
                .hasMessageStartingWith("State Machine Already Exists: '" + first.stateMachineArn() + "'");
    }

    @Test
    void create_checks_name_definition_and_logging_configuration() {
        assertThatThrownBy(() -> t.create("bad name", V1)).isInstanceOf(InvalidNameException.class)
                .hasMessageStartingWith("Invalid Name: 'bad name'");
        assertThatThrownBy(() -> t.create("no-states", "{\"StartAt\":\"A\"}"))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields "
                        + "are required: [States] at /'");
        assertThatThrownBy(() -> t.sfn.createStateMachine(b -> b.name("logs").definition(V1)
                .roleArn(TestServer.ROLE).loggingConfiguration(l -> l.level(LogLevel.ALL))))
                .isInstanceOf(InvalidLoggingConfigurationException.class)
                .hasMessageStartingWith("Invalid Logging Configuration: Must specify exactly one Log Destination.");
        assertThatThrownBy(() -> t.sfn.createStateMachine(b -> b.name("express-callback").definition("""
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "End":true}}}""").roleArn(TestServer.ROLE).type(StateMachineType.EXPRESS)))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("Express state machine does not support '.waitForTaskToken'");
        assertThatThrownBy(() -> t.sfn.createStateMachine(b -> b.name("description").definition(V1)
                .roleArn(TestServer.ROLE).versionDescription("no publish")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Version description can only be set when publish is true");
        var logged = t.sfn.createStateMachine(b -> b.name("logged").definition(V1).roleArn(TestServer.ROLE)
                .loggingConfiguration(l -> l.level(LogLevel.ERROR).includeExecutionData(true).destinations(
                        LogDestination.builder().cloudWatchLogsLogGroup(g -> g.logGroupArn(
                                "arn:aws:logs:us-east-1:123456789012:log-group:sfn:*")).build())));
        var described = t.sfn.describeStateMachine(b -> b.stateMachineArn(logged.stateMachineArn()));
        assertThat(described.loggingConfiguration().level()).isEqualTo(LogLevel.ERROR);
        assertThat(described.loggingConfiguration().destinations()).hasSize(1);
    }

    @Test
    void update_without_anything_to_change_and_on_a_version_fail_as_aws_does() {
        String arn = t.create("update-errors", V1);
        assertThatThrownBy(() -> t.sfn.updateStateMachine(b -> b.stateMachineArn(arn)))
                .isInstanceOf(MissingRequiredParameterException.class)
                .hasMessageStartingWith("Either the definition, the role ARN, the LoggingConfiguration, or the "
                        + "TracingConfiguration must be specified");
        assertThatThrownBy(() -> t.sfn.updateStateMachine(b -> b.stateMachineArn(arn + ":2").definition(V2)))
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .hasMessageStartingWith("State Machine Does Not Exist: '" + arn + ":2'");
    }

    @Test
    void list_state_machines_pages_in_name_order() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add("paged-" + i);
            t.create("paged-" + i, V1);
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListStateMachinesResponse page = t.sfn.listStateMachines(b -> b.maxResults(2).nextToken(next));
            assertThat(page.stateMachines()).hasSizeLessThanOrEqualTo(2);
            page.stateMachines().stream().map(StateMachineListItem::name).forEach(seen::add);
            token = page.nextToken();
        } while (token != null);
        assertThat(seen).isSorted().containsSubsequence(names);
        assertThatThrownBy(() -> t.sfn.listStateMachines(b -> b.maxResults(1001)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value '1001' at 'maxResults' failed to satisfy "
                        + "constraint: Member must have value less than or equal to 1000");
    }

    @Test
    void versions_are_published_idempotently_numbered_for_ever_and_run_their_own_definition() {
        CreateStateMachineResponse created = t.sfn.createStateMachine(b -> b.name("versioned").definition(V1)
                .roleArn(TestServer.ROLE).publish(true).versionDescription("first"));
        String arn = created.stateMachineArn();
        assertThat(created.stateMachineVersionArn()).isEqualTo(arn + ":1");
        assertThat(t.sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn)).stateMachineVersionArn())
                .as("nothing changed since version 1").isEqualTo(arn + ":1");

        var updated = t.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(V2).publish(true)
                .versionDescription("second"));
        assertThat(updated.stateMachineVersionArn()).isEqualTo(arn + ":2");
        DescribeStateMachineResponse v1 = t.sfn.describeStateMachine(b -> b.stateMachineArn(arn + ":1"));
        assertThat(v1.stateMachineArn()).isEqualTo(arn + ":1");
        assertThat(v1.definition()).isEqualTo(V1);
        assertThat(v1.description()).isEqualTo("first");
        assertThat(t.sfn.listStateMachineVersions(b -> b.stateMachineArn(arn)).stateMachineVersions())
                .extracting(StateMachineVersionListItem::stateMachineVersionArn)
                .containsExactly(arn + ":2", arn + ":1");

        String run = t.sfn.startExecution(b -> b.stateMachineArn(arn + ":1")).executionArn();
        DescribeExecutionResponse d = t.awaitEnd(run);
        assertThat(d.output()).isEqualTo("\"v1\"");
        assertThat(d.stateMachineArn()).isEqualTo(arn);
        assertThat(d.stateMachineVersionArn()).isEqualTo(arn + ":1");
        assertThat(t.sfn.describeStateMachineForExecution(b -> b.executionArn(run)).definition()).isEqualTo(V1);

        t.sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(arn + ":2"));
        t.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(V1));
        assertThat(t.sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn)).stateMachineVersionArn())
                .as("numbers are never reused").isEqualTo(arn + ":3");

        String stale = updated.revisionId();
        assertThatThrownBy(() -> t.sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).revisionId(stale)))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("Failed to publish the State Machine version for revision " + stale
                        + ". The current State Machine revision is ");
    }

    @Test
    void an_alias_routes_starts_between_two_versions_by_weight() {
        String arn = t.sfn.createStateMachine(b -> b.name("canary").definition(V1).roleArn(TestServer.ROLE)
                .publish(true)).stateMachineArn();
        t.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(V2).publish(true));
        String alias = t.sfn.createStateMachineAlias(b -> b.name("live").description("80/20").routingConfiguration(
                route(arn + ":1", 80), route(arn + ":2", 20))).stateMachineAliasArn();
        assertThat(alias).isEqualTo(arn + ":live");

        DescribeStateMachineAliasResponse d = t.sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias));
        assertThat(d.name()).isEqualTo("live");
        assertThat(d.description()).isEqualTo("80/20");
        assertThat(d.routingConfiguration()).containsExactly(route(arn + ":1", 80), route(arn + ":2", 20));

        int starts = 1000;
        for (int i = 0; i < starts; i++) {
            t.sfn.startExecution(b -> b.stateMachineArn(alias));
        }
        int v1 = countByVersion(arn + ":1");
        int v2 = countByVersion(arn + ":2");
        assertThat(v1 + v2).isEqualTo(starts);
        assertThat(v1 / (double) starts).isCloseTo(0.80, within(0.05));

        String one = t.sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn();
        DescribeExecutionResponse e = t.awaitEnd(one);
        assertThat(e.stateMachineAliasArn()).isEqualTo(alias);
        assertThat(e.stateMachineVersionArn()).isIn(arn + ":1", arn + ":2");

        t.sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(alias).routingConfiguration(route(arn + ":2", 100)));
        String all2 = t.sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn();
        assertThat(t.awaitEnd(all2).output()).isEqualTo("\"v2\"");

        assertThatThrownBy(() -> t.sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(arn + ":2")))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("Version to be deleted must not be referenced by an alias. Current list of "
                        + "aliases referencing this version: [live]");
        assertThat(t.sfn.listStateMachineAliases(b -> b.stateMachineArn(arn)).stateMachineAliases()).hasSize(1);
        t.sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(alias));
        assertThatThrownBy(() -> t.sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Request references a resource that does not exist.");
    }

    @Test
    void alias_routing_is_checked_as_aws_checks_it() {
        String arn = t.sfn.createStateMachine(b -> b.name("routes").definition(V1).roleArn(TestServer.ROLE)
                .publish(true)).stateMachineArn();
        t.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(V2).publish(true));
        assertThatThrownBy(() -> t.sfn.createStateMachineAlias(b -> b.name("a").routingConfiguration(
                route(arn, 100))))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Routing configuration must contain state machine version ARNs. Received: ["
                        + arn + "]");
        assertThatThrownBy(() -> t.sfn.createStateMachineAlias(b -> b.name("a").routingConfiguration(
                route(arn + ":1", 70), route(arn + ":2", 29))))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Sum of routing configuration weights must equal 100. Received: [70, 29]");
        assertThatThrownBy(() -> t.sfn.createStateMachineAlias(b -> b.name("a").routingConfiguration(
                route(arn + ":1", 50), route(arn + ":1", 50))))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Routing configuration must contain distinct state machine version ARNs.");
        assertThatThrownBy(() -> t.sfn.createStateMachineAlias(b -> b.name("123").routingConfiguration(
                route(arn + ":1", 100))))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value '123' at 'name' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: "
                        + "^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");
        assertThatThrownBy(() -> t.sfn.createStateMachineAlias(b -> b.name("a").routingConfiguration(
                route(arn + ":1", 101))))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value '101' at "
                        + "'routingConfiguration.1.member.weight' failed to satisfy constraint: Member must have value "
                        + "less than or equal to 100");
        t.sfn.createStateMachineAlias(b -> b.name("stable").routingConfiguration(route(arn + ":1", 100)));
        t.sfn.createStateMachineAlias(b -> b.name("stable").routingConfiguration(route(arn + ":1", 100)));
        assertThatThrownBy(() -> t.sfn.createStateMachineAlias(b -> b.name("stable").routingConfiguration(
                route(arn + ":2", 100))))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("Failed to create alias because an alias with the same name and a different "
                        + "routing configuration already exists.");
    }

    @Test
    void tags_are_added_listed_and_removed() {
        String arn = t.create("tagged", V1);
        t.sfn.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("a").value("1").build(),
                Tag.builder().key("b").value("2").build()));
        t.sfn.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
        assertThat(t.sfn.listTagsForResource(b -> b.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("b").value("2").build());
        assertThatThrownBy(() -> t.sfn.listTagsForResource(b -> b.resourceArn(arn + "-missing")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void validate_reports_ok_or_every_diagnostic() {
        ValidateStateMachineDefinitionResponse ok = t.sfn.validateStateMachineDefinition(b -> b.definition(V1));
        assertThat(ok.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        assertThat(ok.diagnostics()).isEmpty();
        assertThat(ok.truncated()).isFalse();
        ValidateStateMachineDefinitionResponse bad = t.sfn.validateStateMachineDefinition(b -> b.definition("{}"));
        assertThat(bad.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(bad.diagnostics()).singleElement().satisfies(diag -> {
            assertThat(diag.severityAsString()).isEqualTo("ERROR");
            assertThat(diag.code()).isEqualTo("SCHEMA_VALIDATION_FAILED");
            assertThat(diag.message()).isEqualTo("These fields are required: [States, StartAt]");
            assertThat(diag.location()).isEqualTo("/");
        });
    }

    private static RoutingConfigurationListItem route(String versionArn, int weight) {
        return RoutingConfigurationListItem.builder().stateMachineVersionArn(versionArn).weight(weight).build();
    }

    private static int countByVersion(String versionArn) {
        int n = 0;
        String token = null;
        do {
            String next = token;
            var page = t.sfn.listExecutions(b -> b.stateMachineArn(versionArn).maxResults(1000).nextToken(next));
            n += page.executions().size();
            token = page.nextToken();
        } while (token != null);
        return n;
    }
}
