package org.inkroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentitiesTest {

    private static final String GENERATED = "user_[A-Za-z0-9]{6}";

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "<script>alert(1)</script> | scriptalert1script",
        "bob<>&\"';/\\            | bob",
        "alice                     | alice",
        "Ada_Lovelace-1.0          | Ada_Lovelace-1.0",
        "`  spaced   out  `        | spaced out",
    })
    void sanitizeStripsDisallowedCharacters(String requested, String expected) {
        assertEquals(expected, Identities.sanitize(requested));
    }

    @ParameterizedTest
    @ValueSource(strings = {"José Ñúñez", "Зоя", "李小龍", "Ünïcödé 42"})
    void sanitizeKeepsUnicodeLettersAndSpaces(String name) {
        assertEquals(name, Identities.sanitize(name));
    }

    @Test
    void sanitizeCapsAtThirtyTwoCharacters() {
        String s = Identities.sanitize("a".repeat(50));

        assertEquals("a".repeat(Identities.MAX_USER_ID), s);
    }

    @Test
    void sanitizeDoesNotEndWithSpaceAfterCapping() {
        String s = Identities.sanitize("a".repeat(31) + " bcdef");

        assertEquals("a".repeat(31), s);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "<>/\\!@#$%^&*()", "\t\n"})
    void sanitizeGeneratesANameWhenNothingUsableIsLeft(String requested) {
        String s = Identities.sanitize(requested);

        assertTrue(s.matches(GENERATED), s);
    }

    @Test
    void generatedNamesDiffer() {
        assertNotEquals(Identities.sanitize(null), Identities.sanitize(null));
    }

    @Test
    void uniqueGivesBaseWhenFree() {
        assertEquals("bob", Identities.unique("bob", Set.of("alice")));
    }

    @Test
    void uniqueAppendsTwoThenThree() {
        Set<String> taken = new HashSet<>(Set.of("bob"));

        String second = Identities.unique("bob", taken);
        assertEquals("bob_2", second);
        taken.add(second);
        assertEquals("bob_3", Identities.unique("bob", taken));
    }

    @Test
    void uniqueSkipsTakenSuffixes() {
        assertEquals("bob_4", Identities.unique("bob", Set.of("bob", "bob_2", "bob_3")));
    }

    @Test
    void uniqueStaysWithinThirtyTwoCharactersForAThirtyTwoCharacterBase() {
        String base = "b".repeat(32);
        Set<String> taken = new HashSet<>(Set.of(base));

        String second = Identities.unique(base, taken);
        assertEquals("b".repeat(30) + "_2", second);
        taken.add(second);
        for (int n = 3; n <= 12; n++) {
            String next = Identities.unique(base, taken);
            assertTrue(next.length() <= Identities.MAX_USER_ID, next);
            assertTrue(next.endsWith("_" + n), next);
            taken.add(next);
        }
        assertEquals("b".repeat(29) + "_10", Identities.unique(base, Set.of(base, "b".repeat(30) + "_2",
                "b".repeat(30) + "_3", "b".repeat(30) + "_4", "b".repeat(30) + "_5", "b".repeat(30) + "_6",
                "b".repeat(30) + "_7", "b".repeat(30) + "_8", "b".repeat(30) + "_9")));
    }

    @Test
    void colorIsTheFirstPaletteColourWhenNoneUsed() {
        assertEquals("#e74c3c", Identities.color(Set.of(), 0));
    }

    @Test
    void colorIsTheFirstUnusedPaletteColour() {
        assertEquals("#2ecc71", Identities.color(Set.of("#e74c3c", "#3498db"), 2));
        assertEquals("#3498db", Identities.color(Set.of("#e74c3c", "#2ecc71"), 2));
    }

    @Test
    void colorCyclesByMemberCountWhenAllAreUsed() {
        Set<String> all = Set.copyOf(Identities.PALETTE);
        int size = Identities.PALETTE.size();

        assertEquals(Identities.PALETTE.get(0), Identities.color(all, size));
        assertEquals(Identities.PALETTE.get(1), Identities.color(all, size + 1));
        assertEquals(Identities.PALETTE.get(5), Identities.color(all, 2 * size + 5));
    }

    @Test
    void paletteStartsWithTheSeedColoursAndHasNoDuplicates() {
        assertEquals(12, Identities.PALETTE.size());
        assertEquals(Identities.PALETTE.size(), Set.copyOf(Identities.PALETTE).size());
        assertEquals("#e74c3c", Identities.PALETTE.get(0));
        assertEquals("#1abc9c", Identities.PALETTE.get(5));
    }
}
