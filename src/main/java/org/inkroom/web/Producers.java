package org.inkroom.web;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.inkroom.room.CanvasStore;
import org.inkroom.room.RoomBus;
import org.inkroom.room.RoomSettings;

/** Wires the plain classes into CDI, from configuration; tests replace these with their own values. */
@Dependent
public class Producers {

    @Produces
    @Singleton
    RoomSettings roomSettings() {
        return RoomSettings.fromConfig();
    }

    @Produces
    @Singleton
    WebSettings webSettings() {
        return WebSettings.fromConfig();
    }

    @Produces
    @Singleton
    CanvasStore canvasStore() {
        return CanvasStore.MEMORY_ONLY;
    }

    @Produces
    @Singleton
    RoomBus roomBus() {
        return RoomBus.SINGLE_NODE;
    }
}
