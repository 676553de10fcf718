package dev.microposts.web;

import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * How the API answers with one page of a list: the items as a JSON array, and an RFC 8288
 * {@code Link: <...>; rel="next"} header when there is more. A {@link Page} stays plain data that services
 * and pages can pass around; only the edge knows that the next page is the same request with another cursor.
 */
public final class PagedResponses {

    private PagedResponses() {}

    /** The page as the answer to the request being served. */
    public static <T> ResponseEntity<List<T>> of(Page<T> page) {
        HttpHeaders headers = new HttpHeaders();
        nextLink(ServletUriComponentsBuilder.fromCurrentRequest(), page.next())
                .ifPresent(link -> headers.add(HttpHeaders.LINK, link));
        return ResponseEntity.ok().headers(headers).body(page.items());
    }

    /**
     * The {@code Link} header naming the page after {@code request}: the same URL with its cursor replaced, so
     * the client's other parameters (limit, filters) carry over. None on the last page.
     */
    static Optional<String> nextLink(UriComponentsBuilder request, Cursor next) {
        if (next == null) {
            return Optional.empty();
        }
        String url = request.replaceQueryParam("cursor", next.encode()).build().toUriString();
        return Optional.of("<" + url + ">; rel=\"next\"");
    }
}
