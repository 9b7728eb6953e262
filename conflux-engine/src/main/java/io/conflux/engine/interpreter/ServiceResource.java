package io.conflux.engine.interpreter;

import io.conflux.engine.spi.IntegrationPattern;

/**
 * How AWS names a service integration in TaskScheduled and its siblings: {@code arn:aws:states:::sqs:sendMessage
 * .waitForTaskToken} has resourceType {@code sqs} and resource {@code sendMessage.waitForTaskToken};
 * {@code arn:aws:states:::aws-sdk:s3:listObjects} has resourceType {@code aws-sdk:s3}.
 */
record ServiceResource(String type, String name) {

    static ServiceResource of(String resource) {
        int at = resource.indexOf(":states:::");
        if (!resource.startsWith("arn:") || at < 0) {
            return new ServiceResource("conflux", resource);
        }
        String suffix = IntegrationPattern.of(resource).suffix();
        String rest = resource.substring(at + ":states:::".length(), resource.length() - suffix.length());
        int last = rest.lastIndexOf(':');
        if (last <= 0) {
            return new ServiceResource(rest, rest + suffix);
        }
        return new ServiceResource(rest.substring(0, last), rest.substring(last + 1) + suffix);
    }
}
