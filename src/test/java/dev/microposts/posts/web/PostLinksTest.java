package dev.microposts.posts.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.posts.VisiblePost;
import dev.microposts.web.LinkRoot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class PostLinksTest {

    private final PostLinks links = new PostLinks(() -> "https://social.example");

    @AfterEach
    void forgetTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aPostLivesInItsAuthorsCollection() {
        assertThat(links.post("ann", 42)).isEqualTo("https://social.example/api/v1/users/ann/collection/42");
    }

    @Test
    void aPersonLivesUnderTheUsers() {
        assertThat(links.user("bob_2")).isEqualTo("https://social.example/api/v1/users/bob_2");
    }

    @Test
    void theViewKeepsEveryFieldAndAddsWhereThePostIs() {
        Instant written = Instant.parse("2026-11-30T12:00:00Z");
        Instant edited = Instant.parse("2026-11-30T12:05:00Z");
        VisiblePost post = new VisiblePost(
                7,
                "hello @cy #Café",
                "bob",
                written,
                "ann",
                written,
                edited,
                List.of(),
                false,
                List.of("cy"),
                List.of("café"),
                5L,
                "cy",
                3,
                1,
                true,
                false,
                null);

        PostView view = links.view(post);

        assertThat(view)
                .isEqualTo(new PostView(
                        "https://social.example/api/v1/users/ann/collection/7",
                        7,
                        "hello @cy #Café",
                        "bob",
                        written,
                        "ann",
                        written,
                        edited,
                        List.of(),
                        false,
                        List.of(new PostView.Mention("cy", "https://social.example/api/v1/users/cy")),
                        List.of(new PostView.Tag("café", "https://social.example/api/v1/tags/caf%C3%A9/posts")),
                        "https://social.example/api/v1/users/cy/collection/5",
                        3,
                        1,
                        true,
                        false,
                        null));
    }

    @Test
    void aTagLinksToItsPostsWhateverItsLetters() {
        assertThat(links.tag("java")).isEqualTo("https://social.example/api/v1/tags/java/posts");
        assertThat(links.tag("日本")).isEqualTo("https://social.example/api/v1/tags/%E6%97%A5%E6%9C%AC/posts");
    }

    @Test
    void withinARequestLinksUseTheAddressItCameTo() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/app/api/v1/search/posts");
        request.setScheme("https");
        request.setServerName("posts.example.net");
        request.setServerPort(8443);
        request.setContextPath("/app");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        assertThat(new PostLinks(LinkRoot::current).post("cy", 3))
                .isEqualTo("https://posts.example.net:8443/app/api/v1/users/cy/collection/3");
    }
}
