package org.inkroom.room;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.inkroom.protocol.Codec;
import org.inkroom.protocol.Element;
import org.inkroom.protocol.ErrorData;
import org.inkroom.protocol.ServerMessage;
import org.inkroom.protocol.Validation;

/**
 * A room's drawing state and the one place that carries out an {@link Op}: local ops, ops another
 * node sequenced, and replay from the store all go through {@link #apply}, so every node that
 * applies the same ops in the same seq order holds the same canvas. Not thread-safe: the room
 * guards it with its lock.
 */
public final class Canvas {

    /** What an op would do to the canvas as it stands. */
    public sealed interface Outcome permits Change, Known, Refused { }

    /** A real change: {@code op} is the part of the request that is new (points not held yet, ids not erased yet). */
    public record Change(Op op) implements Outcome { }

    /** Nothing new: the canvas already holds it (a resend); {@code seq} is the op that brought it. */
    public record Known(long seq) implements Outcome { }

    /** Not allowed on this canvas; {@code code} is an {@link ErrorData} code. */
    public record Refused(String code, String message) implements Outcome { }

    /** What {@link #apply} did: the outcome and, for a change, the broadcast text (null when not asked for). */
    public record Applied(Outcome outcome, String text) {
        public boolean changed() {
            return outcome instanceof Change;
        }
    }

    /** An element and its state; erased ones stay as tombstones (restorable) until the next clear. */
    private static final class Entry {
        Element element;
        final long drawnSeq;
        long changedSeq;
        boolean erased;
        /** The element's JSON, kept once a sync has needed it (dropped when the element changes):
         *  a sync of a big canvas then costs string copies, not a serialisation per joiner. Not kept
         *  from the draw: that would add ~190 bytes to every element of every room, synced or not. */
        private String json;

        Entry(Element element, long seq) {
            this.element = element;
            this.drawnSeq = seq;
            this.changedSeq = seq;
        }

        void replace(Element changed) {
            element = changed;
            json = null;
        }

        String json() {
            String j = json;
            if (j == null) {
                j = Codec.toJson(element);
                json = j;
            }
            return j;
        }
    }

    // Insertion order is drawing order; the key makes element ids idempotent.
    private final LinkedHashMap<String, Entry> elements = new LinkedHashMap<>();
    private final int maxElements;
    private String epoch;
    private long seq;
    private long clearedAt;

    public Canvas(int maxElements, String epoch) {
        this.maxElements = maxElements;
        this.epoch = epoch;
    }

    /** A canvas holding a stored history. */
    public static Canvas of(CanvasStore.History history, int maxElements) {
        Canvas canvas = new Canvas(maxElements, history.epoch());
        canvas.clearedAt = history.clearedAt();
        for (Op.Sequenced op : history.ops()) {
            canvas.apply(op.seq(), op.userId(), op.op(), false);
        }
        canvas.seq = Math.max(canvas.seq, history.seq());
        return canvas;
    }

    public String epoch() {
        return epoch;
    }

    public long seq() {
        return seq;
    }

    /** The bus's name for this history (a cluster's nodes share it); the numbering is the same. */
    void adopt(String busEpoch) {
        epoch = busEpoch;
    }

    /** A history that starts over under another epoch at {@code startSeq} (the bus's numbering), keeping the drawing. */
    void renumber(String newEpoch, long startSeq) {
        epoch = newEpoch;
        seq = startSeq;
        clearedAt = startSeq; // resumes from the old numbering are meaningless: full sync
    }

    /**
     * What {@code op} from {@code userId} would do now, without doing it. {@code userId} null means
     * replay (the op was allowed when it was accepted).
     */
    public Outcome evaluate(String userId, Op op) {
        if (op instanceof Op.Draw d) {
            Entry existing = elements.get(d.element().id());
            if (existing != null) {
                return new Known(existing.drawnSeq); // acked again with the draw's own seq
            }
            if (elements.size() >= maxElements) {
                return new Refused(ErrorData.ROOM_FULL,
                        "this room holds its maximum of " + maxElements + " elements; clear it to draw more");
            }
            return new Change(d);
        }
        if (op instanceof Op.Update u) {
            return evaluateUpdate(userId, u);
        }
        if (op instanceof Op.Erase e) {
            List<String> erased = new ArrayList<>();
            for (String elementId : new LinkedHashSet<>(e.ids())) {
                Entry entry = elements.get(elementId);
                if (entry != null && !entry.erased) {
                    erased.add(elementId);
                }
            }
            return erased.isEmpty() ? new Known(seq) : new Change(new Op.Erase(erased));
        }
        if (op instanceof Op.Restore r) {
            Set<String> wanted = new HashSet<>(r.ids());
            List<String> restored = new ArrayList<>();
            for (Map.Entry<String, Entry> e : elements.entrySet()) { // drawing order
                if (e.getValue().erased && wanted.contains(e.getKey())) {
                    restored.add(e.getKey());
                }
            }
            return restored.isEmpty() ? new Known(seq) : new Change(new Op.Restore(restored));
        }
        return new Change(op); // clear
    }

    private Outcome evaluateUpdate(String userId, Op.Update u) {
        Entry entry = elements.get(u.id());
        if (entry == null || entry.erased || !"path".equals(entry.element.elementType())) {
            return new Refused(ErrorData.INVALID_UPDATE, "no path with id " + u.id() + " on this canvas");
        }
        if (userId != null && !userId.equals(entry.element.userId())) {
            return new Refused(ErrorData.NOT_ALLOWED, "only the author of a path can extend it");
        }
        int have = entry.element.pointCount();
        if (u.from() > have) {
            return new Refused(ErrorData.INVALID_UPDATE, "from " + u.from() + " is beyond the path's " + have + " points");
        }
        int skip = have - u.from();
        if (skip >= u.points().length) {
            return new Known(entry.changedSeq);
        }
        double[][] fresh = skip == 0 ? u.points() : Arrays.copyOfRange(u.points(), skip, u.points().length);
        if (have + fresh.length > Validation.MAX_POINTS) {
            return new Refused(ErrorData.INVALID_UPDATE,
                    "a path holds at most " + Validation.MAX_POINTS + " points; start a new one");
        }
        return new Change(new Op.Update(u.id(), have, fresh));
    }

    /**
     * Carries out {@code op} as number {@code opSeq}: evaluates it against the canvas as it stands
     * and applies what is new. Deterministic, so nodes applying the same sequence agree; an op that
     * is refused or brings nothing new still uses up its number. With {@code render} the change's
     * broadcast text is built.
     */
    public Applied apply(long opSeq, String userId, Op op, boolean render) {
        Outcome outcome = evaluate(userId, op);
        seq = Math.max(seq, opSeq);
        if (!(outcome instanceof Change change)) {
            return new Applied(outcome, null);
        }
        String text = null;
        Op effective = change.op();
        if (effective instanceof Op.Draw d) {
            elements.put(d.element().id(), new Entry(d.element(), opSeq));
            if (render) {
                String json = d.json() != null ? d.json() : Codec.toJson(d.element());
                text = Codec.encodeWithData(ServerMessage.draw(userId, null, opSeq), json);
            }
        } else if (effective instanceof Op.Update u) {
            Entry entry = elements.get(u.id());
            entry.replace(entry.element.withMorePoints(u.points()));
            entry.changedSeq = opSeq;
            if (render) {
                text = Codec.encode(ServerMessage.update(userId, u.id(), u.from(), u.points(), opSeq));
            }
        } else if (effective instanceof Op.Erase e) {
            markErased(e.ids(), true, opSeq);
            if (render) {
                text = Codec.encode(ServerMessage.erase(userId, e.ids(), opSeq));
            }
        } else if (effective instanceof Op.Restore r) {
            markErased(r.ids(), false, opSeq);
            if (render) {
                List<Element> back = new ArrayList<>(r.ids().size());
                for (String elementId : r.ids()) {
                    back.add(elements.get(elementId).element);
                }
                text = Codec.encode(ServerMessage.restore(userId, back, opSeq));
            }
        } else {
            elements.clear();
            clearedAt = opSeq;
            if (render) {
                text = Codec.encode(ServerMessage.clear(userId, opSeq));
            }
        }
        return new Applied(outcome, text);
    }

    private void markErased(List<String> ids, boolean erased, long atSeq) {
        for (String elementId : ids) {
            Entry e = elements.get(elementId);
            if (e != null) {
                e.erased = erased;
                e.changedSeq = atSeq;
            }
        }
    }

    /**
     * A full sync, or only what a resuming client missed when its epoch and seq still apply; the
     * elements are spliced in from each entry's kept JSON.
     */
    String syncText(String userId, String color, JoinOptions options) {
        Long since = options.since();
        List<String> jsons = new ArrayList<>();
        if (since != null && epoch.equals(options.epoch()) && since >= clearedAt && since <= seq) {
            List<String> erased = new ArrayList<>();
            for (Entry e : elements.values()) {
                if (e.changedSeq > since) {
                    if (e.erased) {
                        erased.add(e.element.id());
                    } else {
                        jsons.add(e.json());
                    }
                }
            }
            return Codec.encodeSync(ServerMessage.resume(userId, color, List.of(), erased, seq, epoch, since)
                    .withRole(options.roleOnWire()), jsons);
        }
        for (Entry e : elements.values()) {
            if (!e.erased) {
                jsons.add(e.json());
            }
        }
        return Codec.encodeSync(ServerMessage.sync(userId, color, List.of(), seq, epoch).withRole(options.roleOnWire()), jsons);
    }

    /** Live elements (not erased). */
    public int size() {
        int n = 0;
        for (Entry e : elements.values()) {
            if (!e.erased) {
                n++;
            }
        }
        return n;
    }

    /** Roughly what the canvas holds as JSON (an estimate for the admin console, not a serialisation). */
    public long approximateBytes() {
        long bytes = 0;
        for (Entry e : elements.values()) {
            bytes += 160 + (e.element.text() == null ? 0 : e.element.text().length()) + 24L * e.element.pointCount();
        }
        return bytes;
    }

    /** The live elements in drawing order. */
    public List<Element> elements() {
        List<Element> list = new ArrayList<>(elements.size());
        for (Entry e : elements.values()) {
            if (!e.erased) {
                list.add(e.element);
            }
        }
        return list;
    }
}
