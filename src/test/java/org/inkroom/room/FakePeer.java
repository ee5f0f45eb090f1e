package org.inkroom.room;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** A peer that keeps what it is sent, in order; {@code capacity} frames then it overflows once. */
final class FakePeer implements Peer {

    private final List<String> frames = new ArrayList<>();
    private final int capacity;
    private int closeCode;
    private boolean overflowed;

    FakePeer() {
        this(Integer.MAX_VALUE);
    }

    FakePeer(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized boolean offer(Frame frame) {
        if (overflowed || closeCode != 0) {
            return true;
        }
        if (frames.size() >= capacity) {
            overflowed = true;
            return false;
        }
        frames.add(frame.text());
        return true;
    }

    @Override
    public void flush() { }

    @Override
    public synchronized void close(int code, String reason) {
        if (closeCode == 0) {
            closeCode = code;
        }
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

    synchronized void forget() {
        frames.clear();
    }
}
