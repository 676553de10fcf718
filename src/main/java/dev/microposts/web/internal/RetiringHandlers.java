package dev.microposts.web.internal;

import dev.microposts.web.Retiring;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Puts the retirement notice on the answers of every {@link Retiring} handler. It is written as soon as the handler
 * is chosen, before the arguments are read, so the answers of a bad request, a refusal or a failure of that handler
 * carry it too; error answers only ever add to the headers. Every mark is checked once the handlers are known, so a
 * mark that breaks the rule stops the start rather than the first request.
 */
@Configuration(proxyBeanMethods = false)
class RetiringHandlers implements WebMvcConfigurer, ApplicationListener<ContextRefreshedEvent> {

    private final Map<HandlerMethod, Optional<RetirementNotice>> notices = new ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof HandlerMethod method) {
                    noticeOf(method).ifPresent(notice -> notice.writeTo(response));
                }
                return true;
            }
        });
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        event.getApplicationContext()
                .getBeansOfType(RequestMappingHandlerMapping.class)
                .values()
                .forEach(mapping -> mapping.getHandlerMethods().values().forEach(this::noticeOf));
    }

    private Optional<RetirementNotice> noticeOf(HandlerMethod method) {
        return notices.computeIfAbsent(method, RetiringHandlers::readMark);
    }

    private static Optional<RetirementNotice> readMark(HandlerMethod method) {
        return markOf(method).map(mark -> RetirementNotice.of(mark, method.toString()));
    }

    /** The handler's own mark, or else its controller's. */
    static Optional<Retiring> markOf(HandlerMethod method) {
        Retiring mark = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), Retiring.class);
        if (mark == null) {
            mark = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), Retiring.class);
        }
        return Optional.ofNullable(mark);
    }
}
