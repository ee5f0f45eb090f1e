package it.browser;

import static org.inkroom.testing.Frames.draw;
import static org.inkroom.testing.Frames.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.inkroom.testing.Requirements;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin page in headless Chromium against the WAR on Open Liberty (which the pom gives a known admin token). */
class AdminBrowserIT {

    private static final int PORT = Integer.getInteger("http.port", 9080);
    private static final String BASE = "http://localhost:" + PORT + "/";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final List<WsClient> clients = new ArrayList<>();
    private ChromeDriver driver;
    private Path profile;

    @BeforeEach
    void needChromium() {
        Requirements.require(Chromium.available(), "Chromium and chromedriver (" + Chromium.BINARY.map(Path::toString)
                .orElse("no chromium") + ", " + Chromium.DRIVER.map(Path::toString).orElse("no chromedriver") + ")");
    }

    @AfterEach
    void close() {
        clients.forEach(WsClient::close);
        if (driver != null) {
            try {
                driver.quit();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        Chromium.deleteQuietly(profile);
    }

    @Test
    void signInSeeALiveRoomOpenItAndRemoveAMember() throws Exception {
        String token = System.getProperty("inkroom.admin.token", "");
        if (token.isEmpty()) {
            fail("system property inkroom.admin.token is not set: the pom gives failsafe the deployed server's admin token");
        }
        String room = "adm-ui-" + UUID.randomUUID().toString().substring(0, 8);
        WsClient alice = join(room, "Alice");
        WsClient bob = join(room, "Bob");
        for (int i = 0; i < 4; i++) {
            alice.send(draw(line("ui" + i, 10 * i, 0, 10 * i, 40)));
            bob.next("draw");
        }

        profile = Chromium.freshProfile();
        driver = Chromium.start(profile);
        driver.get(BASE + "admin");
        WebElement field = driver.findElement(By.id("token"));
        await(field::isDisplayed, "the sign-in form");

        // A wrong token is refused and says so; the right one opens the console.
        field.sendKeys("not-the-admin-token-at-all");
        driver.findElement(By.id("sign-in-button")).click();
        WebElement error = driver.findElement(By.id("sign-in-error"));
        await(() -> error.isDisplayed() && error.getText().contains("not right"), "the wrong token is refused");
        field.clear();
        field.sendKeys(token);
        driver.findElement(By.id("sign-in-button")).click();

        By roomLink = By.cssSelector("#rooms tbody a[href$='#room/" + room + "']");
        await(() -> !driver.findElements(roomLink).isEmpty(), "room " + room + " listed");
        WebElement row = driver.findElement(roomLink).findElement(By.xpath("./ancestor::tr"));
        List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertEquals(room, cells.get(0));
        assertEquals("2", cells.get(1), "members here: " + cells);
        assertEquals("0", cells.get(2), "elsewhere: " + cells);
        assertEquals("4", cells.get(3), "elements: " + cells);
        assertTrue(cells.get(5).endsWith("ago") || cells.get(5).equals("just now"), "relative time: " + cells);
        assertTrue(Boolean.TRUE.equals(driver.executeScript("return sessionStorage.getItem('inkroom.admin.token') === arguments[0]"
                + " && localStorage.length === 0 && document.cookie === '';", token)), "the token is kept in sessionStorage only");
        screenshot("admin-rooms");

        driver.findElement(roomLink).click();
        By removeBob = By.cssSelector("#members button[aria-label='Remove Bob']");
        await(() -> !driver.findElements(removeBob).isEmpty(), "the room's detail with its members");
        await(() -> driver.findElement(By.id("room-name")).getText().equals(room), "the room's name");
        List<String> members = driver.findElements(By.cssSelector("#members tbody tr")).stream().map(WebElement::getText).toList();
        assertEquals(2, members.size(), members.toString());
        assertTrue(members.stream().anyMatch(m -> m.startsWith("Alice") && m.contains("127.0.0.1")), "address shown: " + members);
        assertTrue(driver.findElement(By.cssSelector("#members button[aria-label='Remove Alice']")).isDisplayed());
        assertTrue(driver.findElement(By.id("close-room")).isDisplayed() && driver.findElement(By.id("clear-room")).isDisplayed());
        screenshot("admin");

        driver.findElement(removeBob).click();
        Alert confirm = new WebDriverWait(driver, WAIT).until(ExpectedConditions.alertIsPresent());
        assertTrue(confirm.getText().contains("Remove Bob from room " + room), confirm.getText());
        confirm.accept();
        assertEquals(1008, bob.awaitClose().getCloseCode().getCode());
        await(() -> driver.findElements(removeBob).isEmpty() && driver.findElements(By.cssSelector("#members tbody tr")).size() == 1,
                "Bob gone from the detail, Alice still there");
        assertTrue(alice.isOpen(), "Alice stays");
        await(() -> driver.findElement(By.id("toasts")).getText().contains("Bob removed"), "the page says what it did");
        Object problems = driver.executeScript("return window.__consoleProblems;");
        assertEquals(List.of(), problems, "console errors/warnings");
    }

    private WsClient join(String room, String user) {
        WsClient c = WsClient.connect(URI.create("ws://localhost:" + PORT + "/ws/" + room + "?userId=" + user));
        clients.add(c);
        c.awaitSync();
        return c;
    }

    private void await(BooleanSupplier condition, String what) {
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
        fail("timed out waiting for: " + what + " (" + driver.getCurrentUrl() + ", status '"
                + driver.findElement(By.id("status")).getText() + "', console " + driver.executeScript("return window.__consoleProblems;")
                + ")" + (last == null ? "" : ": " + last));
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }
}
