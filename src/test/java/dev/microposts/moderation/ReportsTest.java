package dev.microposts.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microposts.support.Api;
import dev.microposts.support.ApiTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Members report posts and accounts; admins read the open reports and act on them: remove the post (through the
 * posts module, so it leaves every timeline) or dismiss the report. Each action is in the audit log and on the
 * bus, and resolves the report.
 */
class ReportsTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReportedPostIsRemovedByAModeratorAndLeavesEveryTimeline() {
        Api.User admin = newAdmin("mod");
        Api.User author = api.newUser("author");
        Api.User reporter = api.newUser("reporter");
        Api.User second = api.newUser("second");
        assertThat(api.put("/api/v1/me/following/" + author.username(), null, reporter.token())
                        .status())
                .isEqualTo(204);
        long postId = api.newPost(author, "Something nasty");
        String href = api.base() + "/api/v1/users/" + author.username() + "/collection/" + postId;
        await().atMost(Duration.ofSeconds(15)).until(() -> timeline(reporter).contains(postId));

        Api.Response filed =
                api.post("/api/v1/reports", Map.of("post", href, "reason", "Insults people"), reporter.token());
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        long reportId = filed.json().path("id").asLong();
        assertThat(api.post("/api/v1/reports", Map.of("post", postId, "reason", "Me too"), second.token())
                        .status())
                .isEqualTo(201);

        JsonNode open =
                api.get("/api/v1/admin/reports?state=open", admin.token()).json();
        JsonNode report = open.valueStream()
                .filter(r -> r.path("id").asLong() == reportId)
                .findFirst()
                .orElseThrow();
        assertThat(report.path("reporter").asString()).isEqualTo(reporter.username());
        assertThat(report.path("account").asString()).isEqualTo(author.username());
        assertThat(report.path("post").asLong()).isEqualTo(postId);
        assertThat(report.path("reason").asString()).isEqualTo("Insults people");
        assertThat(api.get("/api/v1/admin/reports", reporter.token()).status()).isEqualTo(403);

        Api.Response removed = api.post(
                "/api/v1/admin/posts/" + postId + "/removal",
                Map.of("reason", "Insults", "report", reportId),
                admin.token());
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        assertThat(api.get("/api/v1/users/" + author.username() + "/collection/" + postId, null)
                        .status())
                .isEqualTo(404);
        await().atMost(Duration.ofSeconds(15)).until(() -> !timeline(reporter).contains(postId));
        assertThat(ids(api.get("/api/v1/admin/reports?state=open", admin.token())
                        .json()))
                .as("both reports of the post")
                .doesNotContain(reportId);
        JsonNode logged =
                api.get("/api/v1/admin/moderation-log", admin.token()).json().get(0);
        assertThat(logged.path("action").asString()).isEqualTo("remove_post");
        assertThat(logged.path("post").asLong()).isEqualTo(postId);
        assertThat(logged.path("report").asLong()).isEqualTo(reportId);
        assertThat(logged.path("target").asString()).isEqualTo(author.username());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events("microposts.post.deleted", "\"post_id\": " + postId) == 1);
        assertThat(events("microposts.report.filed", "\"report_id\": " + reportId))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events("microposts.moderation.action-taken", "\"report_id\": " + reportId) == 1);
    }

    @Test
    void aDismissedReportIsClosedWithItsReason() {
        Api.User admin = newAdmin("mod");
        Api.User reported = api.newUser("reported");
        Api.User reporter = api.newUser("reporter");
        Api.Response filed = api.post(
                "/api/v1/reports",
                Map.of("account", reported.username(), "reason", "I think it is a bot"),
                reporter.token());
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        long reportId = filed.json().path("id").asLong();

        assertThat(api.post("/api/v1/admin/reports/" + reportId + "/dismiss", Map.of("reason", "x"), reporter.token())
                        .status())
                .isEqualTo(403);
        Api.Response dismissed = api.post(
                "/api/v1/admin/reports/" + reportId + "/dismiss",
                Map.of("reason", "A person, and a polite one"),
                admin.token());
        assertThat(dismissed.status()).as(dismissed.body()).isEqualTo(204);
        assertThat(ids(api.get("/api/v1/admin/reports?state=open", admin.token())
                        .json()))
                .doesNotContain(reportId);
        JsonNode closed = api.get("/api/v1/admin/reports?state=resolved", admin.token())
                .json()
                .valueStream()
                .filter(r -> r.path("id").asLong() == reportId)
                .findFirst()
                .orElseThrow();
        assertThat(closed.path("resolution").asString()).isEqualTo("dismiss");
        JsonNode logged =
                api.get("/api/v1/admin/moderation-log", admin.token()).json().get(0);
        assertThat(logged.path("action").asString()).isEqualTo("dismiss");
        assertThat(logged.path("reason").asString()).isEqualTo("A person, and a polite one");
        assertThat(api.get("/api/v1/me", reported.token()).status())
                .as("nothing happened to them")
                .isEqualTo(200);
    }

    @Test
    void reportsThatCannotBeActedOnAreRefused() {
        Api.User member = api.newUser("member");
        Api.User other = api.newUser("other");
        long own = api.newPost(member, "Mine");

        Api.Response ownPost = api.post("/api/v1/reports", Map.of("post", own, "reason", "oops"), member.token());
        assertThat(ownPost.status()).isEqualTo(400);
        assertThat(ownPost.contentType()).startsWith("application/problem+json");
        assertThat(api.post("/api/v1/reports", Map.of("account", member.username(), "reason", "me"), member.token())
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/reports", Map.of("post", 999_999_999L, "reason", "gone"), other.token())
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/reports", Map.of("account", "nobody_at_all_here", "reason", "who"), other.token())
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/reports", Map.of("post", own, "reason", " "), other.token())
                        .status())
                .as("no reason")
                .isEqualTo(400);
        assertThat(api.post("/api/v1/reports", Map.of("post", own, "reason", "x".repeat(501)), other.token())
                        .status())
                .as("too long a reason")
                .isEqualTo(400);
        assertThat(api.post("/api/v1/reports", Map.of("post", own, "reason", "spam"), null)
                        .status())
                .isEqualTo(401);
    }

    private List<Long> timeline(Api.User reader) {
        return ids(api.get("/api/v1/me/timeline", reader.token()).json());
    }

    private static List<Long> ids(JsonNode items) {
        return items.valueStream().map(p -> p.path("id").asLong()).toList();
    }

    private long events(String type, String containing) {
        return jdbc.sql("select count(*) from bus_events where type = ? and data::text like ?")
                .param(type)
                .param("%" + containing + "%")
                .query(Long.class)
                .single();
    }
}
