package io.conflux.cluster;

import java.util.Locale;
import java.util.Map;

/**
 * Where a compute environment (or an ECS cluster) runs its containers. Chosen with the tag {@code conflux:executor}
 * ({@code local}, {@code kubernetes} or {@code docker}; Batch's API has no field for it), or {@code executor:} in a
 * project file; {@code conflux:namespace} names the Kubernetes namespace.
 */
record ExecutorSpec(Kind kind, String namespace) {
    static final ExecutorSpec LOCAL = new ExecutorSpec(Kind.LOCAL, null);
    static final String TAG = "conflux:executor";
    static final String NAMESPACE_TAG = "conflux:namespace";

    enum Kind {
        LOCAL,
        KUBERNETES,
        DOCKER
    }

    static ExecutorSpec fromTags(Map<String, String> tags) {
        String kind = tags.getOrDefault(TAG, "local").toUpperCase(Locale.ROOT);
        Kind k;
        try {
            k = Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw ClusterFailure.client("Error executing request, Exception : The tag " + TAG + " must be local, "
                    + "kubernetes or docker, got '" + tags.get(TAG) + "'.");
        }
        return new ExecutorSpec(k, tags.getOrDefault(NAMESPACE_TAG, "default"));
    }
}
