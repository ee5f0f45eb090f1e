package it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;

/**
 * The browser windows of one test (each its own Chromium profile, so its own name), closed after
 * it, and the few ways the security tests drive and read the page.
 */
final class Windows implements AutoCloseable {

    static final int PORT = Integer.getInteger("http.port", 9080);
    static final String BASE = "http://localhost:" + PORT + "/";
    static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Installed before any page script: every WebSocket the page opens is kept in
     * {@code window.__sockets}, so a test can see whether one was opened and hand the page a frame
     * as if the server had sent it.
     */
    static final String SOCKETS = """
            (() => {
              const Native = window.WebSocket;
              const sockets = [];
              Object.defineProperty(window, '__sockets', { value: sockets });
              window.WebSocket = class extends Native {
                constructor(...args) { super(...args); sockets.push(this); }
              };
            })();
            """;

    /** Ink (any non-transparent canvas pixel) inside a CSS-pixel rectangle of the board, both layers. */
    private static final String INK_IN_RECT = """
            const [x, y, w, h] = arguments;
            const d = window.devicePixelRatio || 1;
            let n = 0;
            for (const id of ['canvas', 'live']) {
              const c = document.getElementById(id);
              const data = c.getContext('2d').getImageData(Math.round(x * d), Math.round(y * d),
                  Math.max(1, Math.round(w * d)), Math.max(1, Math.round(h * d))).data;
              for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
            }
            return n;
            """;

    private final List<ChromeDriver> drivers = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    /** A fresh browser on the start page. */
    ChromeDriver fresh() {
        Path profile = Chromium.freshProfile();
        profiles.add(profile);
        ChromeDriver driver = Chromium.start(profile);
        drivers.add(driver);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SOCKETS));
        driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(3));
        driver.get(BASE);
        return driver;
    }

    /** A fresh browser whose remembered name is {@code name}, then at {@code url}. */
    ChromeDriver fresh(String name, String url) {
        ChromeDriver driver = fresh();
        driver.executeScript("localStorage.setItem('inkroom.name', arguments[0]);", name);
        driver.get(url);
        return driver;
    }

    /** A fresh browser through the landing page into an open-mode room by its code. */
    ChromeDriver joinByCode(String name, String room) {
        ChromeDriver driver = fresh();
        WebElement nameField = driver.findElement(By.id("landing-name"));
        nameField.clear();
        nameField.sendKeys(name);
        driver.findElement(By.id("join-code")).sendKeys(room, Keys.ENTER);
        awaitConnected(driver);
        return driver;
    }

    static void awaitConnected(ChromeDriver driver) {
        await(driver, () -> Boolean.TRUE.equals(driver.executeScript(
                "return window.inkroom?.status === 'connected' && !!window.inkroom.userId && window.inkroom.role !== null;")),
                "connected");
    }

    static void await(ChromeDriver driver, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
        fail("timed out waiting for: " + what + " (" + driver.getCurrentUrl() + ")" + (last == null ? "" : ": " + last));
    }

    /** Presses at the first point, moves through the others in ~16 ms steps, releases (real pointer events). */
    static void drag(ChromeDriver driver, int[]... points) {
        PointerInput pointer = new PointerInput(PointerInput.Kind.MOUSE, "mouse-" + UUID.randomUUID());
        Sequence s = new Sequence(pointer, 0);
        s.addAction(pointer.createPointerMove(Duration.ZERO, PointerInput.Origin.viewport(), points[0][0], points[0][1]));
        s.addAction(pointer.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        for (int i = 1; i < points.length; i++) {
            s.addAction(pointer.createPointerMove(Duration.ofMillis(16), PointerInput.Origin.viewport(), points[i][0], points[i][1]));
        }
        s.addAction(pointer.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(List.of(s));
    }

    /** A straight drag in 12 steps. */
    static void drag(ChromeDriver driver, int x0, int y0, int x1, int y1) {
        int n = 12;
        int[][] pts = new int[n + 1][];
        for (int i = 0; i <= n; i++) {
            pts[i] = new int[]{x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n};
        }
        drag(driver, pts);
    }

    static long ink(ChromeDriver driver, int x, int y, int w, int h) {
        return ((Number) driver.executeScript(INK_IN_RECT, x, y, w, h)).longValue();
    }

    static long count(ChromeDriver driver) {
        return ((Number) driver.executeScript("return window.inkroom.elementCount;")).longValue();
    }

    static long unacked(ChromeDriver driver) {
        return ((Number) driver.executeScript("return window.inkroom.unacked;")).longValue();
    }

    static Object js(ChromeDriver driver, String script, Object... args) {
        return driver.executeScript(script, args);
    }

    static void assertConsoleClean(ChromeDriver driver) {
        Object problems = driver.executeScript("return window.__consoleProblems || [];");
        assertEquals(List.of(), problems, "browser console problems");
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        drivers.forEach(d -> {
            try {
                d.quit();
            } catch (RuntimeException e) {
                // already gone
            }
        });
        profiles.forEach(Chromium::deleteQuietly);
    }
}
