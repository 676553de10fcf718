package dev.microposts.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.web.spi.RouteTraits;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;

class DeclaredRoutesTest {

    /** Like the media module's: its upload path is called by scripts, takes large bodies and is a transfer. */
    private static final RouteTraits UPLOADS = new RouteTraits() {
        @Override
        public boolean isTransfer(HttpServletRequest request) {
            return request.getRequestURI().equals("/uploads");
        }

        @Override
        public OptionalLong maxBodySize(HttpServletRequest request) {
            return isTransfer(request) ? OptionalLong.of(1_000_000) : OptionalLong.empty();
        }

        @Override
        public boolean answersScripts(HttpServletRequest request) {
            return isTransfer(request);
        }
    };

    /** Declares only a body limit, for every path. */
    private static final RouteTraits LARGE_BODIES = new RouteTraits() {
        @Override
        public OptionalLong maxBodySize(HttpServletRequest request) {
            return OptionalLong.of(5);
        }
    };

    private static DeclaredRoutes routes(RouteTraits... declared) {
        Map<String, Object> beans = new LinkedHashMap<>();
        for (int i = 0; i < declared.length; i++) {
            beans.put("traits" + i, declared[i]);
        }
        return new DeclaredRoutes(new StaticListableBeanFactory(beans).getBeanProvider(RouteTraits.class));
    }

    @Test
    void aRouteNobodyDeclaredIsOrdinary() {
        DeclaredRoutes.Route route = routes().of(new MockHttpServletRequest("POST", "/uploads"));

        assertThat(route.transfer()).isFalse();
        assertThat(route.maxBodySize()).isEmpty();
        assertThat(route.answersScripts()).isFalse();
    }

    @Test
    void theModulesAnswersAreCombined() {
        DeclaredRoutes routes = routes(LARGE_BODIES, UPLOADS);

        DeclaredRoutes.Route upload = routes.of(new MockHttpServletRequest("POST", "/uploads"));
        assertThat(upload.transfer()).as("one module says so").isTrue();
        assertThat(upload.answersScripts()).isTrue();
        assertThat(upload.maxBodySize()).as("the first module's limit").hasValue(5);

        DeclaredRoutes.Route other = routes.of(new MockHttpServletRequest("GET", "/posts"));
        assertThat(other.transfer()).isFalse();
        assertThat(other.answersScripts()).isFalse();
    }

    @Test
    void theApiAndTheRoutesForScriptsAreAnsweredWithProblems() {
        DeclaredRoutes routes = routes(UPLOADS);

        assertThat(routes.answersWithProblems(new MockHttpServletRequest("GET", "/api/v1/posts")))
                .isTrue();
        assertThat(routes.answersWithProblems(new MockHttpServletRequest("POST", "/uploads")))
                .isTrue();
        assertThat(routes.answersWithProblems(new MockHttpServletRequest("GET", "/posts")))
                .isFalse();
    }

    @Test
    void theTraitsAreThoseOfThePathTheClientSentEvenAfterTheContainerForwardsTheFailure() {
        DeclaredRoutes routes = routes(UPLOADS);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/uploads");
        assertThat(routes.of(request).answersScripts()).isTrue();

        request.setRequestURI("/error");

        assertThat(routes.answersWithProblems(request))
                .as("the upload's refusal reaches the error answer as problem+json for the compose box's script")
                .isTrue();
    }
}
