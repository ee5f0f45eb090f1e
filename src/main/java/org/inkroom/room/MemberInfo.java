package org.inkroom.room;

/** A member on this node as the admin console shows it: identity, address, frames waiting for it. */
public record MemberInfo(String userId, String color, String address, int queued) { }
