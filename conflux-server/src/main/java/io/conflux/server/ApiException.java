package io.conflux.server;

import java.util.Map;

/**
 * An expected failure of an API call: AWS's error name ({@code __type}) and message, plus any other members of the
 * error shape (ValidationException's {@code reason}, ResourceNotFound's {@code resourceName}). Turned into an HTTP
 * 400 response in one place ({@link AwsJsonProtocol}); build them with {@link Errors}.
 */
public final class ApiException extends RuntimeException {
    /** Where AWS's errors come from: the service's model, request validation, or the protocol layer. */
    enum Source {
        SERVICE("com.amazonaws.swf.service.v2.model"),
        VALIDATION("com.amazon.coral.validate"),
        PROTOCOL("com.amazon.coral.service");

        final String namespace;

        Source(String namespace) {
            this.namespace = namespace;
        }
    }

    private final Source source;
    private final String type;
    private final Map<String, String> members;

    ApiException(Source source, String type, String message, Map<String, String> members) {
        super(message, null, false, false);
        this.source = source;
        this.type = type;
        this.members = Map.copyOf(members);
    }

    ApiException(String type, String message, Map<String, String> members) {
        this(Source.SERVICE, type, message, members);
    }

    ApiException(String type, String message) {
        this(Source.SERVICE, type, message, Map.of());
    }

    /** AWS's {@code __type} as it is on the wire, e.g. {@code com.amazonaws.swf.service.v2.model#InvalidArn}. */
    String wireType() {
        return source.namespace + "#" + type;
    }

    /** AWS's error name, e.g. {@code StateMachineDoesNotExist}. */
    public String type() {
        return type;
    }

    /** Members of the error shape besides {@code message}. */
    Map<String, String> members() {
        return members;
    }
}
