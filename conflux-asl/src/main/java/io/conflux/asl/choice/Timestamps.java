package io.conflux.asl.choice;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Timestamps as the States Language defines them: RFC 3339 date-times ({@code 2016-08-18T17:33:00Z},
 * {@code 2016-08-18T19:33:00.5+02:00}) with an uppercase {@code T} between date and time and an uppercase {@code Z}
 * when there is no numeric offset. Seconds are required, fractional seconds optional (any number of digits, kept to
 * the nanosecond), the offset required.
 *
 * <p>Written by hand rather than with {@link java.time.format.DateTimeFormatter#ISO_OFFSET_DATE_TIME}, which also
 * accepts times without seconds, offsets with seconds and lowercase letters: none of those are RFC 3339 timestamps.
 */
final class Timestamps {
    private Timestamps() {}

    /** The instant {@code text} denotes, or null when it is not a timestamp. */
    static Instant parse(String text) {
        int n = text.length();
        // yyyy-MM-ddTHH:mm:ss is 19 characters, and an offset at least one more.
        if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(text.charAt(i))) {
                if (i - start < 9) {
                    nanos = nanos * 10 + (text.charAt(i) - '0');
                }
                i++;
            }
            if (i == start) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (i >= n) {
            return null;
        }
        int offsetSeconds;
        char sign = text.charAt(i);
        if (sign == 'Z') {
            if (i + 1 != n) {
                return null;
            }
            offsetSeconds = 0;
        } else if (sign == '+' || sign == '-') {
            if (i + 6 != n || text.charAt(i + 3) != ':') {
                return null;
            }
            int offsetHours = digits(text, i + 1, 2);
            int offsetMinutes = digits(text, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (sign == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // February 30th and the like
        }
        long epochSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    static boolean isTimestamp(String text) {
        return parse(text) != null;
    }

    /** The non-negative number written by {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
