package dev.microposts.ops.internal;

import dev.microposts.web.spi.FilterOrder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A process without the {@code web} role answers nothing but its actuator: every other path is 404, before
 * security, sessions or the database are touched. The HTTP port still opens, so the same probes work whether or
 * not {@code MANAGEMENT_SERVER_PORT} moves the actuator elsewhere, and a load balancer that sends the public here
 * by mistake gets a plain refusal rather than a page of a half-working site.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "microposts.process.web", havingValue = "false")
class WorkerOnlySite {

    private static final String NOT_HERE = """
            {"type":"about:blank","title":"Not Found","status":404,\
            "detail":"This MicroPosts process is a worker; it serves no site"}""";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> workerOnlySiteFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new NotFound());
        registration.setOrder(FilterOrder.WORKER_ONLY_SITE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    private static final class NotFound extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            if (path.equals("/actuator") || path.startsWith("/actuator/")) {
                chain.doFilter(request, response);
                return;
            }
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(NOT_HERE);
        }
    }
}
