package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

class PagedResponsesTest {

    @AfterEach
    void forgetTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void theNextPageIsTheSameRequestWithTheNextCursor() {
        var request =
                UriComponentsBuilder.fromUriString("http://example.org/api/v1/search/posts?q=cats&cursor=old&limit=3");

        assertThat(PagedResponses.nextLink(request, new Cursor(42)))
                .as("the cursor moves to the end, the other parameters keep their order")
                .contains("<http://example.org/api/v1/search/posts?q=cats&limit=3&cursor=" + new Cursor(42).encode()
                        + ">; rel=\"next\"");
    }

    @Test
    void aFirstPageGainsACursor() {
        var request = UriComponentsBuilder.fromUriString("http://example.org/api/v1/me/timeline");

        assertThat(PagedResponses.nextLink(request, new Cursor(7)))
                .contains(
                        "<http://example.org/api/v1/me/timeline?cursor=" + new Cursor(7).encode() + ">; rel=\"next\"");
    }

    @Test
    void theLastPageLinksNowhere() {
        var request = UriComponentsBuilder.fromUriString("http://example.org/api/v1/me/timeline?cursor=abc");

        assertThat(PagedResponses.nextLink(request, null)).isEmpty();
    }

    @Test
    void anAnswerCarriesTheItemsAndTheLinkOfTheRequestBeingServed() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/users/ann/followers");
        request.setQueryString("limit=2");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        ResponseEntity<List<String>> answer = PagedResponses.of(new Page<>(List.of("bob", "cy"), new Cursor(9)));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).containsExactly("bob", "cy");
        assertThat(answer.getHeaders().get(HttpHeaders.LINK))
                .containsExactly("<http://localhost/api/v1/users/ann/followers?limit=2&cursor=" + new Cursor(9).encode()
                        + ">; rel=\"next\"");
    }

    @Test
    void aLastPageAnswersWithoutALink() {
        RequestContextHolder.setRequestAttributes(
                new ServletRequestAttributes(new MockHttpServletRequest("GET", "/api/v1/me/timeline")));

        ResponseEntity<List<String>> answer = PagedResponses.of(new Page<>(List.of("only"), null));

        assertThat(answer.getHeaders().containsHeader(HttpHeaders.LINK)).isFalse();
    }
}
