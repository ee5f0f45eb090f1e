package org.inkroom.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Supplier;
import org.inkroom.cluster.RedisSettings;
import org.inkroom.protocol.MessageDecoder;
import org.inkroom.room.RoomSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each kind of mistake in an inkroom.* setting is refused with one message naming the setting and the value. */
class SettingsCheckTest {

    private String property;

    private void set(String name, String value) {
        property = name;
        System.setProperty(name, value);
    }

    @AfterEach
    void unset() {
        if (property != null) {
            System.clearProperty(property);
        }
    }

    private static String refusal(Supplier<?> reading) {
        return assertThrows(IllegalArgumentException.class, reading::get).getMessage();
    }

    @Test
    void notANumber() {
        set("inkroom.max.frame.bytes", "64k");
        assertEquals("setting inkroom.max.frame.bytes must be a whole number, was '64k'", refusal(MessageDecoder::maxFrameBytes));
    }

    @Test
    void outOfRange() {
        set("inkroom.room.max.members", "0");
        assertEquals("setting inkroom.room.max.members must be between 1 and 100000, was '0'", refusal(RoomSettings::fromConfig));
        set("inkroom.max.frame.bytes", "99999999999");
        assertEquals("setting inkroom.max.frame.bytes must be between 1024 and 16777216, was '99999999999'",
                refusal(MessageDecoder::maxFrameBytes));
    }

    @Test
    void unknownMode() {
        set("inkroom.send.mode", "turbo");
        assertEquals("setting inkroom.send.mode must be one of [auto, async, virtual, pool], was 'turbo'",
                refusal(org.inkroom.web.WebSettings::fromConfig));
        set("inkroom.undertow.dispatch", "fast");
        assertEquals("setting inkroom.undertow.dispatch must be one of [io, worker], was 'fast'",
                refusal(org.inkroom.web.WebSettings::fromConfig));
        set("inkroom.store", "mongo");
        assertEquals("setting inkroom.store must be one of [jdbc, memory], was 'mongo'",
                refusal(() -> Config.choice("inkroom.store", "jdbc", java.util.List.of("jdbc", "memory"))));
    }

    @Test
    void notARedisUri() {
        set("inkroom.redis.uri", "http://cache:6379");
        assertEquals("setting inkroom.redis.uri must be redis://host:port or rediss://host:port, was 'http://cache:6379'",
                refusal(RedisSettings::fromConfig));
    }

    @Test
    void aPasswordInAWrongRedisUriIsNotRepeated() {
        set("inkroom.redis.uri", "rediss:// :secret@host");
        String message = refusal(RedisSettings::fromConfig);
        assertEquals(false, message.contains("secret"), message);
    }

    @Test
    void validValuesAndDefaultsPass() {
        set("inkroom.room.max.members", " 50 ");
        assertEquals(50, RoomSettings.fromConfig().maxMembers());
        System.clearProperty("inkroom.room.max.members");
        assertEquals(RoomSettings.defaults().maxMembers(), RoomSettings.fromConfig().maxMembers());
    }
}
