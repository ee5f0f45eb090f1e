package org.inkroom.protocol;

/** What the decoder makes of one text frame: a valid {@link ClientMessage} or a {@link Rejected} one. */
public sealed interface Inbound permits ClientMessage, Inbound.Rejected {

    /** A frame that was not accepted, with the error to send back; {@code tooLarge} means close with 1009. */
    record Rejected(ErrorData error, boolean tooLarge) implements Inbound {
        public static Rejected of(String code, String message) {
            return new Rejected(new ErrorData(code, message), false);
        }
    }
}
