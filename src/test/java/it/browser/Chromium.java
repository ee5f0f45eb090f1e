package it.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through its own chromedriver (Selenium Manager cannot download
 * drivers here, so both paths are given explicitly). Override them with {@code -Dinkroom.chromium=...}
 * and {@code -Dinkroom.chromedriver=...}.
 */
final class Chromium {

    static final Optional<Path> BINARY = locate("inkroom.chromium",
            List.of("chromium", "chromium-browser", "google-chrome"),
            List.of("/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser"));
    static final Optional<Path> DRIVER = locate("inkroom.chromedriver",
            List.of("chromedriver"),
            List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"));

    /**
     * Installed before any page script: collects uncaught errors, unhandled rejections and console
     * errors/warnings so a test can assert that normal use leaves the console clean.
     */
    static final String CONSOLE_COLLECTOR = """
            (() => {
              const problems = [];
              Object.defineProperty(window, '__consoleProblems', { value: problems });
              addEventListener('error', (e) => problems.push('error: ' + (e.message || e.target?.src || e.target?.href || 'resource failed')), true);
              addEventListener('unhandledrejection', (e) => problems.push('unhandled rejection: ' + (e.reason?.message || e.reason)));
              for (const level of ['error', 'warn']) {
                const original = console[level];
                console[level] = function (...args) {
                  problems.push(level + ': ' + args.map(String).join(' '));
                  return original.apply(this, args);
                };
              }
            })();
            """;

    private Chromium() { }

    static boolean available() {
        return BINARY.isPresent() && DRIVER.isPresent();
    }

    static ChromeDriver start(Path userDataDir) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1200,800",
                "--force-device-scale-factor=1", "--user-data-dir=" + userDataDir.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.orElseThrow().toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CONSOLE_COLLECTOR));
        return driver;
    }

    static Path freshProfile() {
        try {
            return Files.createTempDirectory("inkroom-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                p.toFile().delete();
            }
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp profile is harmless
        }
    }

    private static Optional<Path> locate(String property, List<String> names, List<String> usual) {
        String given = System.getProperty(property);
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return usual.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
