package io.conflux.server;

import java.util.List;
import java.util.Map;

/**
 * AWS's errors, with AWS's wording where it is known (recorded responses of the Step Functions API), so that code
 * matching on messages keeps working. Each factory names the situation, not the HTTP status.
 */
final class Errors {
    private Errors() {}

    static ApiException invalidArn(String why) {
        return new ApiException("InvalidArn", "Invalid Arn: '" + why + "'");
    }

    static ApiException invalidArnPrefix(String arn) {
        return invalidArn("Invalid ARN prefix: " + arn);
    }

    static ApiException resourceTypeNotValid(String type) {
        return invalidArn("Resource type not valid in this context: " + type);
    }

    static ApiException invalidName(String name) {
        return new ApiException("InvalidName", "Invalid Name: '" + name + "'");
    }

    static ApiException invalidDefinition(String message) {
        return new ApiException("InvalidDefinition", message);
    }

    static ApiException invalidLoggingConfiguration(String message) {
        return new ApiException("InvalidLoggingConfiguration", "Invalid Logging Configuration: " + message);
    }

    static ApiException invalidTracingConfiguration(String message) {
        return new ApiException("InvalidTracingConfiguration", message);
    }

    static ApiException stateMachineDoesNotExist(String arn) {
        return new ApiException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }

    static ApiException stateMachineAlreadyExists(String arn) {
        return new ApiException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
    }

    static ApiException stateMachineTypeNotSupported() {
        return new ApiException("StateMachineTypeNotSupported",
                "This operation is not supported by this type of state machine");
    }

    static ApiException executionDoesNotExist(String arn) {
        return new ApiException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }

    static ApiException executionAlreadyExists(String arn) {
        return new ApiException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
    }

    static ApiException invalidExecutionInput(String why) {
        return new ApiException("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + why + "'");
    }

    static ApiException activityDoesNotExist(String arn) {
        return new ApiException("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'");
    }

    static ApiException invalidToken(String why) {
        return new ApiException("InvalidToken", "Invalid Token: '" + why + "'");
    }

    static ApiException taskDoesNotExist() {
        return new ApiException("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist anymore'");
    }

    static ApiException taskTimedOut() {
        return new ApiException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    }

    static ApiException invalidOutput(String why) {
        return new ApiException("InvalidOutput", "Invalid Output: '" + why + "'");
    }

    static ApiException resourceNotFound(String arn) {
        return new ApiException("ResourceNotFound", "Request references a resource that does not exist.",
                Map.of("resourceName", arn));
    }

    static ApiException tooManyTags(String arn, int limit) {
        return new ApiException("TooManyTags", "Expected at most " + limit + " tags on a resource, but '" + arn
                + "' would have more", Map.of("resourceName", arn));
    }

    static ApiException conflict(String message) {
        return new ApiException("ConflictException", message);
    }

    static ApiException missingRequiredParameter(String message) {
        return new ApiException("MissingRequiredParameter", message);
    }

    /** A ValidationException raised by the service's own checks (not by the member constraints of the model). */
    static ApiException validation(String message) {
        return new ApiException("ValidationException", message);
    }

    static ApiException validation(String message, String reason) {
        return new ApiException("ValidationException", message, Map.of("reason", reason));
    }

    /** Member constraint violations, in the wording of AWS's request validation. */
    static ApiException constraintViolations(List<String> violations) {
        int n = violations.size();
        String message = n + " validation error" + (n == 1 ? "" : "s") + " detected: " + String.join("; ", violations);
        return new ApiException(ApiException.Source.VALIDATION, "ValidationException", message, Map.of());
    }

    /** The request body (or a member of it) does not have the JSON shape of the operation's input. */
    static ApiException serialization(String message) {
        return new ApiException(ApiException.Source.PROTOCOL, "SerializationException", message, Map.of());
    }

    static ApiException unknownOperation(String message) {
        return new ApiException(ApiException.Source.PROTOCOL, "UnknownOperationException", message, Map.of());
    }
}
