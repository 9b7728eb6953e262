package io.conflux.engine.interpreter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Task tokens: opaque to users, unguessable without the execution's salt, derived deterministically so that the
 * interpreter stays a pure function, and carrying the execution ARN so that any node can route a callback.
 */
public final class Tokens {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Tokens() {}

    static String create(String executionArn, String salt, long sequence) {
        byte[] mac;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(executionArn.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Long.toString(sequence).getBytes(StandardCharsets.UTF_8));
            mac = sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        return ENCODER.encodeToString(executionArn.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(mac);
    }

    /** The execution ARN a token belongs to, or null when the text is not a Conflux task token. */
    public static String executionArn(String token) {
        if (token == null) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            return new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
