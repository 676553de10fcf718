package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ApiPathsTest {

    @Test
    void versionedAndUnversionedApiPathsAreTheApis() {
        assertThat(ApiPaths.isApi("/api/v1/posts")).isTrue();
        assertThat(ApiPaths.isApi("/api/users/alice")).isTrue();
        assertThat(ApiPaths.isApi("/api/")).isTrue();
    }

    @Test
    void pathsThatOnlyLookLikeTheApiAreNot() {
        assertThat(ApiPaths.isApi("/api"))
                .as("no trailing slash: nothing is served there")
                .isFalse();
        assertThat(ApiPaths.isApi("/apix/v1/posts")).isFalse();
        assertThat(ApiPaths.isApi("/posts/api/v1")).isFalse();
        assertThat(ApiPaths.isApi("/API/v1/posts"))
                .as("paths are case-sensitive")
                .isFalse();
        assertThat(ApiPaths.isApi("")).isFalse();
        assertThat(ApiPaths.isApi((String) null))
                .as("the container reports no path for a request line it could not read")
                .isFalse();
    }

    @Test
    void aRequestIsJudgedByItsPath() {
        assertThat(ApiPaths.isApi(new MockHttpServletRequest("POST", "/api/v1/media")))
                .isTrue();
        assertThat(ApiPaths.isApi(new MockHttpServletRequest("POST", "/uploads")))
                .isFalse();
    }
}
