package io.conflux.cluster;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Definitions kept as numbered revisions under a name: Batch job definitions, ECS task definition families. */
final class Revisions {
    private Revisions() {}

    /**
     * What {@code nameRev} refers to: {@code name:revision} that revision, {@code name} its latest active one; null
     * when there is none.
     *
     * @param byName each name's revisions, revision 1 first
     */
    static <T> T find(Map<String, List<T>> byName, String nameRev, Predicate<T> active) {
        int colon = nameRev.lastIndexOf(':');
        if (colon > 0 && nameRev.substring(colon + 1).matches("\\d+")) {
            List<T> revs = byName.get(nameRev.substring(0, colon));
            long rev;
            try {
                rev = Long.parseLong(nameRev.substring(colon + 1));
            } catch (NumberFormatException tooLong) {
                return null;
            }
            return revs == null || rev < 1 || rev > revs.size() ? null : revs.get((int) rev - 1);
        }
        List<T> revs = byName.get(nameRev);
        if (revs == null) {
            return null;
        }
        for (int i = revs.size() - 1; i >= 0; i--) {
            if (active.test(revs.get(i))) {
                return revs.get(i);
            }
        }
        return null;
    }
}
