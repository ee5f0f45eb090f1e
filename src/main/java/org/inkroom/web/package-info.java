/**
 * The thin web adapter: the WebSocket endpoint and its handshake checks, the {@link org.inkroom.room.Peer}
 * over a {@code jakarta.websocket.Session} with its outbound queue, the page routes and the CDI
 * producers. May import every other Inkroom package; nothing imports this one.
 */
package org.inkroom.web;
