package io.conflux.cluster;

/** The ARNs of Batch and ECS resources in the server's region and account, and names taken back out of them. */
record Arns(String region, String account) {

    String computeEnvironment(String name) {
        return "arn:aws:batch:" + region + ":" + account + ":compute-environment/" + name;
    }

    String jobQueue(String name) {
        return "arn:aws:batch:" + region + ":" + account + ":job-queue/" + name;
    }

    String jobDefinition(String name, int revision) {
        return "arn:aws:batch:" + region + ":" + account + ":job-definition/" + name + ":" + revision;
    }

    String job(String id) {
        return "arn:aws:batch:" + region + ":" + account + ":job/" + id;
    }

    String cluster(String name) {
        return "arn:aws:ecs:" + region + ":" + account + ":cluster/" + name;
    }

    String taskDefinition(String family, int revision) {
        return "arn:aws:ecs:" + region + ":" + account + ":task-definition/" + family + ":" + revision;
    }

    String task(String cluster, String id) {
        return "arn:aws:ecs:" + region + ":" + account + ":task/" + cluster + "/" + id;
    }

    String container(String cluster, String taskId, String id) {
        return "arn:aws:ecs:" + region + ":" + account + ":container/" + cluster + "/" + taskId + "/" + id;
    }

    /**
     * The name in a name-or-ARN reference: {@code queue}, or the part after {@code kind/} of an ARN of this kind
     * ({@code arn:aws:batch:…:job-queue/queue}). Null when {@code ref} is an ARN of another kind.
     */
    static String name(String ref, String kind) {
        if (ref == null) {
            return null;
        }
        if (!ref.startsWith("arn:")) {
            return ref;
        }
        int at = ref.indexOf(":" + kind + "/");
        return at < 0 ? null : ref.substring(at + kind.length() + 2);
    }
}
