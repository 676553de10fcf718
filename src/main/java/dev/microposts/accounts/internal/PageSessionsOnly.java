package dev.microposts.accounts.internal;

import dev.microposts.web.ApiPaths;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Sessions are for pages. The API is stateless and the operations endpoints need none, so the session
 * filter stays out of their way: no session lookup and one request wrapper fewer on the hot API path.
 */
@Component
class PageSessionsOnly implements BeanPostProcessor {

    static final String SESSION_FILTER = "springSessionRepositoryFilter";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (SESSION_FILTER.equals(beanName) && bean instanceof Filter sessions) {
            return new SkippingFilter(sessions);
        }
        return bean;
    }

    private record SkippingFilter(Filter sessions) implements Filter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String uri = ((HttpServletRequest) request).getRequestURI();
            if (ApiPaths.isApi(uri) || uri.startsWith("/actuator/")) {
                chain.doFilter(request, response);
            } else {
                sessions.doFilter(request, response, chain);
            }
        }
    }
}
