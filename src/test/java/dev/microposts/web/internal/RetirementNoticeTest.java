package dev.microposts.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microposts.web.Retiring;
import io.swagger.v3.oas.models.Operation;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

/** The headers worked out from a mark, and the API's rule on its dates, without an application around them. */
class RetirementNoticeTest {

    @Test
    void theHeadersAreTheStartOfTheDaysInUtcAndTheLinks() throws Exception {
        RetirementNotice notice = RetirementNotice.of(mark("sixMonths"), "sixMonths");

        assertThat(notice.deprecation()).isEqualTo("@1796083200");
        assertThat(notice.sunset()).isEqualTo("Tue, 01 Jun 2027 00:00:00 GMT");
        assertThat(notice.link())
                .isEqualTo("</api/v2/things>; rel=\"successor-version\", </v3/api-docs>; rel=\"deprecation\"");
    }

    @Test
    void aSingleDigitDayIsWrittenWithTwoDigitsAndOwnNotesAreLinked() throws Exception {
        RetirementNotice notice = RetirementNotice.of(mark("ownNotes"), "ownNotes");

        assertThat(notice.deprecation()).isEqualTo("@1798761600");
        assertThat(notice.sunset()).isEqualTo("Mon, 05 Jul 2027 00:00:00 GMT");
        assertThat(notice.link())
                .isEqualTo("</api/v2/things>; rel=\"successor-version\", </notes/things>; rel=\"deprecation\"");
    }

    @Test
    void aSunsetSoonerThanSixMonthsIsRefused() {
        assertThatThrownBy(() -> RetirementNotice.of(mark("fiveMonths"), "fiveMonths"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fiveMonths")
                .hasMessageContaining("less than 6 months after 2026-12-01");
    }

    @Test
    void aDateThatIsNotADayIsRefused() {
        assertThatThrownBy(() -> RetirementNotice.of(mark("notADay"), "notADay"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("since = \"December\"");
    }

    @Test
    void theApiDescriptionMarksARetiringOperationDeprecated() throws Exception {
        var customizer = new OpenApiConfiguration().retiringOperations();

        Operation retiring = customizer.customize(
                new Operation(), new HandlerMethod(new Marks(), Marks.class.getDeclaredMethod("sixMonths")));
        Operation staying = customizer.customize(
                new Operation(), new HandlerMethod(new Marks(), Marks.class.getDeclaredMethod("unmarked")));

        assertThat(retiring.getDeprecated()).isTrue();
        assertThat(retiring.getDescription())
                .isEqualTo("Retiring since 2026-12-01, gone after 2027-06-01: use /api/v2/things instead.");
        assertThat(staying.getDeprecated()).isNull();
    }

    private static Retiring mark(String method) throws NoSuchMethodException {
        return Marks.class.getDeclaredMethod(method).getAnnotation(Retiring.class);
    }

    static class Marks {

        @Retiring(since = "2026-12-01", sunset = "2027-06-01", successor = "/api/v2/things")
        void sixMonths() {}

        @Retiring(since = "2027-01-01", sunset = "2027-07-05", successor = "/api/v2/things", notes = "/notes/things")
        void ownNotes() {}

        @Retiring(since = "2026-12-01", sunset = "2027-05-31", successor = "/api/v2/things")
        void fiveMonths() {}

        @Retiring(since = "December", sunset = "2027-06-01", successor = "/api/v2/things")
        void notADay() {}

        void unmarked() {}
    }
}
