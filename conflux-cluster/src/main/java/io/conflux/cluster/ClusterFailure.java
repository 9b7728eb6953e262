package io.conflux.cluster;

/**
 * An expected failure of a Batch or ECS call: the error name AWS's SDKs know ({@code ClientException},
 * {@code ClusterNotFoundException}, {@code InvalidParameterException}) and AWS's message. Answered with HTTP 400 in
 * one place per protocol ({@link BatchApi}, {@link EcsApi}); a task state gets it as {@code Batch.ClientException}
 * or {@code ECS.ClusterNotFoundException}.
 */
final class ClusterFailure extends RuntimeException {
    private final String type;

    ClusterFailure(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    static ClusterFailure client(String message) {
        return new ClusterFailure("ClientException", message);
    }

    String type() {
        return type;
    }
}
