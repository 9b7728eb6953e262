package io.conflux.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.model.Transition;
import java.util.List;

/** Next and End: a state that may continue has exactly one of them (an End of false counts as none). */
final class Transitions {
    private static final List<String> FIELDS = List.of("Next", "End");

    private Transitions() {}

    static Transition read(Fields f) {
        JsonNode next = f.get("Next");
        JsonNode end = f.get("End");
        Boolean ends = f.bool("End");
        if (next != null && Boolean.TRUE.equals(ends)) {
            f.reportHere(Fields.oneOfAtMost(FIELDS));
            return Transition.END;
        }
        if (next != null) {
            String target = f.string("Next");
            return target == null ? Transition.END : new Transition(target);
        }
        if (ends == null && end != null) {
            return Transition.END; // End is not a boolean: reported above
        }
        if (!Boolean.TRUE.equals(ends)) {
            f.reportHere(Fields.exactlyOneOf(FIELDS));
        }
        return Transition.END;
    }
}
