package dev.microposts.web;

import dev.microposts.refusals.NotFound;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Retiring handlers in the shared application, for {@link RetiringApiTest}: outside the test class, since Spring
 * leaves a test's own nested classes out of the application it starts. Their paths are their own, so the other
 * tests never meet them, and they are hidden from the API's description.
 */
final class RetiringOnPurpose {

    static final String ONE_HANDLER = "/api/v1/retiring-on-purpose/";
    static final String WHOLE_CONTROLLER = "/api/v1/retired-controller-on-purpose/";

    private RetiringOnPurpose() {}

    @Hidden
    @RestController
    static class OneRetiringHandler {

        @Retiring(since = "2026-12-01", sunset = "2027-06-01", successor = "/api/v2/greetings")
        @GetMapping(ONE_HANDLER + "greeting")
        Map<String, String> greeting(@RequestParam String name) {
            if (name.equals("nobody")) {
                throw new NotFound("There is nobody to greet");
            }
            return Map.of("greeting", "hello, " + name);
        }

        @Retiring(since = "2026-12-01", sunset = "2027-06-01", successor = "/api/v2/greetings")
        @GetMapping(ONE_HANDLER + "repeated")
        Map<String, Integer> repeated(@RequestParam int times) {
            return Map.of("times", times);
        }

        @GetMapping(ONE_HANDLER + "staying")
        Map<String, String> staying() {
            return Map.of("staying", "yes");
        }
    }

    @Hidden
    @RestController
    @Retiring(since = "2026-12-01", sunset = "2027-06-01", successor = "/api/v2/answers")
    static class WholeRetiringController {

        @GetMapping(WHOLE_CONTROLLER + "answer")
        Map<String, Integer> answer() {
            return Map.of("answer", 42);
        }

        @GetMapping(WHOLE_CONTROLLER + "failure")
        Map<String, Integer> failure() {
            throw new IllegalStateException("A bug raised on purpose by a test");
        }
    }
}
