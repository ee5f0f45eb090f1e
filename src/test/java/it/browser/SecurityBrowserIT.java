package it.browser;

import static it.browser.Windows.await;
import static it.browser.Windows.count;
import static it.browser.Windows.js;
import static it.browser.Windows.unacked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The page against hostile input and under the server's abuse limits, in headless Chromium on the
 * WAR as the build deploys it (default settings: open access, default limits).
 */
class SecurityBrowserIT extends BrowserTest {

    private static final String HOSTILE_NAME = "<img src=x onerror=__pwned=1>";
    private static final String HOSTILE_TEXT = "<img src=x onerror=__pwned=2><b>bold</b></textarea><script>__pwned=3</script>";
    private static final Path OUT = Path.of("target", "screenshots");

    /** Nothing a user typed may become markup: no element made from it, no handler run. */
    private static final String NO_MARKUP_FROM_USERS = """
            return {
              imgs: document.querySelectorAll('img').length,
              bolds: document.querySelectorAll('b').length,
              inlineScripts: [...document.scripts].filter((s) => !s.src).length,
              pwned: typeof window.__pwned,
            };
            """;

    @Test
    void namesAndTextWithMarkupReachThePageOnlyAsText() throws Exception {
        String room = "it-xss-" + Windows.shortId();
        ChromeDriver eve = windows.joinByCode(HOSTILE_NAME, room);
        ChromeDriver bob = windows.joinByCode("Bob", room);

        // Eve places a text element whose text is markup, with the page's own text tool.
        new Actions(eve).sendKeys("t").perform();
        Windows.drag(eve, new int[][]{{600, 300}});
        WebElement editor = eve.findElement(By.id("text-editor"));
        await(eve, editor::isDisplayed, "the text editor opens");
        editor.sendKeys(HOSTILE_TEXT, Keys.ENTER);
        await(bob, () -> count(bob) == 1, "Bob gets Eve's text element");
        await(bob, () -> Windows.ink(bob, 590, 290, 400, 60) > 50, "the text is painted on Bob's canvas");

        // The SVG export carries it as character data: parsed back, it is one text node, no element.
        @SuppressWarnings("unchecked")
        Map<String, Object> svg = (Map<String, Object>) bob.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                window.inkroom.exportSvg().text().then((text) => {
                  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
                  done({
                    text: [...doc.querySelectorAll('text')].map((t) => t.textContent).join('\\n'),
                    foreign: doc.querySelectorAll('img, script, b, foreignObject').length,
                  });
                });
                """);
        assertEquals(HOSTILE_TEXT, svg.get("text"));
        assertEquals(0L, ((Number) svg.get("foreign")).longValue());

        // The server strips markup characters from names; the page must not rely on that. Frames as a
        // hostile or broken server could send them reach Bob's page: a people list, a join, a cursor,
        // an error message, all carrying markup.
        String bobId = (String) js(bob, "return window.inkroom.userId;");
        JsonObject userlist = Json.createObjectBuilder().add("type", "userlist").add("data", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("userId", bobId).add("color", "#1971c2"))
                .add(Json.createObjectBuilder().add("userId", HOSTILE_NAME).add("color", "#e03131").add("role", "viewer"))
                .add(Json.createObjectBuilder().add("userId", "x\" onmouseover=\"__pwned=4").add("color", "red;background:url(x)")))
                .build();
        JsonObject join = Json.createObjectBuilder().add("type", "join").add("userId", "<svg onload=__pwned=5>")
                .add("data", Json.createObjectBuilder().add("color", "#2f9e44")).build();
        JsonObject cursor = Json.createObjectBuilder().add("type", "cursor").add("userId", HOSTILE_NAME)
                .add("data", Json.createObjectBuilder().add("x", 300).add("y", 300).add("color", "#e03131")).build();
        JsonObject error = Json.createObjectBuilder().add("type", "error")
                .add("data", Json.createObjectBuilder().add("code", "invalid_element").add("message", "<img src=x onerror=__pwned=6>")).build();
        for (JsonObject frame : List.of(userlist, join, cursor, error)) {
            js(bob, "window.__sockets.at(-1).dispatchEvent(new MessageEvent('message', { data: arguments[0] }));", frame.toString());
        }
        await(bob, () -> String.valueOf(js(bob, "return document.getElementById('user-list').textContent;")).contains(HOSTILE_NAME),
                "the hostile name in the people list, as text");
        assertEquals(HOSTILE_NAME, js(bob, "return document.querySelector('#cursors .cursor-label').textContent;"));
        String toasts = String.valueOf(js(bob, "return document.getElementById('toasts').textContent;"));
        assertTrue(toasts.contains("<svg onload=__pwned=5> joined"), toasts);
        assertTrue(toasts.contains("<img src=x onerror=__pwned=6>"), toasts);
        assertEquals("x\" onmouseover=\"__pwned=4", js(bob,
                "return document.querySelectorAll('#user-list .user-name')[2].textContent;"));
        assertEquals("rgb(136, 136, 136)", js(bob,
                "return document.querySelectorAll('#user-list .swatch-dot')[2].style.background;"), "a bad colour falls back to grey");

        for (ChromeDriver w : List.of(eve, bob)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> dom = (Map<String, Object>) js(w, NO_MARKUP_FROM_USERS);
            assertEquals(Map.of("imgs", 0L, "bolds", 0L, "inlineScripts", 0L, "pwned", "undefined"), dom, "page of " + w);
        }
        // Eve's page: her own name as the server gave it back, as text, in her people list.
        String eveId = (String) js(eve, "return window.inkroom.userId;");
        assertTrue(String.valueOf(js(eve, "return document.getElementById('user-list').textContent;")).contains(eveId));
        Windows.assertConsoleClean(eve);
    }

    /**
     * Counts every frame the page writes to its socket (WebSocket.prototype.send wrapped) and every
     * error the server answers, per type.
     */
    static final String COUNT_SENDS = """
            if (!window.__sent) {
              const sent = [];
              const errors = [];
              Object.defineProperty(window, '__sent', { value: sent });
              Object.defineProperty(window, '__errors', { value: errors });
              const seen = new WeakSet();
              const send = WebSocket.prototype.send;
              WebSocket.prototype.send = function (data) {
                if (!seen.has(this)) {
                  seen.add(this);
                  this.addEventListener('message', (ev) => {
                    let m;
                    try { m = JSON.parse(ev.data); } catch { return; }
                    for (const x of Array.isArray(m) ? m : [m]) if (x?.type === 'error') errors.push(x.data?.code + ': ' + x.data?.message);
                  });
                }
                let types = [];
                try { const m = JSON.parse(data); types = (Array.isArray(m) ? m : [m]).map((x) => x.type); } catch { types = ['?']; }
                sent.push([performance.now(), types, data.length]);
                return send.call(this, data);
              };
            }
            """;

    /**
     * Draws as fast as a person could and faster, with synthetic pointer events on the board (four
     * per animation frame: a 240 Hz pointer, where browsers deliver one event per frame with the
     * rest coalesced): 60 short scribbles, one long fast spiral, 20 rectangles, an eraser sweep over
     * everything, 40 undos and 40 redos one per frame (twice a keyboard's auto-repeat). Returns the
     * phases' times and how many pointer events each dispatched.
     */
    static final String DRAW_FAST = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const stage = document.getElementById('stage');
              const r = stage.getBoundingClientRect();
              const PER_FRAME = 4;
              let events = 0;
              const phases = [];
              const ptr = (type, x, y) => {
                events++;
                stage.dispatchEvent(new PointerEvent(type, {
                  pointerId: 41, pointerType: 'mouse', isPrimary: true,
                  button: type === 'pointermove' ? -1 : 0, buttons: type === 'pointerup' ? 0 : 1,
                  clientX: r.left + x, clientY: r.top + y, pressure: type === 'pointerup' ? 0 : 0.5,
                  bubbles: true, cancelable: true, composed: true,
                }));
              };
              const frame = () => new Promise((res) => requestAnimationFrame(() => res()));
              const tool = (t) => document.querySelector(`#tools .tool[data-tool="${t}"]`).click();
              const phase = async (name, body) => {
                const start = performance.now();
                const e0 = events;
                await body();
                phases.push({ name, start, end: performance.now(), pointerEvents: events - e0 });
              };

              await phase('scribble', async () => {
                tool('pen');
                for (let s = 0; s < 60; s++) {
                  const x0 = 180 + (s % 12) * 70, y0 = 140 + Math.floor(s / 12) * 80;
                  let x = x0, y = y0;
                  ptr('pointerdown', x, y);
                  for (let f = 0; f < 6; f++) {
                    for (let k = 1; k <= PER_FRAME; k++) {
                      const i = f * PER_FRAME + k;
                      x = x0 + i * 2; y = y0 + 25 * Math.sin(i / 2);
                      ptr('pointermove', x, y);
                    }
                    await frame();
                  }
                  ptr('pointerup', x, y);
                  await frame();
                }
              });
              await phase('long stroke', async () => {
                let x = 600, y = 420;
                ptr('pointerdown', x, y);
                for (let i = 1; i <= 180 * PER_FRAME; i++) {
                  const a = i * 0.05, rad = 20 + i * 0.4;
                  x = 600 + rad * Math.cos(a); y = 420 + rad * Math.sin(a) * 0.9;
                  ptr('pointermove', x, y);
                  if (i % PER_FRAME === 0) await frame();
                }
                ptr('pointerup', x, y);
                await frame();
              });
              await phase('rectangles', async () => {
                tool('rect');
                for (let s = 0; s < 20; s++) {
                  const x0 = 150 + (s % 10) * 90, y0 = 560 + Math.floor(s / 10) * 90;
                  ptr('pointerdown', x0, y0);
                  for (let f = 1; f <= 3; f++) {
                    for (let k = 1; k <= PER_FRAME; k++) ptr('pointermove', x0 + f * 20 + k * 3, y0 + f * 15 + k * 2);
                    await frame();
                  }
                  ptr('pointerup', x0 + 75, y0 + 55);
                  await frame();
                }
              });
              await phase('eraser', async () => {
                tool('eraser');
                let x = 140, y = 120, dir = 1;
                ptr('pointerdown', x, y);
                for (let f = 0; f < 150; f++) {
                  for (let k = 0; k < PER_FRAME; k++) {
                    x += dir * 12;
                    if (x > 1060 || x < 140) { dir = -dir; y += 30; }
                    ptr('pointermove', x, y);
                  }
                  await frame();
                }
                ptr('pointerup', x, y);
                await frame();
              });
              await phase('undo', async () => {
                for (let i = 0; i < 40; i++) { document.getElementById('undo').click(); await frame(); }
              });
              await phase('redo', async () => {
                for (let i = 0; i < 40; i++) { document.getElementById('redo').click(); await frame(); }
              });
              done({ phases });
            })().catch((e) => done({ error: String(e && e.stack || e) }));
            """;

    /**
     * Peak messages per second (the most in any 1-second window) and averages, per kind and per
     * phase, from what COUNT_SENDS recorded. Ops are draw, update, erase and restore.
     */
    private static final String RATES = """
            const phases = arguments[0];
            const sent = window.__sent;
            const OPS = new Set(['draw', 'update', 'erase', 'restore']);
            const kinds = {
              ops: (t) => OPS.has(t), cursors: (t) => t === 'cursor', clears: (t) => t === 'clear',
              draw: (t) => t === 'draw', update: (t) => t === 'update', erase: (t) => t === 'erase', restore: (t) => t === 'restore',
            };
            const stats = (test, from, to) => {
              const ts = [];
              for (const [t, types] of sent) if (t >= from && t <= to) for (const type of types) if (test(type)) ts.push(t);
              let peak = 0;
              for (let i = 0, j = 0; i < ts.length; i++) {
                while (ts[i] - ts[j] >= 1000) j++;
                peak = Math.max(peak, i - j + 1);
              }
              const seconds = Math.max(0.001, (to - from) / 1000);
              return { count: ts.length, peakPerSecond: peak, averagePerSecond: Math.round(ts.length / seconds * 10) / 10 };
            };
            const from = phases[0].start, to = phases[phases.length - 1].end;
            const overall = {};
            for (const [k, test] of Object.entries(kinds)) overall[k] = stats(test, from, to);
            overall.frames = stats(() => true, from, to);
            let bytes = 0;
            for (const [t, , n] of sent) if (t >= from && t <= to) bytes += n;
            overall.bytesPerSecond = Math.round(bytes / ((to - from) / 1000));
            const perPhase = phases.map((p) => ({
              phase: p.name, seconds: Math.round((p.end - p.start) / 100) / 10,
              pointerEventsPerSecond: Math.round(p.pointerEvents / ((p.end - p.start) / 1000)),
              ops: stats(kinds.ops, p.start, p.end), cursors: stats(kinds.cursors, p.start, p.end),
            }));
            return JSON.stringify({ overall, perPhase, errors: window.__errors });
            """;

    @Test
    void drawingFastErasingUndoingAndRedoingStaysUnderTheLimits() throws Exception {
        String room = "it-fast-" + Windows.shortId();
        ChromeDriver pen = windows.joinByCode("Fast", room);
        ChromeDriver observer = windows.joinByCode("Observer", room);
        js(pen, COUNT_SENDS);

        Object result = pen.executeAsyncScript(DRAW_FAST);
        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) result;
        assertNull(run.get("error"), String.valueOf(run.get("error")));
        await(pen, () -> unacked(pen) == 0, "every op acknowledged");
        await(observer, () -> js(observer, "return window.inkroom.elementIds();").equals(js(pen, "return window.inkroom.elementIds();")),
                "the observer has the same board");
        assertTrue(count(pen) > 40, "redo brought the drawing back: " + count(pen) + " elements");

        String rates = (String) js(pen, RATES, run.get("phases"));
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("page-send-rates.json"), rates + System.lineSeparator());
        System.getLogger(getClass().getName()).log(System.Logger.Level.INFO, "page send rates: {0}", rates);

        JsonObject measured;
        try (var reader = Json.createReader(new StringReader(rates))) {
            measured = reader.readObject();
        }
        assertEquals(List.of(), measured.getJsonArray("errors").getValuesAs(v -> v.toString()),
                "the server refused nothing the page sent (no too_many_*)");
        assertTrue(measured.getJsonObject("overall").getJsonObject("ops").getInt("count") > 100, rates);
        assertTrue(measured.getJsonObject("overall").getJsonObject("cursors").getInt("count") > 0, rates);
        Windows.assertConsoleClean(pen);
        Windows.assertConsoleClean(observer);
    }
}
