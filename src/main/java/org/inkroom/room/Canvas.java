package org.inkroom.room;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

    /** How many paths are kept as objects (those most recently drawn or extended; see {@link #open}). */
    private static final int OPEN_PATHS = 64;

    // Drawing order is position order; an id is drawn at most once (idempotent draws). Erased
    // elements stay as tombstones (restorable) until the next clear.
    private final ElementTable table = new ElementTable();

    /**
     * Paths kept as objects, least recently used first: a path is extended by updates while it is
     * drawn, and each update needs its points and author. A path whose JSON is not written yet
     * (extended since) gets it written when it leaves; one not held is read back from its JSON.
     */
    private final LinkedHashMap<Integer, Element> open = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Element> eldest) {
            if (size() <= OPEN_PATHS) {
                return false;
            }
            int at = eldest.getKey();
            if (!table.hasJson(at)) {
                table.setJson(at, Codec.toJson(eldest.getValue()));
            }
            return true;
        }
    };

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
            int at = table.find(d.element().id());
            if (at >= 0) {
                return new Known(table.drawnSeq(at)); // acked again with the draw's own seq
            }
            if (table.count() >= maxElements) {
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
                int at = table.find(elementId);
                if (at >= 0 && !table.erased(at)) {
                    erased.add(elementId);
                }
            }
            return erased.isEmpty() ? new Known(seq) : new Change(new Op.Erase(erased));
        }
        if (op instanceof Op.Restore r) {
            int[] wanted = new int[r.ids().size()];
            int n = 0;
            for (String elementId : new LinkedHashSet<>(r.ids())) {
                int at = table.find(elementId);
                if (at >= 0 && table.erased(at)) {
                    wanted[n++] = at;
                }
            }
            Arrays.sort(wanted, 0, n); // drawing order
            List<String> restored = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                restored.add(table.id(wanted[i]));
            }
            return restored.isEmpty() ? new Known(seq) : new Change(new Op.Restore(restored));
        }
        return new Change(op); // clear
    }

    private Outcome evaluateUpdate(String userId, Op.Update u) {
        int at = table.find(u.id());
        if (at < 0 || table.erased(at) || !table.isPath(at)) {
            return new Refused(ErrorData.INVALID_UPDATE, "no path with id " + u.id() + " on this canvas");
        }
        Element path = element(at);
        if (userId != null && !userId.equals(path.userId())) {
            return new Refused(ErrorData.NOT_ALLOWED, "only the author of a path can extend it");
        }
        int have = path.pointCount();
        if (u.from() > have) {
            return new Refused(ErrorData.INVALID_UPDATE, "from " + u.from() + " is beyond the path's " + have + " points");
        }
        int skip = have - u.from();
        if (skip >= u.points().length) {
            return new Known(table.changedSeq(at));
        }
        double[][] fresh = skip == 0 ? u.points() : Arrays.copyOfRange(u.points(), skip, u.points().length);
        if (have + fresh.length > Validation.MAX_POINTS) {
            return new Refused(ErrorData.INVALID_UPDATE,
                    "a path holds at most " + Validation.MAX_POINTS + " points; start a new one");
        }
        return new Change(new Op.Update(u.id(), have, fresh));
    }

    /** The element at {@code at}: the kept path, or read back from its JSON (a path read back is kept). */
    private Element element(int at) {
        Element kept = open.get(at);
        if (kept != null) {
            return kept;
        }
        Element read = Codec.fromJson(table.json(at), Element.class);
        if (table.isPath(at)) {
            open.put(at, read);
        }
        return read;
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
            Element element = d.element();
            String json = d.json() != null ? d.json() : Codec.toJson(element);
            boolean path = "path".equals(element.elementType());
            int at = table.add(element.id(), json, path, opSeq);
            if (path) {
                open.put(at, element);
            }
            if (render) {
                text = Codec.encodeWithData(ServerMessage.draw(userId, null, opSeq), json);
            }
        } else if (effective instanceof Op.Update u) {
            int at = table.find(u.id());
            Element longer = element(at).withMorePoints(u.points());
            open.put(at, longer);
            table.setJson(at, null); // written when the path leaves the kept ones, or for a sync
            table.setChangedSeq(at, opSeq);
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
                    back.add(element(table.find(elementId)));
                }
                text = Codec.encode(ServerMessage.restore(userId, back, opSeq));
            }
        } else {
            table.clear();
            open.clear();
            clearedAt = opSeq;
            if (render) {
                text = Codec.encode(ServerMessage.clear(userId, opSeq));
            }
        }
        return new Applied(outcome, text);
    }

    private void markErased(List<String> ids, boolean erased, long atSeq) {
        for (String elementId : ids) {
            int at = table.find(elementId);
            if (at >= 0) {
                table.setErased(at, erased, atSeq);
            }
        }
    }

    /** The element's JSON; a kept path extended since its JSON was written gets it written now. */
    private String json(int at) {
        String json = table.json(at);
        if (json == null) {
            json = Codec.toJson(open.get(at));
            table.setJson(at, json);
        }
        return json;
    }

    /**
     * A full sync, or only what a resuming client missed when its epoch and seq still apply; the
     * elements are spliced in from their kept JSON.
     */
    String syncText(String userId, String color, JoinOptions options) {
        Long since = options.since();
        int count = table.count();
        List<String> jsons = new ArrayList<>();
        if (since != null && epoch.equals(options.epoch()) && since >= clearedAt && since <= seq) {
            List<String> erased = new ArrayList<>();
            for (int at = 0; at < count; at++) {
                if (table.changedSeq(at) > since) {
                    if (table.erased(at)) {
                        erased.add(table.id(at));
                    } else {
                        jsons.add(json(at));
                    }
                }
            }
            return Codec.encodeSync(ServerMessage.resume(userId, color, List.of(), erased, seq, epoch, since)
                    .withRole(options.roleOnWire()), jsons);
        }
        for (int at = 0; at < count; at++) {
            if (!table.erased(at)) {
                jsons.add(json(at));
            }
        }
        return Codec.encodeSync(ServerMessage.sync(userId, color, List.of(), seq, epoch).withRole(options.roleOnWire()), jsons);
    }

    /** Live elements (not erased). */
    public int size() {
        int n = 0;
        for (int at = 0; at < table.count(); at++) {
            if (!table.erased(at)) {
                n++;
            }
        }
        return n;
    }

    /** Roughly the memory the canvas holds (an estimate for the admin console). */
    public long approximateBytes() {
        long bytes = table.heldBytes();
        for (Map.Entry<Integer, Element> kept : open.entrySet()) {
            if (!table.hasJson(kept.getKey())) {
                bytes += 160 + 24L * kept.getValue().pointCount();
            }
        }
        return bytes;
    }

    /** The live elements in drawing order (read back from their JSON: for the admin console and tests). */
    public List<Element> elements() {
        List<Element> list = new ArrayList<>(table.count());
        for (int at = 0; at < table.count(); at++) {
            if (!table.erased(at)) {
                Element kept = open.get(at);
                list.add(kept != null ? kept : Codec.fromJson(table.json(at), Element.class));
            }
        }
        return list;
    }
}
