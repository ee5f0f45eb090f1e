package it.browser;

import java.nio.file.Path;
import org.inkroom.testing.Requirements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every browser test class shares: Chromium required (a skip with a reason, a failure under
 * {@code inkroom.requireAll}), fresh {@link Windows} per test, closed after it, and the build's
 * Liberty put back to its defaults after a class that restarted it with other settings.
 */
abstract class BrowserTest {

    protected Windows windows;

    @BeforeEach
    void needChromium() {
        Requirements.require(Chromium.available(), "Chromium and chromedriver (" + Chromium.BINARY.map(Path::toString)
                .orElse("no chromium") + ", " + Chromium.DRIVER.map(Path::toString).orElse("no chromedriver") + ")");
        windows = new Windows();
    }

    @AfterEach
    void closeWindows() {
        if (windows != null) {
            windows.close();
        }
    }

    @AfterAll
    static void serverBackToDefaults() throws Exception {
        Restart.backToDefaultsIfChanged();
    }
}
