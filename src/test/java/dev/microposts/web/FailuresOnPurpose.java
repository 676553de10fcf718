package dev.microposts.web;

import dev.microposts.web.spi.FilterOrder;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.jms.UncategorizedJmsException;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Failures raised for real, in the shared application, at each place the web edge meets them: a filter behind
 * the request guard, an API controller, a page controller and a controller that is neither. Each fails only on its own test path, so the
 * application the other tests share behaves as it always does. A broker outage cannot be caused here for real
 * without breaking that shared application, so the broker's failure is the exception its client raises.
 */
final class FailuresOnPurpose {

    static final String FILTER = "/api/v1/failures-on-purpose/filter/";
    static final String API = "/api/v1/failures-on-purpose/";
    static final String PAGE = "/users/failures-on-purpose/";
    static final String OTHER = "/users/failures-on-purpose/other/";

    private FailuresOnPurpose() {}

    /** What a service would raise when the broker refuses a message, wrapped as the layers above it would. */
    static RuntimeException brokerDown() {
        return new IllegalStateException(
                "The event could not be sent", new UncategorizedJmsException("The broker cannot be reached"));
    }

    static RuntimeException bug() {
        return new IllegalStateException("A bug raised on purpose by a test");
    }

    static RuntimeException failure(String kind) {
        return "broker".equals(kind) ? brokerDown() : bug();
    }

    /** Fails where authentication needing a backing service would: after the guard, before any controller. */
    @Component
    @Order(FilterOrder.API_REQUEST_GUARD + 1)
    static class FailingFilter extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !request.getRequestURI().startsWith(FILTER);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            throw failure(request.getRequestURI().substring(FILTER.length()));
        }
    }

    @Hidden
    @RestController
    static class FailingApi {

        @GetMapping(API + "{kind}")
        String fail(@PathVariable String kind) {
            throw failure(kind);
        }
    }

    @Hidden
    @PageController
    static class FailingPage {

        @GetMapping(PAGE + "{kind}")
        String fail(@PathVariable String kind) {
            throw failure(kind);
        }
    }

    /** A controller of neither the API nor the pages: the API's handler answers it with the error page. */
    @Hidden
    @Controller
    static class FailingOther {

        @GetMapping(OTHER + "{kind}")
        String fail(@PathVariable String kind) {
            throw failure(kind);
        }
    }
}
