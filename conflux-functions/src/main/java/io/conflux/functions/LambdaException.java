package io.conflux.functions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An expected failure of the Lambda API, as Lambda answers it: an HTTP status, the error name (in the
 * {@code x-amzn-ErrorType} header, where the SDKs look for it), {@code Type} and the message. Step Functions reports
 * the same failures of a Task as {@code Lambda.<name>} with the Java SDK's cause text ({@link #sdkCause}).
 */
final class LambdaException extends RuntimeException {
    private final String type;
    private final int status;
    private final String messageKey;
    private final Map<String, String> members;

    private LambdaException(String type, int status, String messageKey, String message, Map<String, String> members) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
        this.messageKey = messageKey;
        this.members = members;
    }

    String type() {
        return type;
    }

    int status() {
        return status;
    }

    /** Lambda spells the message member {@code Message} for some errors and {@code message} for others. */
    String messageKey() {
        return messageKey;
    }

    Map<String, String> members() {
        return members;
    }

    /** The error name Step Functions gives a Task that failed this way, e.g. {@code Lambda.TooManyRequestsException}. */
    String taskError() {
        return "Lambda." + type;
    }

    /** The cause Step Functions gives, in the shape of the AWS SDK for Java's exception message. */
    String sdkCause(String requestId) {
        return getMessage() + " (Service: AWSLambda; Status Code: " + status + "; Error Code: " + type
                + "; Request ID: " + requestId + "; Proxy: null)";
    }

    static LambdaException notFound(String functionArn) {
        return new LambdaException("ResourceNotFoundException", 404, "Message", "Function not found: " + functionArn,
                Map.of());
    }

    static LambdaException noProvisioned() {
        return new LambdaException("ProvisionedConcurrencyConfigNotFoundException", 404, "message",
                "No Provisioned Concurrency Config found for this function", Map.of());
    }

    static LambdaException conflict(String message) {
        return new LambdaException("ResourceConflictException", 409, "message", message, Map.of());
    }

    static LambdaException invalidParameter(String message) {
        return new LambdaException("InvalidParameterValueException", 400, "message", message, Map.of());
    }

    static LambdaException invalidContent(String message) {
        return new LambdaException("InvalidRequestContentException", 400, "message", message, Map.of());
    }

    static LambdaException tooLarge(String message) {
        return new LambdaException("RequestTooLargeException", 413, "message", message, Map.of());
    }

    static LambdaException validation(String message) {
        return new LambdaException("ValidationException", 400, "message", message, Map.of());
    }

    static LambdaException service(String message) {
        return new LambdaException("ServiceException", 500, "Message", message, Map.of());
    }

    /** Throttled: no runtime free and the function at its concurrency limit. */
    static LambdaException throttled(boolean reserved) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Reason", reserved ? "ReservedFunctionConcurrentInvocationLimitExceeded"
                : "ConcurrentInvocationLimitExceeded");
        return new LambdaException("TooManyRequestsException", 429, "message", "Rate Exceeded.", m);
    }
}
