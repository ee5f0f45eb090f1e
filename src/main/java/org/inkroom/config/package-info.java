/**
 * Reads the {@code inkroom.*} settings: MicroProfile Config where the server has it (Liberty exposes
 * its {@code server.xml} variables there), else system properties, else the environment. Depends on
 * nothing else in Inkroom; every other package may use it.
 */
package org.inkroom.config;
