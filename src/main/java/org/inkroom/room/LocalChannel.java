package org.inkroom.room;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A single node's channel: the room's lock orders ops, so the next seq is the canvas's plus one. */
class LocalChannel implements RoomChannel {

    private long last;

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public Start start(Canvas canvas) {
        last = canvas.seq();
        return new Start(canvas.epoch(), canvas.seq(), false);
    }

    /** Called under the room's lock, so numbering follows the lock's order. */
    @Override
    public CompletionStage<Publication> publish(String userId, Op op, Object origin) {
        return CompletableFuture.completedFuture(new Publication(++last, false));
    }

    @Override
    public Identity claim(String base, Set<String> localNames, Set<String> localColors, Role role) {
        return new Identity(Identities.unique(base, localNames), Identities.color(localColors, localNames.size()));
    }

    @Override
    public void close() { }
}
