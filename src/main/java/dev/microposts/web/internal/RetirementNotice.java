package dev.microposts.web.internal;

import dev.microposts.web.Retiring;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The headers a {@link Retiring} handler's answers carry, worked out once from its mark. A mark that breaks the
 * API's rule is refused here, so no release can announce a retirement shorter than clients were promised.
 */
record RetirementNotice(String deprecation, String sunset, String link) {

    static final int MINIMUM_MONTHS = 6;

    // why: an IMF-fixdate, the HTTP-date form RFC 9110 asks senders to use, with the day always in two digits
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    static RetirementNotice of(Retiring mark, String where) {
        LocalDate since = day(mark.since(), "since", where);
        LocalDate sunset = day(mark.sunset(), "sunset", where);
        if (sunset.isBefore(since.plusMonths(MINIMUM_MONTHS))) {
            throw new IllegalStateException("@Retiring on " + where + " sets its sunset, " + sunset
                    + ", less than " + MINIMUM_MONTHS + " months after " + since
                    + ": the API promises clients at least that long");
        }
        if (mark.successor().isBlank() || mark.notes().isBlank()) {
            throw new IllegalStateException(
                    "@Retiring on " + where + " must name its successor and where its notes are");
        }
        return new RetirementNotice(
                "@" + since.atStartOfDay(ZoneOffset.UTC).toEpochSecond(),
                HTTP_DATE.format(sunset.atStartOfDay(ZoneOffset.UTC)),
                "<" + mark.successor() + ">; rel=\"successor-version\", <" + mark.notes() + ">; rel=\"deprecation\"");
    }

    void writeTo(HttpServletResponse response) {
        response.setHeader("Deprecation", deprecation);
        response.setHeader("Sunset", sunset);
        response.addHeader("Link", link);
    }

    private static LocalDate day(String text, String attribute, String where) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("@Retiring on " + where + " has " + attribute + " = \"" + text
                    + "\", which is not a day such as 2026-12-01");
        }
    }
}
