package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import dev.microposts.support.Browser;
import dev.microposts.support.PageSteps;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Value;

/**
 * A member posting, following or reporting past their allowance, with the shipped defaults: the API answers 429 with
 * {@code Retry-After} and a sentence saying when; the compose box says the same and keeps the text; nothing is
 * posted or followed past the limit, and other members are not held back.
 */
class MemberLimitsTest extends ApiTest {

    @Value("${microposts.limits.posts.count}")
    int posts;

    @Value("${microposts.limits.follows.count}")
    int follows;

    @Value("${microposts.limits.reports.count}")
    int reports;

    @Test
    void postingPastTheAllowanceIsRefusedOnTheApiAndTheComposeBox() {
        Api.User busy = api.newUser("busy");
        Api.User calm = api.newUser("calm");
        String collection = "/api/v1/users/" + busy.username() + "/collection";
        for (int i = 1; i <= posts; i++) {
            assertThat(api.post(collection, Map.of("text", "post " + i), busy.token())
                            .status())
                    .as("post %d of the allowed %d", i, posts)
                    .isEqualTo(201);
        }

        Api.Response refused = api.post(collection, Map.of("text", "one too many"), busy.token());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isPositive();
        assertThat(refused.json().path("detail").asString())
                .isEqualTo("You have reached the limit of " + posts + " posts in 3 hours; you may post again in "
                        + retryAfter + " seconds.");
        assertThat(api.get(collection + "?limit=1", busy.token())
                        .json()
                        .get(0)
                        .path("text")
                        .asString())
                .as("nothing posted past the limit, and reading is not limited")
                .isEqualTo("post " + posts);
        assertThat(api.post(
                                "/api/v1/users/" + calm.username() + "/collection",
                                Map.of("text", "my allowance is my own"),
                                calm.token())
                        .status())
                .isEqualTo(201);

        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(busy);
            steps.type(page.findElement(By.id("text")), "Typed with care, refused all the same");
            steps.navigate(page.findElement(By.id("compose-submit")));
            assertThat(steps.find("#compose .error").getText())
                    .startsWith("You have reached the limit of " + posts + " posts in 3 hours; you may post again in ");
            assertThat(page.findElement(By.id("text")).getDomProperty("value"))
                    .isEqualTo("Typed with care, refused all the same");
        }
    }

    @Test
    void followingPastTheAllowanceIsRefusedAndUnfollowingIsNot() {
        Api.User eager = api.newUser("eager");
        Api.User star = api.newUser("star");
        Api.User other = api.newUser("other");
        for (int i = 1; i <= follows; i++) {
            assertThat(api.put("/api/v1/me/following/" + star.username(), null, eager.token())
                            .status())
                    .as("follow request %d of the allowed %d, repeats counted", i, follows)
                    .isEqualTo(204);
        }

        Api.Response refused = api.put("/api/v1/me/following/" + other.username(), null, eager.token());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.json().path("detail").asString())
                .startsWith("You have reached the limit of " + follows + " follows in 24 hours; you may follow"
                        + " anyone again in ");
        assertThat(api.get("/api/v1/me/following", eager.token()).json().findValuesAsString("username"))
                .containsExactly(star.username());
        assertThat(api.delete("/api/v1/me/following/" + star.username(), eager.token())
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/me/following", eager.token()).json()).isEmpty();
    }

    @Test
    void limitsReadAsPeopleSayThem() {
        assertThat(MemberLimits.readable(1)).isEqualTo("1 second");
        assertThat(MemberLimits.readable(119)).isEqualTo("119 seconds");
        assertThat(MemberLimits.readable(121)).isEqualTo("3 minutes");
        assertThat(MemberLimits.readable(3 * 3600)).isEqualTo("3 hours");
        assertThat(MemberLimits.readable(24 * 3600)).isEqualTo("24 hours");
        assertThat(MemberLimits.readable(3 * 86400)).isEqualTo("3 days");
    }

    @Test
    void reportingPastTheAllowanceIsRefusedOnTheApiAndTheReportForm() {
        Api.User zealous = api.newUser("zealous");
        Api.User target = api.newUser("target");
        Api.User calm = api.newUser("calm");
        long post = api.newPost(target, "Reported again and again");
        for (int i = 1; i <= reports; i++) {
            assertThat(api.post("/api/v1/reports", Map.of("post", post, "reason", "report " + i), zealous.token())
                            .status())
                    .as("report %d of the allowed %d", i, reports)
                    .isEqualTo(201);
        }

        Api.Response refused =
                api.post("/api/v1/reports", Map.of("post", post, "reason", "one too many"), zealous.token());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isPositive();
        assertThat(refused.json().path("detail").asString())
                .startsWith("You have reached the limit of " + reports + " reports in 24 hours; you may report anything"
                        + " again in ");
        assertThat(api.post("/api/v1/reports", Map.of("post", post, "reason", "  "), zealous.token())
                        .status())
                .as("a report refused anyway says why, not that the limit is reached")
                .isEqualTo(400);
        assertThat(api.post("/api/v1/reports", Map.of("post", post, "reason", "my own allowance"), calm.token())
                        .status())
                .isEqualTo(201);

        try (Browser browser = Browser.open()) {
            ChromeDriver page = browser.driver();
            PageSteps steps = new PageSteps(page, port);
            steps.logIn(zealous);
            page.get(steps.url("/reports/new?account=" + target.username()));
            page.findElement(By.id("reason")).sendKeys("Once more");
            steps.navigate(page.findElement(By.cssSelector("#report-form button")));
            assertThat(page.findElement(By.tagName("main")).getText())
                    .contains("You have reached the limit of " + reports + " reports in 24 hours");
        }
    }
}
