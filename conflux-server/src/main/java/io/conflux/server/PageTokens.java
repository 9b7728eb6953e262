package io.conflux.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque nextToken values. A token names where the next page starts and which listing it belongs to, so that a token
 * of one listing (or a made-up one) given to another is InvalidToken rather than a silently wrong page.
 */
final class PageTokens {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String VERSION = "c1";

    private PageTokens() {}

    /**
     * @param scope the listing and its parameters (e.g. the state machine ARN and status filter)
     * @param position where the next page starts (e.g. the last ARN of this page)
     */
    static String encode(String scope, String position) {
        String text = VERSION + "\n" + Integer.toHexString(scope.hashCode()) + "\n" + position;
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a token names; InvalidToken when it is not a token of this listing. */
    static String decode(String token, String scope) {
        String text;
        try {
            text = new String(DECODER.decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Errors.invalidToken("Invalid token");
        }
        String[] p = text.split("\n", 3);
        if (p.length != 3 || !p[0].equals(VERSION) || !p[1].equals(Integer.toHexString(scope.hashCode()))) {
            throw Errors.invalidToken("Invalid token");
        }
        return p[2];
    }

    /** AWS's page size: 1 to 1000, where absent or 0 means the default of 100. */
    static int pageSize(Integer maxResults) {
        return maxResults == null || maxResults == 0 ? 100 : maxResults;
    }
}
