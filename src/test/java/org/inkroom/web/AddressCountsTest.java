package org.inkroom.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AddressCountsTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AddressCounts counts = new AddressCounts(now::get);

    @Test
    void aReservedSlotIsTakenBeforeItsConnectionOpens() {
        assertTrue(counts.reserve("10.0.0.1", 2));
        assertTrue(counts.reserve("10.0.0.1", 2));
        assertFalse(counts.hasRoom("10.0.0.1", 2), "two handshakes hold both slots before either opened");
        assertFalse(counts.reserve("10.0.0.1", 2), "the third handshake is refused");
        assertTrue(counts.hasRoom("10.0.0.2", 2), "another address has its own count");
    }

    @Test
    void anOpenTakesUpItsReservationAndCountsNoSecondSlot() {
        assertTrue(counts.reserve("a", 2));
        assertTrue(counts.open("a", 2));
        assertTrue(counts.hasRoom("a", 2), "one slot used, not two");
        assertTrue(counts.reserve("a", 2));
        assertTrue(counts.open("a", 2));
        assertFalse(counts.hasRoom("a", 2));
        assertFalse(counts.open("a", 2), "an open with no reservation at the cap is not counted");
    }

    @Test
    void closingFreesTheSlot() {
        assertTrue(counts.reserve("a", 1));
        assertTrue(counts.open("a", 1));
        assertFalse(counts.reserve("a", 1));
        counts.close("a");
        assertTrue(counts.reserve("a", 1));
    }

    @Test
    void aReservationNoConnectionTakesUpLapses() {
        assertTrue(counts.reserve("a", 1));
        assertFalse(counts.reserve("a", 1));
        now.addAndGet(AddressCounts.HOLD_MILLIS - 1);
        assertFalse(counts.hasRoom("a", 1), "still held just before the hold ends");
        now.addAndGet(1);
        assertTrue(counts.hasRoom("a", 1), "the client went away mid-upgrade: its slot is free again");
        assertTrue(counts.reserve("a", 1));
    }

    @Test
    void anOpenWhoseReservationLapsedStillCountsWhenThereIsRoom() {
        assertTrue(counts.reserve("a", 2));
        now.addAndGet(AddressCounts.HOLD_MILLIS);
        assertTrue(counts.open("a", 2));
        assertTrue(counts.reserve("a", 2));
        assertFalse(counts.reserve("a", 2));
    }

    @Test
    void anAbandonedHandshakeLapsesOnItsOwnDeadlineWhenALaterOneOpens() {
        assertTrue(counts.reserve("a", 2)); // this client goes away mid-upgrade
        now.addAndGet(AddressCounts.HOLD_MILLIS - 1_000);
        assertTrue(counts.reserve("a", 2));
        assertTrue(counts.open("a", 2), "the later handshake's connection opens at once");
        assertFalse(counts.hasRoom("a", 2));
        now.addAndGet(1_000);
        assertTrue(counts.hasRoom("a", 2), "the abandoned hold ends when it was due, not a hold later");
    }

    @Test
    void closingMoreThanWasOpenedNeverGoesBelowZero() {
        counts.close("a");
        assertTrue(counts.open("a", 1));
        counts.close("a");
        counts.close("a");
        assertTrue(counts.reserve("a", 1));
        assertFalse(counts.reserve("a", 1));
    }
}
