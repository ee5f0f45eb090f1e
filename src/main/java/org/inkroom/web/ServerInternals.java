package org.inkroom.web;

import java.lang.reflect.Field;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fields of a server's own classes, for the workarounds that must reach inside them
 * ({@link LibertyWriteRelease}, {@link ConnectionRelease}): found once per class and name, in the
 * class or a class it extends, and made accessible.
 */
final class ServerInternals {

    private static final ClassValue<ConcurrentHashMap<String, Optional<Field>>> FIELDS = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, Optional<Field>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private ServerInternals() { }

    /** The declared field {@code name} of {@code type} or of a class it extends. */
    static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = findField(type, name);
        if (f == null) {
            throw new NoSuchFieldException(type.getName() + "." + name);
        }
        return f;
    }

    /** As {@link #field}, or null if neither {@code type} nor a class it extends declares it. */
    static Field findField(Class<?> type, String name) {
        return FIELDS.get(type).computeIfAbsent(name, n -> {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    Field f = c.getDeclaredField(n);
                    f.setAccessible(true);
                    return Optional.of(f);
                } catch (NoSuchFieldException notHere) {
                    // look in the superclass
                }
            }
            return Optional.empty();
        }).orElse(null);
    }
}
