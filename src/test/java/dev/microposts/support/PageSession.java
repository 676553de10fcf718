package dev.microposts.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without JavaScript, as far as the server can tell: a cookie jar, the login form, and forms posted
 * with the CSRF token of the page they are on. Redirects are not followed, so a test sees where they lead.
 */
public final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final Api api;
    private final HttpClient client =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private PageSession(Api api) {
        this.api = api;
    }

    /** A session nobody has signed in to yet, as a browser arriving at the site. */
    public static PageSession anonymous(Api api) {
        return new PageSession(api);
    }

    /** A session signed in with the login form. */
    public static PageSession signIn(Api api, String username, String password) {
        PageSession session = new PageSession(api);
        HttpResponse<String> loginPage = session.get("/login");
        HttpResponse<String> loggedIn =
                session.post("/login", "username", username, "password", password, "_csrf", csrf(loginPage));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return session;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Accept", "text/html")
                .build());
    }

    /** Posts a form of name/value pairs. */
    public HttpResponse<String> post(String path, String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    }

    /** Whether the home page still greets a signed-in member. */
    public boolean signedIn() {
        return get("/").body().contains("Your timeline");
    }

    /** The CSRF token of a page's form. */
    public static String csrf(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("a CSRF token in " + page.body()).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
