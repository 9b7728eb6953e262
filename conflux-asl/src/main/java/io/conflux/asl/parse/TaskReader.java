package io.conflux.asl.parse;

import static io.conflux.asl.DiagnosticCodes.INVALID_RESOURCE;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.model.StateHeader;
import io.conflux.asl.model.TaskState;
import io.conflux.asl.model.ValueSource;
import java.util.Set;

/** The fields only a Task has: Resource, Credentials, TimeoutSeconds and HeartbeatSeconds. */
final class TaskReader {
    /** AWS's upper bound for TimeoutSeconds and HeartbeatSeconds. */
    static final long MAX_SECONDS = 99_999_999L;

    private final ReadContext ctx;
    private final DataFlowReader dataFlow;
    private final ValueSources values;
    private final ErrorHandlingReader errors;

    TaskReader(ReadContext ctx, DataFlowReader dataFlow, ValueSources values, ErrorHandlingReader errors) {
        this.ctx = ctx;
        this.dataFlow = dataFlow;
        this.values = values;
        this.errors = errors;
    }

    TaskState read(StateHeader h, Fields f, Set<String> allowed) {
        f.required("Resource");
        String resource = f.string("Resource");
        Resource kind = resource == null ? null : resource(f, resource);
        JsonNode credentials = credentials(h, f, kind);
        ValueSource timeout = values.integer(h, f, "TimeoutSeconds", "TimeoutSecondsPath", 1, MAX_SECONDS);
        ValueSource heartbeat = values.integer(h, f, "HeartbeatSeconds", "HeartbeatSecondsPath", 1, MAX_SECONDS);
        if (timeout instanceof ValueSource.Literal t && heartbeat instanceof ValueSource.Literal b
                && b.value().asLong() >= t.value().asLong()) {
            f.report("HeartbeatSeconds", "HeartbeatSeconds must be smaller than TimeoutSeconds");
        }
        return new TaskState(h, dataFlow.read(h, f, allowed, parametersField(h)),
                Transitions.read(f), resource, credentials, timeout, heartbeat, errors.retry(f), errors.catchers(h, f));
    }

    private static String parametersField(StateHeader h) {
        return h.queryLanguage() == QueryLanguage.JSONATA ? "Arguments" : "Parameters";
    }

    /** The kinds of Resource a Task may name. */
    enum Resource {
        /** {@code arn:aws:states:::service:api[.sync|.sync:2|.waitForTaskToken]}, including aws-sdk. */
        INTEGRATION,
        /** {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}. */
        LAMBDA,
        /** {@code arn:aws:states:REGION:ACCOUNT:activity:NAME}. */
        ACTIVITY,
        /** A name resolved where the machine runs, such as {@code ${function:NAME}}. */
        LOCAL
    }

    /**
     * Classifies a Resource; reports it and answers null when it is none of the kinds. Text that is not an ARN at
     * all fails AWS's schema; an ARN that names nothing a Task can run is an invalid resource.
     */
    private Resource resource(Fields f, String resource) {
        Resource kind = classify(resource);
        if (kind == null) {
            if (isArn(resource)) {
                ctx.sink().report(f.pointer("Resource"), INVALID_RESOURCE, "The resource provided " + resource
                        + " is not recognized. The value is not a valid resource ARN, or the resource is not"
                        + " available in this region.");
            } else {
                f.report("Resource", "Value is not a valid resource ARN");
            }
            return null;
        }
        if (ctx.options().express()) {
            String message = null;
            if (kind == Resource.ACTIVITY) {
                message = "Express state machine does not support Activity ARN";
            } else if (resource.endsWith(".waitForTaskToken")) {
                // AWS's message ends with a space here, and not in the .sync one.
                message = "Express state machine does not support '.waitForTaskToken' service integration ";
            } else if (resource.endsWith(".sync") || resource.contains(".sync:")) {
                message = "Express state machine does not support '.sync' service integration";
            }
            if (message != null) {
                f.report("Resource", message);
            }
        }
        return kind;
    }

    /** {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}, whatever the service and resource. */
    private static boolean isArn(String text) {
        String[] parts = text.split(":", 6);
        return parts.length == 6 && parts[0].equals("arn") && !parts[1].isEmpty() && !parts[2].isEmpty()
                && !parts[5].isEmpty();
    }

    static Resource classify(String resource) {
        if (resource.contains("${")) {
            return Resource.LOCAL;
        }
        String[] parts = resource.split(":", -1);
        if (parts.length < 6 || !parts[0].equals("arn") || parts[1].isEmpty()) {
            return null;
        }
        String service = parts[2];
        if (service.equals("states") && parts[3].isEmpty() && parts[4].isEmpty()) {
            // arn:aws:states:::service:api — the api may carry a pattern suffix with its own colon (.sync:2)
            return parts.length >= 7 && !parts[5].isEmpty() && !parts[6].isEmpty() ? Resource.INTEGRATION : null;
        }
        boolean placed = !parts[3].isEmpty() && !parts[4].isEmpty();
        if (service.equals("states") && placed && parts[5].equals("activity") && parts.length == 7
                && !parts[6].isEmpty()) {
            return Resource.ACTIVITY;
        }
        if (service.equals("lambda") && placed && parts[5].equals("function") && parts.length >= 7
                && parts.length <= 8 && !parts[6].isEmpty()) {
            return Resource.LAMBDA;
        }
        return null;
    }

    /**
     * Credentials: an object naming the role to assume, RoleArn (or RoleArn.$ in JSONPath). Its paths are checked
     * here; the model keeps it as written (AWS reports no other field of it).
     */
    private JsonNode credentials(StateHeader h, Fields f, Resource kind) {
        JsonNode credentials = f.object("Credentials");
        if (credentials == null) {
            return null;
        }
        if (kind == Resource.ACTIVITY) {
            f.report("Credentials", "The field 'Credentials' is not supported for activities");
        } else if (!credentials.has("RoleArn") && !credentials.has("RoleArn.$")) {
            f.report("Credentials", "The field 'RoleArn' is required but was missing");
        } else if (h.queryLanguage() == QueryLanguage.JSONPATH) {
            dataFlow.template(f, "Credentials");
        }
        return credentials;
    }
}
