package io.conflux.server;

import java.util.List;

/**
 * A Step Functions ARN taken apart: {@code arn:PARTITION:states:REGION:ACCOUNT:TYPE:NAME[:MORE…]}. Any partition,
 * region and account are accepted as written; lookups use the ARN text itself.
 *
 * @param names what follows the resource type: a state machine's name and optional version number or alias name;
 *     an execution's state machine name and execution name (and, for Express, a UUID); an activity's name
 */
record Arn(String text, String partition, String region, String account, String type, List<String> names) {

    static final String STATE_MACHINE = "stateMachine";
    static final String EXECUTION = "execution";
    static final String EXPRESS = "express";
    static final String ACTIVITY = "activity";

    /** Parses any Step Functions ARN; InvalidArn when the text is not one. */
    static Arn parse(String text) {
        String[] p = text.split(":", -1);
        if (p.length < 7 || !p[0].equals("arn") || p[1].isEmpty() || !p[2].equals("states")) {
            throw Errors.invalidArnPrefix(text);
        }
        for (int i = 6; i < p.length; i++) {
            if (p[i].isEmpty()) {
                throw Errors.invalidArn("Invalid ARN format: " + text);
            }
        }
        return new Arn(text, p[1], p[3], p[4], p[5], List.of(p).subList(6, p.length));
    }

    /** Parses an ARN that must be of one of the given resource types; InvalidArn otherwise. */
    static Arn parse(String text, String... types) {
        Arn a = parse(text);
        for (String t : types) {
            if (t.equals(a.type)) {
                return a;
            }
        }
        throw Errors.resourceTypeNotValid(a.type);
    }

    /** The ARN prefix {@code arn:PARTITION:states:REGION:ACCOUNT:} shared by the resources of one account. */
    String prefix() {
        return "arn:" + partition + ":states:" + region + ":" + account + ":";
    }

    // ---- state machines ---------------------------------------------------------------------------------------

    /** The state machine's own ARN, without any version or alias qualifier. */
    String unqualified() {
        return prefix() + STATE_MACHINE + ":" + names.get(0);
    }

    boolean isQualified() {
        return names.size() > 1;
    }

    /** A qualifier of digits names a version; anything else an alias. */
    boolean isVersion() {
        return names.size() == 2 && !names.get(1).isEmpty() && names.get(1).chars().allMatch(Character::isDigit);
    }

    static String stateMachine(String partition, String region, String account, String name) {
        return "arn:" + partition + ":states:" + region + ":" + account + ":" + STATE_MACHINE + ":" + name;
    }

    static String activity(String partition, String region, String account, String name) {
        return "arn:" + partition + ":states:" + region + ":" + account + ":" + ACTIVITY + ":" + name;
    }
}
