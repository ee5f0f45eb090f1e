package org.inkroom.room;

/**
 * Who asked for an op on this node (null {@code from}: an administrator), so the node that applies
 * it can store it and answer them; {@code label} is the client's op label, {@code elementId} the
 * element an ack names.
 */
record Submission(Member from, String label, String elementId) { }
