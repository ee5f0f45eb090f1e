/**
 * Rooms and who is in them: membership, identity, canvas state, sequence numbers and fan-out to
 * {@link org.inkroom.room.Peer}s. Imports protocol and config only; no jakarta.websocket, so it is
 * tested with fake peers and no container.
 */
package org.inkroom.room;
