package org.inkroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's write-ahead file: what goes in comes back, a torn tail is dropped, one owner per file. */
class JournalTest {

    @TempDir
    Path dir;

    private static final List<Write> WRITES = List.of(
            new Write.Append("r1", 1, "draw", "", "{\"id\":\"a\",\"text\":\"two\\nlines and é and 😀\"}"),
            new Write.Append("r2", 7, "erase", "", "{\"ids\":[\"a\"]}"),
            new Write.Clear("r1", 2),
            new Write.Append("r1", 3, "draw", "", "line one\nline two\n"));

    private static List<String> shown(List<Write> writes) {
        return writes.stream().map(w -> w instanceof Write.Append a
                ? a.room() + " " + a.seq() + " " + a.kind() + " " + a.body() : w.toString()).toList();
    }

    @Test
    void appendedBatchesComeBackInOrderAndResetEmptiesTheFile() throws Exception {
        Path file = dir.resolve("j.journal");
        try (Journal journal = Journal.open(file)) {
            journal.append(WRITES.subList(0, 2));
            journal.append(List.of(new Write.Barrier(() -> { }))); // nothing to write
            journal.append(WRITES.subList(2, 4));
            assertEquals(shown(WRITES), shown(journal.read()));
            journal.reset();
            assertEquals(0, Files.size(file));
            journal.append(WRITES.subList(1, 2));
            assertEquals(shown(WRITES.subList(1, 2)), shown(journal.read()));
        }
    }

    @Test
    void batchesLargerThanTheKeptBufferAndSmallOnesAfterThemComeBackWhole() throws Exception {
        // The journal keeps its byte buffer between batches: one that outgrows it, then a small one
        // after it, must each be written exactly (no bytes of the big batch left over), and an
        // unpaired surrogate is written as '?', as Charset.encode wrote it.
        String big = "ü😀 ".repeat(40_000);
        List<Write> batches = List.of(new Write.Append("r1", 1, "draw", "", big),
                new Write.Append("r1", 2, "draw", "", "small"),
                new Write.Append("r1", 3, "draw", "", "a\ud800b"));
        Path file = dir.resolve("big.journal");
        try (Journal journal = Journal.open(file)) {
            for (Write w : batches) {
                journal.append(List.of(w));
            }
            assertEquals(List.of("r1 1 draw " + big, "r1 2 draw small", "r1 3 draw a?b"), shown(journal.read()));
        }
    }

    @Test
    void aFileCutAnywhereInItsLastEntryGivesTheEntriesBeforeIt() throws Exception {
        Path file = dir.resolve("cut.journal");
        try (Journal journal = Journal.open(file)) {
            journal.append(WRITES);
        }
        byte[] whole = Files.readAllBytes(file);
        byte[] allButLast;
        try (Journal journal = Journal.open(dir.resolve("three.journal"))) {
            journal.append(WRITES.subList(0, 3));
            allButLast = Files.readAllBytes(journal.file());
        }
        for (int cut = allButLast.length; cut < whole.length; cut++) {
            String text = new String(Arrays.copyOf(whole, cut), StandardCharsets.UTF_8);
            assertEquals(shown(WRITES.subList(0, 3)), shown(Journal.parse(text, file)), "cut at byte " + cut);
        }
        assertEquals(shown(WRITES), shown(Journal.parse(new String(whole, StandardCharsets.UTF_8), file)));
    }

    @Test
    void aFileHeldByOneJournalIsNotOpenedByAnother() throws Exception {
        Path file = dir.resolve("held.journal");
        try (Journal first = Journal.open(file)) {
            assertNotNull(first);
            assertNull(Journal.open(file));
        }
        try (Journal again = Journal.open(file)) {
            assertNotNull(again, "free again once the first is closed");
        }
    }
}
