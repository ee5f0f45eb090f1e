package org.inkroom.ops;

/**
 * What Inkroom offers over JMX ({@code org.inkroom:type=Server,context=<context root>}): an operator,
 * or Liberty's stop hook ({@code src/liberty-feature/}), drains the node before stopping it.
 */
public interface ServerControlMBean {

    /** Members connected to this node now. */
    int getMembers();

    /** True once draining or stopping: new joins get 1013 and readiness is DOWN. */
    boolean isDraining();

    /**
     * Refuses new joins and closes every member with 1001 (going away), waiting up to two seconds
     * for the close frames to go out; returns how many members were closed.
     */
    int drain();
}
