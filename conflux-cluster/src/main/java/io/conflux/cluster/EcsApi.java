package io.conflux.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.server.ServerExtension;

/**
 * ECS's JSON 1.1 API ({@code X-Amz-Target: AmazonEC2ContainerServiceV20141113.RunTask}), the subset behind
 * {@code ecs:runTask}: RunTask, DescribeTasks, StopTask, RegisterTaskDefinition, DescribeTaskDefinition,
 * CreateCluster, DescribeClusters. Expected failures keep ECS's error names.
 */
final class EcsApi implements ServerExtension.JsonService {
    static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";

    private final Ecs ecs;

    EcsApi(Ecs ecs) {
        this.ecs = ecs;
    }

    @Override
    public ObjectNode handle(String operation, ObjectNode input) {
        try {
            return switch (operation) {
                case "RunTask" -> ecs.runTask(input, false, null, null);
                case "DescribeTasks" -> ecs.describeTasks(input);
                case "StopTask" -> ecs.stopTask(input);
                case "RegisterTaskDefinition" -> ecs.registerTaskDefinition(input, false);
                case "DescribeTaskDefinition" -> ecs.describeTaskDefinition(input);
                case "CreateCluster" -> ecs.createCluster(input);
                case "DescribeClusters" -> ecs.describeClusters(input);
                default -> throw new ServerExtension.JsonService.Failure("UnknownOperationException",
                        "Conflux does not offer ECS's " + operation + "; it serves RunTask, DescribeTasks, StopTask, "
                                + "RegisterTaskDefinition, DescribeTaskDefinition, CreateCluster and DescribeClusters");
            };
        } catch (ClusterFailure f) {
            throw new ServerExtension.JsonService.Failure(f.type(), f.getMessage());
        }
    }
}
