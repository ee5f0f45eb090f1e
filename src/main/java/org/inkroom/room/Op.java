package org.inkroom.room;

import java.util.List;
import org.inkroom.protocol.Element;

/** A change to a room's canvas as it is stored and replayed; every op has the room's next seq. */
public sealed interface Op {

    /**
     * An element added; {@code json} is the element's JSON when it has been encoded already (the
     * room encodes it once for the broadcast and the store), else null.
     */
    record Draw(Element element, String json) implements Op {
        public Draw(Element element) {
            this(element, null);
        }
    }

    /** Points appended to a path, starting at index {@code from}. */
    record Update(String id, int from, double[][] points) implements Op { }

    /** Elements removed (kept as tombstones until the next clear, so they can be restored). */
    record Erase(List<String> ids) implements Op { }

    /** Erased elements brought back, in their original place. */
    record Restore(List<String> ids) implements Op { }

    /** An op with its sequence number. */
    record Sequenced(long seq, Op op) { }
}
