package org.inkroom.room;

/**
 * One room as the admin console lists it: members here and on other nodes, live elements, where
 * its numbering stands, when an op last changed it (epoch millis), and roughly how big it is.
 */
public record RoomSummary(String room, int members, int remoteMembers, int elements, long seq, String epoch,
                          long lastActivityMillis, long approximateBytes) { }
