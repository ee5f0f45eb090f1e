/**
 * The wire protocol: messages as records, the one shared {@link jakarta.json.bind.Jsonb}, validation
 * and the WebSocket decoder. Imports only Jakarta JSON-B/JSON-P and (for the decoder) WebSocket APIs.
 */
package org.inkroom.protocol;
