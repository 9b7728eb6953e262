package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** States.Base64Encode, States.Base64Decode and States.Hash. Strings are UTF-8 on the way to and from bytes. */
final class EncodingFunctions {
    /** AWS: each takes "a data string of up to 10,000 characters". */
    static final int MAX_LENGTH = 10_000;

    /** The algorithms AWS lists, spelled as AWS spells them (which are also the JDK's names). */
    static final Set<String> ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]");

    private EncodingFunctions() {}

    static void checkLength(JsonNode v, String function) {
        int length = v.asText().length();
        if (length > MAX_LENGTH) {
            throw new BadArgument("Expected the data of " + function + " to have at most " + MAX_LENGTH
                    + " characters, but it has " + length);
        }
    }

    static void checkAlgorithm(JsonNode v) {
        if (!ALGORITHMS.contains(v.asText())) {
            throw new BadArgument("Expected the algorithm of States.Hash to be one of MD5, SHA-1, SHA-256, SHA-384, "
                    + "SHA-512, but got '" + v.asText() + "'");
        }
    }

    static JsonNode base64Encode(List<JsonNode> args, Scope scope) {
        byte[] bytes = args.get(0).asText().getBytes(StandardCharsets.UTF_8);
        return Values.text(Base64.getEncoder().encodeToString(bytes));
    }

    /**
     * AWS documents MIME Base64, which breaks lines, so line breaks are skipped; any other character outside the
     * alphabet is an error rather than silently dropped.
     */
    static JsonNode base64Decode(List<JsonNode> args, Scope scope) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(LINE_BREAKS.matcher(args.get(0).asText()).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw new BadArgument("Expected the argument of States.Base64Decode to be Base64 data, but it is not: "
                    + e.getMessage());
        }
        return Values.text(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The digest as lowercase hexadecimal. */
    static JsonNode hash(List<JsonNode> args, Scope scope) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(args.get(1).asText());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides " + args.get(1).asText(), e);
        }
        byte[] hash = digest.digest(args.get(0).asText().getBytes(StandardCharsets.UTF_8));
        return Values.text(HexFormat.of().formatHex(hash));
    }
}
