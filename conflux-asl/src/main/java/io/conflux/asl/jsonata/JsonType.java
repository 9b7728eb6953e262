package io.conflux.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON type a field requires of its expression, named as AWS names it in "Expected 'array', but was 'number'".
 * Only the 'array' check (Map's Items) is recorded against AWS; 'integer' (Wait's Seconds, TimeoutSeconds,
 * MaxConcurrency …) and the other names follow the same JSON type names.
 */
public enum JsonType {
    ARRAY("array"),
    /** A number without a fractional part, whatever its notation ({@code 5}, {@code 5.0}, {@code 5e0}). */
    INTEGER("integer"),
    OBJECT("object"),
    STRING("string"),
    NUMBER("number"),
    BOOLEAN("boolean");

    private final String awsName;

    JsonType(String awsName) {
        this.awsName = awsName;
    }

    /** The name in AWS's messages. */
    public String awsName() {
        return awsName;
    }

    /** Whether {@code value} (a defined JSON value) is of this type. */
    public boolean matches(JsonNode value) {
        return switch (this) {
            case ARRAY -> value.isArray();
            case INTEGER -> value.isIntegralNumber() || (value.isNumber() && value.canConvertToExactIntegral());
            case OBJECT -> value.isObject();
            case STRING -> value.isTextual();
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
        };
    }
}
