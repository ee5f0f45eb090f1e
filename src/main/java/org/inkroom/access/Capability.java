package org.inkroom.access;

import org.inkroom.room.Role;
import org.inkroom.room.RoomId;

/**
 * What a valid link grants: joining {@code room} as {@code role} until {@code expiresAt} (Unix
 * seconds; 0 = no expiry).
 */
public record Capability(RoomId room, Role role, long expiresAt) { }
