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
 * AWS's service limits that the interpreter enforces, configurable.
 *
 * @param maxPayloadBytes the largest state input or output, as UTF-8 JSON text (AWS: 256 KiB); 0 for no limit
 */
public record Limits(int maxPayloadBytes) {
    public static final int AWS_PAYLOAD_BYTES = 256 * 1024;
    public static final Limits AWS = new Limits(AWS_PAYLOAD_BYTES);
    public static final Limits NONE = new Limits(0);

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
