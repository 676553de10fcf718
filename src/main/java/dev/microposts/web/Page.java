package dev.microposts.web;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * One page of a list and where the next one starts ({@code null} on the last page).
 *
 * <p>Repositories fetch {@code limit + 1} rows and call {@link #of}, which keeps {@code limit} and
 * derives the next cursor from the last kept item.
 */
public record Page<T>(List<T> items, Cursor next) {

    public static <T> Page<T> of(List<T> rows, int limit, ToLongFunction<T> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), new Cursor(id.applyAsLong(items.get(limit - 1))));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), next);
    }

    /**
     * The page as a JSON array with an RFC 8288 {@code Link: <...>; rel="next"} header pointing at the
     * same request with the next cursor.
     */
    public ResponseEntity<List<T>> toResponse() {
        HttpHeaders headers = new HttpHeaders();
        if (next != null) {
            String url = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor", next.encode())
                    .build()
                    .toUriString();
            headers.add(HttpHeaders.LINK, "<" + url + ">; rel=\"next\"");
        }
        return ResponseEntity.ok().headers(headers).body(items);
    }
}
