package org.inkroom.ops.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdminSettingsTest {

    private static final String TOKEN = "s3cret-admin-token-0123";

    @Test
    void absentOrBlankTokenTurnsTheConsoleOff() {
        for (String configured : new String[] {null, "", "   "}) {
            AdminSettings settings = AdminSettings.of(configured);
            assertFalse(settings.enabled(), "'" + configured + "'");
            assertFalse(settings.matches(""), "nothing matches a console that is off");
            assertFalse(settings.matches(null));
        }
    }

    @Test
    void aShortTokenIsRefusedWithOneLineNamingTheSettingButNotTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AdminSettings.of("fifteen-chars15"));
        assertEquals("setting inkroom.admin.token must be at least 16 characters, was 15 characters", e.getMessage());
        assertFalse(e.getMessage().contains("fifteen-chars15"));
    }

    @Test
    void sixteenCharactersAreEnough() {
        assertTrue(AdminSettings.of("0123456789abcdef").enabled());
    }

    @Test
    void aTokenAHeaderCannotCarryIsRefusedWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdminSettings.of("has a space in the middle"));
        assertTrue(e.getMessage().startsWith("setting inkroom.admin.token must be printable ASCII"), e.getMessage());
        assertFalse(e.getMessage().contains("space in"));
        assertThrows(IllegalArgumentException.class, () -> AdminSettings.of("ünïcödé-token-0123456"));
    }

    @Test
    void onlyTheExactTokenMatchesAndSurroundingSpaceInTheSettingIsIgnored() {
        AdminSettings settings = AdminSettings.of("  " + TOKEN + "\n");
        assertTrue(settings.matches(TOKEN));
        assertFalse(settings.matches(TOKEN + "x"));
        assertFalse(settings.matches(TOKEN.substring(1)));
        assertFalse(settings.matches(TOKEN.toUpperCase()));
        assertFalse(settings.matches(""));
    }

    @Test
    void theTokenNeverShowsInToString() {
        AdminSettings settings = AdminSettings.of(TOKEN);
        assertEquals("admin console enabled", settings.toString());
        assertEquals("admin console disabled", AdminSettings.of("").toString());
    }

    @Test
    void fromConfigReadsTheSetting() {
        String before = System.getProperty(AdminSettings.SETTING);
        try {
            System.setProperty(AdminSettings.SETTING, TOKEN);
            assertTrue(AdminSettings.fromConfig().matches(TOKEN));
            System.setProperty(AdminSettings.SETTING, "short");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, AdminSettings::fromConfig);
            assertEquals("setting inkroom.admin.token must be at least 16 characters, was 5 characters", e.getMessage());
            System.setProperty(AdminSettings.SETTING, "");
            assertFalse(AdminSettings.fromConfig().enabled());
        } finally {
            if (before == null) {
                System.clearProperty(AdminSettings.SETTING);
            } else {
                System.setProperty(AdminSettings.SETTING, before);
            }
        }
    }
}
