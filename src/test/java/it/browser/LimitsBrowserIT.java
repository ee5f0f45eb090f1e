package it.browser;

import static it.browser.Windows.await;
import static it.browser.Windows.count;
import static it.browser.Windows.js;
import static it.browser.Windows.unacked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page meeting the server's rate limits, on a Liberty restarted with limits far below the
 * defaults (and back after this class): it backs off and loses nothing.
 */
class LimitsBrowserIT extends BrowserTest {

    @BeforeAll
    static void tightLimits() throws Exception {
        if (Chromium.available()) {
            Restart.with(Map.of(
                    "INKROOM_LIMIT_OPS_PER_SECOND", "20", "INKROOM_LIMIT_OPS_BURST", "20",
                    "INKROOM_LIMIT_CURSORS_PER_SECOND", "5", "INKROOM_LIMIT_CURSORS_BURST", "10",
                    "INKROOM_LIMIT_CLEARS_PER_MINUTE", "1", "INKROOM_LIMIT_CLEARS_BURST", "1"));
        }
    }

    @Test
    void drawingFasterThanTheServerAllowsBacksOffAndLosesNothing() {
        String room = "it-limits-" + Windows.shortId();
        ChromeDriver pen = windows.joinByCode("Hasty", room);
        ChromeDriver observer = windows.joinByCode("Observer", room);
        js(pen, SecurityBrowserIT.COUNT_SENDS);

        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) pen.executeAsyncScript(SecurityBrowserIT.DRAW_FAST);
        assertNull(run.get("error"), String.valueOf(run.get("error")));
        @SuppressWarnings("unchecked")
        List<String> errors = (List<String>) js(pen, "return window.__errors;");
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("too_many_ops")), "the server did limit: " + errors);

        // Everything drawn gets through in the end, at the server's pace, on the same connection.
        await(pen, () -> unacked(pen) == 0, "every op acknowledged after backing off");
        // The same elements; not always in the same order: an op the server refused goes again after
        // later ones it let through, so it lands above them on the server (the pen's own page keeps
        // its order until its next full sync).
        String sortedIds = "return window.inkroom.elementIds().sort();";
        await(observer, () -> js(observer, sortedIds).equals(js(pen, sortedIds)), "the observer has the same elements");
        assertTrue(count(pen) > 40, count(pen) + " elements");
        assertEquals(1L, ((Number) js(pen, "return window.__sockets.length;")).longValue(), "never disconnected");
        assertEquals("connected", js(pen, "return window.inkroom.status;"));
        assertTrue(pen.findElement(By.id("fatal")).getAttribute("hidden") != null, "no fatal message");
    }

    @Test
    void aClearTheServerRefusesPutsTheBoardBack() {
        String room = "it-clears-" + Windows.shortId();
        ChromeDriver pen = windows.joinByCode("Clearer", room);
        ChromeDriver observer = windows.joinByCode("Observer", room);
        js(pen, "window.confirm = () => true;");

        Windows.drag(pen, 300, 300, 600, 400);
        await(observer, () -> count(observer) == 1, "the first stroke");
        pen.findElement(By.id("clear")).click();
        await(observer, () -> count(observer) == 0, "the first clear goes through");

        Windows.drag(pen, 300, 500, 600, 560);
        await(observer, () -> count(observer) == 1, "the second stroke");
        await(pen, () -> unacked(pen) == 0, "stored");
        pen.findElement(By.id("clear")).click(); // the second within the minute: refused
        await(pen, () -> String.valueOf(js(pen, "return document.getElementById('toasts').textContent;")).contains("cleared too often"),
                "the refusal is explained");
        await(pen, () -> "connected".equals(js(pen, "return window.inkroom.status;")) && count(pen) == 1,
                "the page fetched the board again: the stroke is back");
        assertEquals(1L, count(observer), "nothing was cleared for the others");
        assertTrue(pen.findElement(By.id("clear")).getAttribute("disabled") != null, "the clear button rests a while");
    }
}
