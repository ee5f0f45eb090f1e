package org.inkroom.room;

import java.util.List;
import org.inkroom.protocol.Element;

/**
 * A change to a room's canvas as it is ordered, stored, sent between nodes and replayed; every op
 * has the room's next seq. {@link Canvas#apply} is the one place that carries one out.
 */
public sealed interface Op {

    /**
     * An element added; {@code json} is the element's JSON when it has been encoded already (the
     * room encodes it once for the broadcast, the store and the bus), else null.
     */
    record Draw(Element element, String json) implements Op {
        public Draw(Element element) {
            this(element, null);
        }

        /** The same op whether or not it carries its encoding: {@code json} is derived from the element. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Draw d && java.util.Objects.equals(element, d.element);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(element);
        }
    }

    /** Points appended to a path, starting at index {@code from}. */
    record Update(String id, int from, double[][] points) implements Op { }

    /** Elements removed (kept as tombstones until the next clear, so they can be restored). */
    record Erase(List<String> ids) implements Op { }

    /** Erased elements brought back, in their original place. */
    record Restore(List<String> ids) implements Op { }

    /** Everything removed; the history before it can be compacted away. */
    record Clear() implements Op { }

    /** An op with its sequence number and the member it came from. */
    record Sequenced(long seq, String userId, Op op) {
        public Sequenced(long seq, Op op) {
            this(seq, null, op);
        }
    }
}
