package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.ApiTest;
import dev.microposts.web.spi.FilterOrder;
import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The filters run in the order {@link FilterOrder} documents, as the servlet container itself holds them, Spring
 * Boot's encoding, session and security filters included, since some of ours must come before or after those.
 * The container's own WebSocket filter is left out: it only takes upgrade requests, after all the others.
 */
class FilterOrderTest extends ApiTest {

    /** By bean name, first to last, as the Javadoc of {@link FilterOrder} explains. */
    private static final List<String> DOCUMENTED = List.of(
            "characterEncodingFilter",
            "versionHeader",
            "mediaRequestFilter",
            "malformedParameters",
            "apiRequestGuard",
            "requestConcurrencyLimit",
            "unversionedApiPaths",
            "springSessionRepositoryFilter",
            "uploadGate",
            "springSecurityFilterChain",
            "requestMethodCache");

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theServletContextRunsTheFiltersInTheDocumentedOrder() {
        List<String> running = filtersInTheOrderTheyRun();

        assertThat(running).containsAll(DOCUMENTED);
        assertThat(running.stream().filter(DOCUMENTED::contains).toList())
                .as("all filters, first to last: %s", running)
                .containsExactlyElementsOf(DOCUMENTED);
        List<String> applications =
                running.stream().filter(name -> !name.startsWith("Tomcat ")).toList();
        assertThat(applications.get(applications.size() - 1))
                .as("the method cache sees every wrapper of the application's filters: %s", running)
                .isEqualTo("requestMethodCache");
    }

    /**
     * A filter of ours that the list leaves out would run wherever its order number happens to put it, unseen by
     * the test above; every one must have its documented place, the modules' filters as much as the edge's.
     */
    @Test
    void everyFilterOfTheApplicationHasItsPlaceInTheDocumentedOrder() {
        List<String> ours = context.getBeansOfType(Filter.class).entrySet().stream()
                .filter(bean -> bean.getValue().getClass().getName().startsWith("dev.microposts."))
                .filter(bean -> !isTestCode(bean.getValue().getClass()))
                .map(Map.Entry::getKey)
                .toList();

        assertThat(ours).as("the application's filters").isNotEmpty().allMatch(DOCUMENTED::contains);
        assertThat(ours)
                .as("a module's filter and the edge's")
                .contains(
                        "versionHeader",
                        "mediaRequestFilter",
                        "uploadGate",
                        "apiRequestGuard",
                        "requestConcurrencyLimit");
    }

    /** The tests' own filters (failures on purpose) are placed by the tests that use them. */
    private static boolean isTestCode(Class<?> type) {
        return type.getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath()
                .endsWith("/test-classes/");
    }

    private List<String> filtersInTheOrderTheyRun() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        List<String> names = new ArrayList<>();
        for (Container child : server.getTomcat().getHost().findChildren()) {
            if (child instanceof Context servletContext) {
                Arrays.stream(servletContext.findFilterMaps())
                        .map(FilterMap::getFilterName)
                        .filter(name -> !names.contains(name))
                        .forEach(names::add);
            }
        }
        return names;
    }
}
