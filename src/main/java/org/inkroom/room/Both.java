package org.inkroom.room;

/** Two observers of room events, called in order. */
record Both(RoomEvents first, RoomEvents second) implements RoomEvents {

    @Override
    public void roomOpened(RoomId room) {
        first.roomOpened(room);
        second.roomOpened(room);
    }

    @Override
    public void roomEvicted(RoomId room) {
        first.roomEvicted(room);
        second.roomEvicted(room);
    }

    @Override
    public void memberJoined(RoomId room, String userId) {
        first.memberJoined(room, userId);
        second.memberJoined(room, userId);
    }

    @Override
    public void memberLeft(RoomId room, String userId) {
        first.memberLeft(room, userId);
        second.memberLeft(room, userId);
    }

    @Override
    public void received(String type) {
        first.received(type);
        second.received(type);
    }

    @Override
    public void errorSent(String code) {
        first.errorSent(code);
        second.errorSent(code);
    }

    @Override
    public void receiverClosed(int code) {
        first.receiverClosed(code);
        second.receiverClosed(code);
    }

    @Override
    public void sent(int frames, int messages) {
        first.sent(frames, messages);
        second.sent(frames, messages);
    }

    @Override
    public void acked() {
        first.acked();
        second.acked();
    }

    @Override
    public void cleared(RoomId room, String by) {
        first.cleared(room, by);
        second.cleared(room, by);
    }

    @Override
    public void adminAction(String action, RoomId room, String detail) {
        first.adminAction(action, room, detail);
        second.adminAction(action, room, detail);
    }

    @Override
    public void storeCommitted(int writes, long nanos) {
        first.storeCommitted(writes, nanos);
        second.storeCommitted(writes, nanos);
    }

    @Override
    public void storeFailed() {
        first.storeFailed();
        second.storeFailed();
    }

    @Override
    public void busPublished(long nanos) {
        first.busPublished(nanos);
        second.busPublished(nanos);
    }

    @Override
    public void busGapFilled(int ops) {
        first.busGapFilled(ops);
        second.busGapFilled(ops);
    }

    @Override
    public void busReconnected() {
        first.busReconnected();
        second.busReconnected();
    }
}
