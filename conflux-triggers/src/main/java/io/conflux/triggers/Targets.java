package io.conflux.triggers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** State machine ARNs from names, execution ARNs from state machine ARNs, and names derived from events. */
final class Targets {
    private static final Pattern STATE_MACHINE_ARN = Pattern.compile(
            "arn:[a-z-]+:states:[a-z0-9-]+:\\d{12}:stateMachine:[^:\\s]{1,80}(:[^:\\s]{1,128})?");
    private static final Pattern STATE_MACHINE_NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/]{1,80}");

    private Targets() {}

    /**
     * The ARN of a state machine (or of its version or alias) given as an ARN or by name in this server's region and
     * account.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static String stateMachineArn(String nameOrArn, String region, String account) {
        if (nameOrArn.startsWith("arn:")) {
            if (!STATE_MACHINE_ARN.matcher(nameOrArn).matches()) {
                throw new IllegalArgumentException("expected the ARN of a state machine, a version or an alias, "
                        + "but got '" + nameOrArn + "'");
            }
            return nameOrArn;
        }
        if (!STATE_MACHINE_NAME.matcher(nameOrArn).matches()) {
            throw new IllegalArgumentException("expected a state machine name or ARN, but got '" + nameOrArn + "'");
        }
        return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + nameOrArn;
    }

    /** The ARN of a standard execution named {@code name} of the state machine (version, alias) {@code arn}. */
    static String executionArn(String stateMachineArn, String name) {
        String[] p = stateMachineArn.split(":");
        return String.join(":", p[0], p[1], p[2], p[3], p[4]) + ":execution:" + p[6] + ":" + name;
    }

    /** The state machine itself, without a version or alias qualifier. */
    static String unqualified(String stateMachineArn) {
        String[] p = stateMachineArn.split(":");
        return p.length > 7 ? String.join(":", java.util.Arrays.copyOf(p, 7)) : stateMachineArn;
    }

    /**
     * An execution name from a prefix (a schedule or trigger name) and something unique: at most 80 characters, as
     * AWS allows, and the same every time for the same arguments, so that a repeated start is idempotent.
     */
    static String executionName(String prefix, String unique) {
        String p = prefix.length() > 40 ? prefix.substring(0, 40) : prefix;
        return p + "-" + unique;
    }

    static String sha256(String text) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
