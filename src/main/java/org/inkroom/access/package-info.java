/**
 * Who may join which room: capability links (a room, a role and an optional expiry signed with the
 * deployment's secret) and the access mode ({@code inkroom.access=open|links}). Imports
 * {@code room} (roles, room ids) and {@code config}; used by {@code web}.
 */
package org.inkroom.access;
