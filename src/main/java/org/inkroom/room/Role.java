package org.inkroom.room;

import java.util.Locale;

/** What a member may do in a room: an editor draws; a viewer only watches (the server refuses its ops). */
public enum Role {
    EDITOR,
    VIEWER;

    /** The role's name on the wire and in links: {@code editor} or {@code viewer}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code name} ({@code editor}/{@code viewer}), or null. */
    public static Role parse(String name) {
        if ("editor".equals(name)) {
            return EDITOR;
        }
        if ("viewer".equals(name)) {
            return VIEWER;
        }
        return null;
    }
}
