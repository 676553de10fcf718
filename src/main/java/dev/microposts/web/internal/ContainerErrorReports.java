package dev.microposts.web.internal;

import dev.microposts.web.ApiPaths;
import dev.microposts.web.ProblemResponses;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Errors Tomcat answers by itself, before the application sees the request (headers over the size limit,
 * too many parameters, a request line it cannot parse): the API's get problem+json and the pages' a short
 * friendly page, instead of Tomcat's own HTML report.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorReports {

    private static final Logger log = LoggerFactory.getLogger(ContainerErrorReports.class);

    /** Runs after Spring Boot's own customizer, so its error report valve is there to be replaced. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // why: a host that starts without a valve of this class adds Tomcat's own report after ours
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
            for (Valve valve : context.getParent().getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    context.getParent().getPipeline().removeValve(valve);
                }
            }
            context.getParent().getPipeline().addValve(new ProblemReportValve());
        });
    }

    static final class ProblemReportValve extends ErrorReportValve {

        ProblemReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable failure) {
            int code = response.getStatus();
            if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(code);
            if (status == null) {
                status = HttpStatus.BAD_REQUEST;
            }
            // why: null when the request line and headers were too long to read; such a request gets the page
            String uri = request.getRequestURI();
            try {
                response.resetBuffer();
                if (ApiPaths.isApi(uri)) {
                    ProblemResponses.write(
                            response.getResponse(),
                            ProblemDetail.forStatusAndDetail(status, ErrorAnswers.detail(status)));
                } else {
                    page(response.getResponse(), status);
                }
            } catch (IOException | IllegalStateException e) {
                log.debug("Could not write the error answer: {}", e.toString());
            }
        }

        private static void page(HttpServletResponse response, HttpStatus status) throws IOException {
            response.setContentType("text/html");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getWriter();
            writer.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                    + status.value()
                    + " · MicroPosts</title></head><body><main>"
                    + (status.is4xxClientError()
                            ? "<h1>That did not look right</h1><p>Something in the link or the form was not what we"
                                    + " expected. Go back and try again.</p>"
                            : "<h1>Something went wrong</h1><p>Please try again in a moment.</p>")
                    + "<p><a href=\"/\">Back to MicroPosts</a></p></main></body></html>");
            writer.flush();
        }
    }
}
