package org.inkroom.web;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OriginPolicyTest {

    private static final OriginPolicy DEFAULT = OriginPolicy.parse("");

    @Test
    void handshakeWithoutOriginIsAllowed() {
        assertNull(DEFAULT.refusal(null, "localhost:9080"));
        assertNull(DEFAULT.refusal(null, null));
    }

    @Test
    void originOfTheSameHostIsAllowed() {
        assertNull(DEFAULT.refusal("http://localhost:9080", "localhost:9080"));
    }

    @ParameterizedTest(name = "{0} with Host {1}")
    @CsvSource({
        "HTTP://LOCALHOST:80, localhost",
        "http://localhost, localhost:80",
        "https://Board.Example.com:443, board.example.com",
        "https://board.example.com, BOARD.example.com:443",
        "http://LocalHost:9080, localhost:9080",
    })
    void sameHostIsAllowedWhateverTheCaseAndDefaultPort(String origin, String host) {
        assertNull(DEFAULT.refusal(origin, host));
    }

    @Test
    void differentHostIsRefused() {
        String reason = DEFAULT.refusal("http://evil.example", "localhost:9080");

        assertNotNull(reason);
        assertTrue(reason.contains("evil.example"));
    }

    @Test
    void differentPortIsRefused() {
        assertNotNull(DEFAULT.refusal("http://localhost:9081", "localhost:9080"));
        assertNotNull(DEFAULT.refusal("http://localhost:8080", "localhost"));
    }

    @Test
    void originWithoutHostHeaderIsRefusedUnlessConfigured() {
        assertNotNull(DEFAULT.refusal("http://localhost:9080", null));
    }

    @Test
    void configuredOriginsAreAllowedFromAnyHost() {
        OriginPolicy policy = OriginPolicy.parse("https://board.example.com, http://other:8080");

        assertNull(policy.refusal("https://board.example.com", "localhost:9080"));
        assertNull(policy.refusal("HTTPS://BOARD.EXAMPLE.COM:443", "localhost:9080"));
        assertNull(policy.refusal("http://other:8080", "localhost:9080"));
        assertNotNull(policy.refusal("http://other:8081", "localhost:9080"));
        assertNotNull(policy.refusal("http://board.example.com", "localhost:9080"));
        assertNotNull(policy.refusal("http://evil.example", "localhost:9080"));
    }

    @Test
    void configuredPolicyStillAllowsTheSameHost() {
        OriginPolicy policy = OriginPolicy.parse("https://board.example.com");

        assertNull(policy.refusal("http://localhost:9080", "localhost:9080"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "null", "https://anything:1234", "file://"})
    void starAllowsAnyOrigin(String origin) {
        OriginPolicy policy = OriginPolicy.parse("*");

        assertNull(policy.refusal(origin, "localhost:9080"));
    }

    @Test
    void starInAListAllowsAnyOrigin() {
        assertNull(OriginPolicy.parse("https://board.example.com, *").refusal("http://evil.example", "localhost"));
    }

    @Test
    void literalNullOriginIsRefusedByDefault() {
        assertNotNull(DEFAULT.refusal("null", "localhost:9080"));
        assertNotNull(OriginPolicy.parse(null).refusal("null", "localhost:9080"));
    }
}
