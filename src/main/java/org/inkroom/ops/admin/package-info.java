/**
 * The admin console: the Jakarta REST API under {@code /admin/api} (rooms, one room's members,
 * close / clear / remove), its access rules ({@code inkroom.admin.token}, Bearer, same-origin for
 * changes) and the page servlet at {@code /admin}. Imports room and config; nothing imports it.
 */
package org.inkroom.ops.admin;
