package io.conflux.engine.interpreter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.ErrorNames;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.StatesException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * AWS's service limits that the interpreter enforces, configurable. Sizes are of UTF-8 JSON text; 0 means no limit.
 *
 * <p>The variable limits are AWS's documented ones (the developer guide's page on variables): a variable holds at
 * most 256 KiB, one Assign field assigns at most 256 KiB in all, and the variables of an execution hold at most 10 MiB.
 * No recording shows AWS exceeding them; the error is States.DataLimitExceeded, as for payloads.
 *
 * @param maxPayloadBytes the largest state input or output (AWS: 256 KiB)
 * @param maxVariableBytes the largest value of one variable (AWS: 256 KiB)
 * @param maxAssignBytes the most one Assign field may assign, all its variables together (AWS: 256 KiB)
 * @param maxVariablesBytes the most all variables a state can see may hold together (AWS: 10 MiB)
 */
public record Limits(int maxPayloadBytes, int maxVariableBytes, int maxAssignBytes, long maxVariablesBytes) {
    public static final int AWS_PAYLOAD_BYTES = 256 * 1024;
    public static final int AWS_VARIABLE_BYTES = 256 * 1024;
    public static final int AWS_ASSIGN_BYTES = 256 * 1024;
    public static final long AWS_VARIABLES_BYTES = 10L * 1024 * 1024;
    public static final Limits AWS =
            new Limits(AWS_PAYLOAD_BYTES, AWS_VARIABLE_BYTES, AWS_ASSIGN_BYTES, AWS_VARIABLES_BYTES);
    public static final Limits NONE = new Limits(0, 0, 0, 0);

    /** AWS's variable limits with another payload limit. */
    public Limits(int maxPayloadBytes) {
        this(maxPayloadBytes, AWS_VARIABLE_BYTES, AWS_ASSIGN_BYTES, AWS_VARIABLES_BYTES);
    }

    /**
     * Fails with States.DataLimitExceeded when the variables a state assigns break a limit.
     *
     * @param sizes the UTF-8 size of each assigned value, by name
     * @param visibleBefore the size of all variables the state could see before it assigned, its own scope's
     *     and the enclosing ones'
     * @param replaced the size of the variables of the assigning scope that the assignment replaces
     */
    void checkVariables(String state, java.util.Map<String, Integer> sizes, long visibleBefore, long replaced) {
        long assigned = 0;
        for (java.util.Map.Entry<String, Integer> e : sizes.entrySet()) {
            if (maxVariableBytes > 0 && e.getValue() > maxVariableBytes) {
                throw new StatesException(ErrorNames.DATA_LIMIT_EXCEEDED, "The variable '" + e.getKey()
                        + "' assigned by the state '" + state + "' exceeds the maximum number of bytes service limit ("
                        + maxVariableBytes + " bytes).");
            }
            assigned += e.getValue();
        }
        if (maxAssignBytes > 0 && assigned > maxAssignBytes) {
            throw new StatesException(ErrorNames.DATA_LIMIT_EXCEEDED, "The variables assigned by the state '" + state
                    + "' exceed the maximum number of bytes service limit (" + maxAssignBytes + " bytes).");
        }
        if (maxVariablesBytes > 0 && visibleBefore - replaced + assigned > maxVariablesBytes) {
            throw new StatesException(ErrorNames.DATA_LIMIT_EXCEEDED, "The variables of the execution would exceed "
                    + "the maximum number of bytes service limit (" + maxVariablesBytes + " bytes) once the state '"
                    + state + "' assigned its variables.");
        }
    }

    /** Fails with States.DataLimitExceeded when {@code value} is larger than the payload limit. */
    void checkPayload(JsonNode value, String what) {
        if (maxPayloadBytes <= 0 || value == null || isSmall(value)) {
            return;
        }
        long size = size(value, maxPayloadBytes);
        if (size > maxPayloadBytes) {
            throw new StatesException(ErrorNames.DATA_LIMIT_EXCEEDED, "The size of " + what
                    + " exceeds the maximum number of bytes service limit (" + maxPayloadBytes + " bytes).");
        }
    }

    /** Whether {@code value} is larger than the payload limit. */
    boolean exceeds(JsonNode value) {
        return maxPayloadBytes > 0 && value != null && !isSmall(value) && size(value, maxPayloadBytes) > maxPayloadBytes;
    }

    /** Scalars and small containers cannot exceed any sensible limit; skips the measurement for them. */
    private boolean isSmall(JsonNode value) {
        if (value.isContainerNode()) {
            return false;
        }
        return !value.isTextual() || value.asText().length() * 3L + 2 < maxPayloadBytes;
    }

    /** The UTF-8 JSON size of {@code value}, counting no further than just past {@code limit}. */
    static long size(JsonNode value, long limit) {
        Counter counter = new Counter(limit);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(counter)) {
            Json.MAPPER.writeTree(g, value);
        } catch (Counter.Exceeded e) {
            return counter.count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counter.count;
    }

    private static final class Counter extends OutputStream {
        static final class Exceeded extends IOException {
            Exceeded() {
                super(null, null);
            }
        }

        final long limit;
        long count;

        Counter(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
        }

        private void add(int n) throws Exceeded {
            count += n;
            if (count > limit) {
                throw new Exceeded();
            }
        }
    }
}
