/**
 * What operators use: health probes, Prometheus metrics, the audit log and the admin console.
 * Observes rooms through {@link org.inkroom.room.RoomEvents}; imports room, store, cluster, config.
 */
package org.inkroom.ops;
