package dev.microposts.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium for page tests: Debian's {@code chromium} driven through its {@code chromedriver}
 * (packages {@code chromium} and {@code chromium-driver}), never a downloaded browser. Where they are missing
 * the test is skipped, saying so; {@code .ci/run} installs them, so CI never skips.
 *
 * <p>Screenshots go to {@code target/screenshots/}. The README shows those in {@code docs/screenshots/}:
 * {@code -Dscreenshots.write=true} refreshes the ones already there, and {@code -Dscreenshots.write=thread,tag}
 * writes the shots named (adding them when new). The other shots a test takes stay under target/, so a refresh
 * never fills docs/ with pictures nobody shows.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

    private static final Path DOCS = Path.of("docs/screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh browser (no cookies) with a desktop-sized window, or the test is skipped if there is no Chromium. */
    public static Browser open() {
        return open(false);
    }

    /** A fresh browser that presents itself as a phone: a 390x844 touch screen at three device pixels per point. */
    public static Browser phone() {
        return open(true);
    }

    private static Browser open(boolean phone) {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser tests skipped: Chromium not found at " + CHROMIUM + " with its driver at " + CHROMEDRIVER
                        + ". Install them with: sudo apt-get install chromium chromium-driver");
        try {
            Path profile = Files.createTempDirectory("microposts-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox", // why: CI runs as root, where Chromium refuses its sandbox
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    // why: on a closed network Chromium's own background connections fail, many at a time
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-quic",
                    "--no-first-run",
                    "--user-data-dir=" + profile);
            if (phone) {
                options.setExperimentalOption(
                        "mobileEmulation",
                        java.util.Map.of(
                                "deviceMetrics",
                                java.util.Map.of("width", 390, "height", 844, "pixelRatio", 3.0, "touch", true)));
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            if (!phone) {
                driver.manage().window().setSize(new Dimension(1280, 900));
            }
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves the page as it looks now under {@code target/screenshots/<name>.png} (and docs/, when asked). */
    public void screenshot(String name) {
        try {
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Path target = Files.createDirectories(Path.of("target/screenshots")).resolve(name + ".png");
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            Path docs = DOCS.resolve(name + ".png");
            if (writesToDocs(name, Files.exists(docs))) {
                Files.copy(
                        shot,
                        Files.createDirectories(DOCS).resolve(name + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a shot goes to docs/ as well: {@code true} refreshes those shown, a list of names writes those. */
    static boolean writesToDocs(String name, boolean shown) {
        String asked = System.getProperty("screenshots.write", "").strip();
        if (asked.isEmpty() || asked.equals("false")) {
            return false;
        }
        if (asked.equals("true")) {
            return shown;
        }
        return java.util.Arrays.stream(asked.split(",")).map(String::strip).anyMatch(name::equals);
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
