package it.browser;

import static it.browser.Windows.BASE;
import static it.browser.Windows.await;
import static it.browser.Windows.count;
import static it.browser.Windows.ink;
import static it.browser.Windows.js;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.inkroom.access.AccessSettings;
import org.inkroom.access.Links;
import org.inkroom.room.Role;
import org.inkroom.room.RoomId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * Capability links in headless Chromium: the build's Liberty restarted with
 * {@code inkroom.access=links} for this class (and back to its default after it).
 */
class LinksBrowserIT extends BrowserTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @BeforeAll
    static void linksOn() throws Exception {
        if (Chromium.available()) {
            Restart.withLinks();
        }
    }

    @Test
    void theLandingPageCreatesAnEditorLinkAndAViewOnlyLinkThatWatchesLive() throws Exception {
        ChromeDriver editor = windows.fresh();
        // No joining by code on a links server: the page says to ask for a link.
        await(editor, () -> editor.findElement(By.id("create-link-room")).isDisplayed(), "the links landing page");
        assertFalse(editor.findElement(By.id("join-form")).isDisplayed(), "no join-by-code form");
        assertFalse(editor.findElement(By.id("new-code")).isDisplayed(), "no room code to read out");
        assertTrue(editor.findElement(By.id("join-by-link")).getText().contains("ask them for its link"));
        WebElement name = editor.findElement(By.id("landing-name"));
        name.clear();
        name.sendKeys("Editor");
        editor.findElement(By.id("create-link-room")).click();
        Windows.awaitConnected(editor);
        String editorUrl = editor.getCurrentUrl();
        assertTrue(editorUrl.startsWith(BASE + "room/") && editorUrl.contains("#t="), editorUrl);
        assertEquals("editor", js(editor, "return window.inkroom.role;"));
        assertEquals("links", js(editor, "return window.inkroom.access;"));
        assertFalse(editor.findElement(By.id("view-badge")).isDisplayed());
        assertTrue(editor.findElement(By.id("tools")).isDisplayed());

        // Share: both links, for this room, different tokens.
        editor.findElement(By.id("copy-link")).click();
        await(editor, () -> editor.findElement(By.id("share")).isDisplayed(), "the share dialog");
        String editorLink = editor.findElement(By.id("share-editor")).getAttribute("value");
        String viewerLink = editor.findElement(By.id("share-viewer")).getAttribute("value");
        String roomPrefix = editorUrl.substring(0, editorUrl.indexOf('#')) + "#t=";
        assertTrue(editorLink.startsWith(roomPrefix), editorLink);
        assertTrue(viewerLink.startsWith(roomPrefix), viewerLink);
        assertNotEquals(editorLink, viewerLink);
        screenshot(editor, "links-share");
        editor.findElement(By.cssSelector("#share form button")).click();

        // The view-only link: a badge, no tools, nothing to undo or clear.
        ChromeDriver viewer = windows.fresh("Watcher", viewerLink);
        Windows.awaitConnected(viewer);
        assertEquals("viewer", js(viewer, "return window.inkroom.role;"));
        assertTrue(viewer.findElement(By.id("view-badge")).isDisplayed());
        for (String hidden : List.of("tools", "history-island", "clear")) {
            assertFalse(viewer.findElement(By.id(hidden)).isDisplayed(), hidden + " is hidden for a viewer");
        }
        assertFalse(viewer.findElement(By.cssSelector(".stylebar")).isDisplayed(), "no colours for a viewer");

        // The editor sees the viewer marked as one in the people list.
        await(editor, () -> editor.findElements(By.cssSelector("#user-list li[data-role='viewer']")).stream()
                .anyMatch(li -> li.getText().contains("Watcher") && li.getText().contains("viewer")), "Watcher listed as a viewer");

        // The editor draws; the viewer watches it arrive.
        Windows.drag(editor, 300, 300, 600, 420);
        await(viewer, () -> count(viewer) == 1 && ink(viewer, 300, 290, 310, 140) > 100, "the stroke on the viewer's canvas");

        // The viewer's drag pans (no stroke), its keys choose no tool; the editor's next stroke is
        // the only other element either of them ever gets.
        new Actions(viewer).sendKeys("p").perform();
        Windows.drag(viewer, 700, 200, 900, 300);
        assertEquals("hand", js(viewer, "return window.inkroom.tool;"));
        // A draw the page would never send, written to its socket: the server refuses it, the page says so once.
        js(viewer, """
                window.__sockets.at(-1).send(JSON.stringify({ type: 'draw', data: { id: 'sneaky', elementType: 'rect',
                  x1: 0, y1: 0, x2: 50, y2: 50, strokeColor: '#e03131', strokeWidth: 4 } }));
                """);
        await(viewer, () -> String.valueOf(js(viewer, "return document.getElementById('toasts').textContent;")).contains("view-only"),
                "the read-only refusal shown");
        Windows.drag(editor, 300, 500, 600, 560);
        await(editor, () -> count(editor) == 2, "the editor's second stroke");
        await(viewer, () -> count(viewer) == 2, "the viewer gets it");
        assertEquals(js(editor, "return window.inkroom.elementIds();"), js(viewer, "return window.inkroom.elementIds();"));
        assertEquals("viewer", js(viewer, "return window.inkroom.role;"));

        // The viewer can share only its own kind of link.
        viewer.findElement(By.id("copy-link")).click();
        await(viewer, () -> viewer.findElement(By.id("share")).isDisplayed(), "the viewer's share dialog");
        assertFalse(viewer.findElement(By.id("share-editor-row")).isDisplayed(), "no editor link for a viewer");
        assertEquals("", viewer.findElement(By.id("share-editor")).getAttribute("value"));
        assertTrue(viewer.findElement(By.id("share-viewer")).getAttribute("value").startsWith(roomPrefix));
        screenshot(viewer, "links-viewer");
        Windows.assertConsoleClean(editor);
    }

    @Test
    void aTamperedExpiredOrForeignLinkAndNoLinkAtAllEachSaySo() throws Exception {
        JsonObject a = createRoom();
        JsonObject b = createRoom();
        String roomA = a.getString("room");
        String token = a.getString("editor");
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        ChromeDriver w = windows.fresh();
        expectNotice(w, BASE + "room/" + roomA + "#t=" + tampered, "This link is not valid");
        expectNotice(w, BASE + "room/" + b.getString("room") + "#t=" + token, "This link is not valid");
        expectNotice(w, BASE + "room/" + roomA, "You need a link to join this room");
        // A link signed with the server's secret whose time is up (minted here, as an embedding
        // application would mint links).
        String expired = new Links(AccessSettings.links(Restart.SECRET, Duration.ZERO))
                .mint(new RoomId(roomA), Role.VIEWER, System.currentTimeMillis() / 1000 - 60);
        expectNotice(w, BASE + "room/" + roomA + "#t=" + expired, "This link has expired");
        screenshot(w, "links-no-link");

        // The untouched link still works, pasted over the last address (only the fragment changes).
        w.get(BASE + "room/" + roomA + "#t=" + token);
        Windows.awaitConnected(w);
        assertEquals("editor", js(w, "return window.inkroom.role;"));
    }

    /** The page says why, and never opened a socket. */
    private static void expectNotice(ChromeDriver w, String url, String title) {
        w.get(BASE); // a load of its own, not a fragment change of the last one
        w.get(url);
        await(w, () -> w.findElement(By.id("notice")).isDisplayed(), "a notice for " + url);
        assertEquals(title, w.findElement(By.id("notice-title")).getText());
        assertFalse(w.findElement(By.id("board-view")).isDisplayed());
        assertEquals(0L, ((Number) js(w, "return window.__sockets.length;")).longValue(), "no socket opened");
    }

    private static JsonObject createRoom() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "api/rooms"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        try (var reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject();
        }
    }

    private static void screenshot(ChromeDriver driver, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }
}
