package org.inkroom.cluster;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.inkroom.room.Frame;
import org.inkroom.room.Peer;

/** A peer that keeps every frame it is sent, in order, and lets a test wait for one. */
final class RecordingPeer implements Peer {

    private final List<String> frames = new ArrayList<>();
    private int closeCode;

    @Override
    public synchronized boolean offer(Frame frame) {
        if (closeCode == 0) {
            frames.add(frame.text());
            notifyAll();
        }
        return true;
    }

    @Override
    public void flush() { }

    @Override
    public synchronized void close(int code, String reason) {
        if (closeCode == 0) {
            closeCode = code;
        }
        notifyAll();
    }

    synchronized int closeCode() {
        return closeCode;
    }

    synchronized List<JsonObject> received() {
        List<JsonObject> out = new ArrayList<>();
        for (String f : frames) {
            try (var r = Json.createReader(new StringReader(f))) {
                out.add(r.readObject());
            }
        }
        return out;
    }

    List<JsonObject> received(String type) {
        return received().stream().filter(m -> type.equals(m.getString("type"))).toList();
    }

    /** Waits until some received message matches; returns it or fails with what came. */
    JsonObject await(Predicate<JsonObject> test, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (this) {
            while (true) {
                for (JsonObject m : received()) {
                    if (test.test(m)) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching message within " + within + "; got " + frames.size() + " frames, last: "
                            + (frames.isEmpty() ? "none" : frames.get(frames.size() - 1)));
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
