/**
 * How rooms on several nodes hear each other: a Redis bus (Lettuce) that numbers each room's ops
 * in one Lua script, delivers them to every node in seq order without gaps, and keeps presence
 * across nodes. Imports room, protocol and config; nothing imports it but the web wiring.
 */
package org.inkroom.cluster;
