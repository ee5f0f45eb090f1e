/**
 * Durable canvas history over JDBC (the server's {@code DataSource}: embedded H2 by default,
 * PostgreSQL in production). Implements {@link org.inkroom.room.CanvasStore}; imports room,
 * protocol and config, never web.
 */
package org.inkroom.store;
