package io.conflux.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource({
        "2016-08-18T17:33:00Z, 2016-08-18T17:33:00Z",
        "2016-08-18T19:33:00+02:00, 2016-08-18T17:33:00Z",
        "2016-08-18T17:33:00-00:30, 2016-08-18T18:03:00Z",
        "2016-08-18T17:33:00.5Z, 2016-08-18T17:33:00.500Z",
        "2016-08-18T17:33:00.123456789Z, 2016-08-18T17:33:00.123456789Z",
        "2016-08-18T17:33:00.1234567891Z, 2016-08-18T17:33:00.123456789Z",
        "2016-02-29T00:00:00Z, 2016-02-29T00:00:00Z",
        "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
        "2016-08-18T00:30:00+23:59, 2016-08-17T00:31:00Z",
    })
    void parses_rfc3339_timestamps_to_the_instant_they_denote(String text, String instant) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2016-08-18", "2016-08-18T17:33:00", "2016-08-18 17:33:00Z", "2016-08-18t17:33:00Z",
        "2016-08-18T17:33:00z", "2016-08-18T17:33Z", "2016-08-18T17:33:00.Z", "2016-08-18T17:33:00+02",
        "2016-08-18T17:33:00+0200", "2016-08-18T17:33:00+02:00:00", "2016-08-18T24:00:00Z", "2016-08-18T17:60:00Z",
        "2016-08-18T17:33:60Z", "2016-13-18T17:33:00Z", "2015-02-29T00:00:00Z", "2016-8-18T17:33:00Z",
        "+2016-08-18T17:33:00Z", "2016-08-18T17:33:00Z ", " 2016-08-18T17:33:00Z", "2016-08-18T17:33:00+24:00",
        "2016-08-18T17:33:00ZZ", "２016-08-18T17:33:00Z",
    })
    void rejects_what_is_not_an_rfc3339_timestamp(String text) {
        assertThat(Timestamps.parse(text)).isNull();
    }
}
