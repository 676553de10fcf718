package dev.microposts.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The password rule people read is the one the service enforces. The sign-up and settings pages, in Chromium,
 * state a length, and that length is exactly where the forms and the API start accepting a password; the README
 * and the API description state the same length.
 */
class PasswordRuleTest extends ApiTest {

    private static final Pattern STATED_LENGTH = Pattern.compile("At least (\\d+) characters");

    @Test
    void thePagesStateTheLengthTheFormsEnforce() {
        String username = "pwrule" + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            page.get(url("/signup"));
            int stated = statedLength(page.findElement(By.id("password-hint")));
            assertThat(stated).isEqualTo(PasswordPolicy.MIN_LENGTH);

            page.findElement(By.id("username")).sendKeys(username);
            page.findElement(By.id("password")).sendKeys(password("Qv7-heron-kiln-amber-tide", stated - 1));
            page.findElement(By.cssSelector("main form button")).click();
            assertThat(textOnceShown(page, "password-error"))
                    .isEqualTo("Your password must be at least " + stated + " characters.");
            page.findElement(By.id("password")).sendKeys(password("Qv7-heron-kiln-amber-tide", stated));
            page.findElement(By.cssSelector("main form button")).click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.getCurrentUrl().equals(url("/")));

            page.get(url("/settings"));
            assertThat(statedLength(page.findElement(By.id("new-password-hint"))))
                    .isEqualTo(stated);
            page.findElement(By.id("current_password")).sendKeys(password("Qv7-heron-kiln-amber-tide", stated));
            page.findElement(By.id("new_password")).sendKeys(password("Mz4-otter-lamp-cedar-wharf", stated - 1));
            page.findElement(By.cssSelector("form[action='/settings/password'] button"))
                    .click();
            assertThat(textOnceShown(page, "new-password-error"))
                    .isEqualTo("The new password must be at least " + stated + " characters.");
            page.findElement(By.id("current_password")).sendKeys(password("Qv7-heron-kiln-amber-tide", stated));
            page.findElement(By.id("new_password")).sendKeys(password("Mz4-otter-lamp-cedar-wharf", stated));
            page.findElement(By.cssSelector("form[action='/settings/password'] button"))
                    .click();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !page.findElements(By.cssSelector(".notice")).isEmpty());
        }
        assertThat(api.token(username, password("Mz4-otter-lamp-cedar-wharf", PasswordPolicy.MIN_LENGTH)))
                .isNotBlank();
    }

    @Test
    void theApiEnforcesAndDescribesTheSameLength() {
        int length = PasswordPolicy.MIN_LENGTH;
        Api.Response tooShort = api.post(
                "/api/v1/users",
                Map.of(
                        "username",
                        "pwapi" + System.nanoTime() % 1_000_000,
                        "password",
                        password("Lk5-finch-garnet-moor", length - 1)),
                null);
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("errors").get(0).get("message").asString())
                .isEqualTo("must be at least " + length + " characters");
        Api.Response justLongEnough = api.post(
                "/api/v1/users",
                Map.of(
                        "username",
                        "pwapi" + System.nanoTime() % 1_000_000,
                        "password",
                        password("Lk5-finch-garnet-moor", length)),
                null);
        assertThat(justLongEnough.status()).as(justLongEnough.toString()).isEqualTo(201);

        assertThat(api.get("/v3/api-docs")
                        .json()
                        .at("/components/schemas/Registration/properties/password/minLength")
                        .asInt())
                .isEqualTo(length);
    }

    @Test
    void theReadmeStatesTheSameLength() throws Exception {
        assertThat(Files.readString(Path.of("README.md")))
                .contains("Passwords need at least " + PasswordPolicy.MIN_LENGTH + " characters");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The first {@code length} characters of {@code phrase}: not a common password, whatever the length. */
    private static String password(String phrase, int length) {
        return phrase.substring(0, length);
    }

    private static int statedLength(WebElement hint) {
        Matcher matcher = STATED_LENGTH.matcher(hint.getText());
        assertThat(matcher.find())
                .as("the hint states a length: " + hint.getText())
                .isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** The text of the element once the page that answered the form shows it. */
    private static String textOnceShown(ChromeDriver page, String id) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !page.findElements(By.id(id)).isEmpty());
        return page.findElement(By.id(id)).getText();
    }
}
